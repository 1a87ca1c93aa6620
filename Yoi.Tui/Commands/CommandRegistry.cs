using Yoi.Core.Protocol;

namespace Yoi.Tui.Commands;

/// <summary>
/// The attached Pod view's colon commands (reference original-panel §2.18, original-core §6.2): parsing on whitespace,
/// argument counts, availability, the fixed error texts, help and prefix suggestions. Pure: running the action is the
/// view's job.
/// </summary>
public sealed class CommandRegistry(IReadOnlyList<ColonCommand> commands)
{
    public const string EmptyCommand = "Empty command. Type :help for available commands.";

    public IReadOnlyList<ColonCommand> Commands => commands;

    /// <summary>help/?, peer, pause, resume, cancel, detach/q.</summary>
    public static CommandRegistry PodView { get; } = new(
    [
        new("help", ["?"], "help [command]", "Show the commands, or the usage of one.", 0, 1, CommandAction.Help, _ => null),
        new("peer", [], "peer <pod-name>", "Register another existing Pod as a reciprocal metadata peer.", 1, 1, CommandAction.Peer,
            c => !c.Connected ? "Cannot register a peer before the Pod is connected."
                : c.Status == PodStatus.Running ? "Cannot register a peer while the Pod is running." : null),
        new("pause", [], "pause", "Pause the running turn at the next safe point.", 0, 0, CommandAction.Pause,
            c => !c.Connected ? "Cannot pause before the Pod is connected."
                : c.Status != PodStatus.Running ? "Cannot pause: the Pod is not running." : null),
        new("resume", [], "resume", "Resume a paused run.", 0, 0, CommandAction.Resume,
            c => !c.Connected ? "Cannot resume before the Pod is connected."
                : c.Status != PodStatus.Paused ? "Cannot resume: the Pod is not paused." : null),
        new("cancel", [], "cancel", "Cancel the running or paused run.", 0, 0, CommandAction.Cancel,
            c => !c.Connected ? "Cannot cancel before the Pod is connected."
                : c.Status == PodStatus.Idle ? "Cannot cancel: the Pod is not running." : null),
        new("detach", ["q"], "detach", "Leave this view; the Pod keeps running.", 0, 0, CommandAction.Detach, _ => null),
    ]);

    public ColonCommand? Find(string word) => commands.FirstOrDefault(c => c.Answers(word));

    /// <summary>Checks <paramref name="line"/> (without the leading colon) in <paramref name="context"/>.</summary>
    public CommandResult Dispatch(string line, CommandContext context)
    {
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return CommandResult.Refused(EmptyCommand);
        var command = Find(words[0]);
        if (command is null) return CommandResult.Refused(Unknown(words[0]));
        var args = words[1..];
        if (args.Length < command.MinArgs || args.Length > command.MaxArgs)
            return CommandResult.Refused($"Invalid arguments. Usage: {command.Usage}");
        if (command.Refusal(context) is { } refusal) return CommandResult.Refused(refusal);
        return command.Action switch
        {
            CommandAction.Help => args.Length == 0
                ? new CommandResult(true, HelpAll(), CommandAction.Help)
                : Find(args[0]) is { } one ? new CommandResult(true, one.Help(), CommandAction.Help) : CommandResult.Refused(Unknown(args[0])),
            CommandAction.Peer => new CommandResult(true, $"peer metadata registration requested with `{args[0]}`", CommandAction.Peer, args[0]),
            CommandAction.Pause => new CommandResult(true, "pause requested", CommandAction.Pause),
            CommandAction.Resume => new CommandResult(true, "resume requested", CommandAction.Resume),
            CommandAction.Cancel => new CommandResult(true, "cancel requested", CommandAction.Cancel),
            _ => new CommandResult(true, "", command.Action),
        };
    }

    /// <summary>Commands whose name or an alias starts with the first word of <paramref name="input"/> (all when empty).</summary>
    public IReadOnlyList<ColonCommand> Suggest(string input)
    {
        var words = input.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1) return Find(words[0]) is { } exact ? [exact] : [];
        var prefix = words.Length == 0 ? "" : words[0];
        return commands.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)
                                   || c.Aliases.Any(a => a.StartsWith(prefix, StringComparison.Ordinal))).ToList();
    }

    /// <summary>"Commands: name (usage), …".</summary>
    public string HelpAll() => "Commands: " + string.Join(", ", commands.Select(c => $"{c.Name} ({c.Usage})"));

    private static string Unknown(string word) => $"Unknown command: {word}. Type :help for available commands.";
}
