using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Yoi.Tui.Cli;

/// <summary>
/// The one <c>--workspace</c>/<c>-w</c> option: defined once on the root command and recursive, so it is accepted
/// anywhere after <c>yoi</c> (<c>yoi -w ~/src/app ticket list</c>, <c>yoi ticket list -w ~/src/app</c>). Every command
/// that acts on a workspace reads it through <see cref="Of"/>; <see cref="For"/> marks those commands, and help lists
/// the option only for them (and for <c>yoi --help</c>), not for the commands that act on a Pod by name (<c>yoi pod send</c>, <c>yoi peer …</c>).
/// </summary>
internal sealed class WorkspaceOption
{
    private readonly HashSet<Command> _commands = [];

    public Option<string?> Option { get; } = new("--workspace", "-w")
    {
        Description = "Workspace directory (default: the current directory)",
        Recursive = true,
    };

    /// <summary>Marks <paramref name="command"/> (and its subcommands) as acting on the workspace; returns it.</summary>
    public T For<T>(T command) where T : Command
    {
        _commands.Add(command);
        return command;
    }

    /// <summary>Whether <paramref name="command"/> or one of its parents was marked with <see cref="For"/> (the root lists it too).</summary>
    public bool AppliesTo(Command command) =>
        command is RootCommand || _commands.Contains(command) || command.Parents.OfType<Command>().Any(c => c is not RootCommand && AppliesTo(c));

    /// <summary>The workspace a command acts on: the option as an absolute path, else the current directory.</summary>
    public string Of(ParseResult parse) => Path.GetFullPath(parse.GetValue(Option) is { Length: > 0 } ws ? ws : Directory.GetCurrentDirectory());

    /// <summary>Whether the option was given on the command line (a default does not count).</summary>
    public bool Given(ParseResult parse) => parse.GetResult(Option) is { Implicit: false };

    /// <summary>Adds the option to <paramref name="root"/> and makes its help show the option only where it applies.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(Option);
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction inner) help.Action = new ScopedHelp(inner, this);
    }

    private sealed class ScopedHelp(SynchronousCommandLineAction inner, WorkspaceOption workspace) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            workspace.Option.Hidden = !workspace.AppliesTo(parseResult.CommandResult.Command);
            return inner.Invoke(parseResult);
        }
    }
}
