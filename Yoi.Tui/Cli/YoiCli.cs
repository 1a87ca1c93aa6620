using System.CommandLine;
using Yoi.Core.Hosting;

namespace Yoi.Tui.Cli;

/// <summary>The root command. Each command group lives in its own file and is added here with one line.</summary>
internal static class YoiCli
{
    public static RootCommand BuildRoot(YoiServices services)
    {
        var root = new RootCommand("yoi — one terminal panel for several long-lived LLM coding agents on one repository");
        root.Subcommands.Add(new PodCommands(services).Create());
        root.Subcommands.Add(new PeerCommands(services).Create());
        root.Subcommands.Add(new ClaimCommands(services).Create());
        root.Subcommands.Add(new IntakeCommands(services).Create());
        root.Subcommands.Add(InitCommand.Build(services, "init"));
        root.Subcommands.Add(new TicketCommands(services).Build());
        root.Subcommands.Add(new AttachCommand(services).Create());
        root.Subcommands.Add(new PanelCommand(services).Create());
        root.Subcommands.Add(new DemoCommand(services).Create());
        root.Subcommands.Add(new DoctorCommand(services).Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // Plain `yoi` in a terminal opens the panel on the current directory; without a terminal it prints the help.
        if (args.Length == 0 && Terminal.TerminalSession.IsInteractive) args = ["panel"];
        // The composition root of the process: built once here, passed to every command (and the daemon, `yoi pod run`).
        var root = BuildRoot(YoiServices.FromEnvironment());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            await Console.Error.WriteLineAsync($"yoi: unknown command `{args[0]}`; run `yoi --help` to see the commands");
            return 2;
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"yoi: {error.Message}");
            var command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2));
            await Console.Error.WriteLineAsync($"run `yoi {command} --help` for usage".Replace("  ", " ", StringComparison.Ordinal));
            return 2;
        }
        return await parse.InvokeAsync();
    }
}
