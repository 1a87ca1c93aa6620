using System.CommandLine;

namespace Yoi.Tui.Cli;

/// <summary>The root command. Each command group lives in its own file and is added here with one line.</summary>
internal static class YoiCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("yoi — one terminal panel for several long-lived LLM coding agents on one repository");
        root.Subcommands.Add(PodCommands.Create());
        root.Subcommands.Add(PeerCommands.Create());
        root.Subcommands.Add(ClaimCommands.Create());
        root.Subcommands.Add(IntakeCommands.Create());
        root.Subcommands.Add(InitCommand.Build("init"));
        root.Subcommands.Add(TicketCommands.Build());
        root.Subcommands.Add(AttachCommand.Create());
        root.Subcommands.Add(PanelCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // Plain `yoi` in a terminal opens the panel on the current directory; without a terminal it prints the help.
        if (args.Length == 0 && Terminal.TerminalSession.IsInteractive) args = ["panel"];
        var root = BuildRoot();
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
