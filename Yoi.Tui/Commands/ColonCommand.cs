using Yoi.Core.Protocol;

namespace Yoi.Tui.Commands;

/// <summary>What the attached view knows when a command is checked: is the stream up, and the Pod's status.</summary>
public readonly record struct CommandContext(bool Connected, PodStatus Status);

/// <summary>What a command asks the view to do once it passed its checks.</summary>
public enum CommandAction
{
    Help,
    Peer,
    Pause,
    Resume,
    Cancel,
    Detach,
}

/// <summary>
/// One colon command: its name, aliases, usage, description, how many arguments it takes and when it is available
/// (<see cref="Refusal"/> returns the refusal text, or null when the command may run now).
/// </summary>
public sealed record ColonCommand(
    string Name,
    IReadOnlyList<string> Aliases,
    string Usage,
    string Description,
    int MinArgs,
    int MaxArgs,
    CommandAction Action,
    Func<CommandContext, string?> Refusal)
{
    public bool Answers(string word) => Name == word || Aliases.Contains(word);

    /// <summary>"command: X — usage: U. aliases: A. D" (docs/original-panel.md §2.18).</summary>
    public string Help() =>
        $"command: {Name} — usage: {Usage}. aliases: {(Aliases.Count == 0 ? "none" : string.Join(", ", Aliases))}. {Description}";
}

/// <summary>The outcome of a command line: a refusal (stay in command mode, keep the input) or an action to run.</summary>
public sealed record CommandResult(bool Ok, string Message, CommandAction? Action = null, string? Argument = null)
{
    public static CommandResult Refused(string message) => new(false, message);
}
