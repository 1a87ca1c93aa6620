using System.CommandLine;
using System.CommandLine.Help;
using Yoi.Core.Hosting;

namespace Yoi.Tui.Cli;

/// <summary>
/// The root command and the one entry that runs it. Each command group lives in its own file and is added here with
/// one line. Every command prints through the invocation's writers (<see cref="CliContext"/>), so the same entry runs
/// in the process (<see cref="RunAsync(string[])"/>) and in a test with string writers.
/// </summary>
internal static class YoiCli
{
    public static RootCommand BuildRoot(YoiServices services)
    {
        var root = new RootCommand("yoi — one terminal panel for several long-lived LLM coding agents on one repository");
        var workspace = new WorkspaceOption();
        workspace.AddTo(root);
        root.Subcommands.Add(new PodCommands(services, workspace).Create());
        root.Subcommands.Add(new PeerCommands(services).Create());
        root.Subcommands.Add(new ClaimCommands(services, workspace).Create());
        root.Subcommands.Add(new IntakeCommands(services, workspace).Create());
        root.Subcommands.Add(InitCommand.Build(services, workspace, "init"));
        root.Subcommands.Add(new TicketCommands(services, workspace).Build());
        root.Subcommands.Add(new AttachCommand(services, workspace).Create());
        root.Subcommands.Add(new PanelCommand(services).Create(workspace));
        root.Subcommands.Add(new DemoCommand(services).Create());
        root.Subcommands.Add(new DoctorCommand(services, workspace).Create());
        return root;
    }

    /// <summary>The process entry: the process's services (built once here), stdout and stderr.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        // Plain `yoi` in a terminal opens the panel on the current directory; without a terminal it prints the help.
        if (args.Length == 0 && Terminal.TerminalSession.IsInteractive) args = ["panel"];
        // The composition root of the process: built once here, passed to every command (and the daemon, `yoi pod run`).
        return RunAsync(args, YoiServices.FromEnvironment(), Console.Out, Console.Error);
    }

    /// <summary>Runs one command line with these services, printing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, YoiServices services, TextWriter output, TextWriter error)
    {
        var root = BuildRoot(services);
        var parse = root.Parse(args);
        // `--help` wins over a missing argument (`yoi pod send --help`): System.CommandLine picks the help action then.
        var help = parse.Action is not null && parse.Action == root.Options.OfType<HelpOption>().Single().Action;
        if (!help && parse.Errors.Count > 0 && args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            await error.WriteLineAsync($"yoi: unknown command `{args[0]}`; run `yoi --help` to see the commands").ConfigureAwait(false);
            return 2;
        }
        if (!help && parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors) await error.WriteLineAsync($"yoi: {parseError.Message}").ConfigureAwait(false);
            var command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2));
            await error.WriteLineAsync($"run `yoi {command} --help` for usage".Replace("  ", " ", StringComparison.Ordinal)).ConfigureAwait(false);
            return 2;
        }
        if (!help) return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
        // The help is one finished text: it is composed in memory and written at once (System.CommandLine writes it in
        // about fifty pieces, each a `write` to the terminal or pipe when the output is stdout).
        using var text = new StringWriter();
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = text, Error = error }).ConfigureAwait(false);
        await output.WriteAsync(text.ToString()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        return exit;
    }
}
