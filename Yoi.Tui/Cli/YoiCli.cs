using System.CommandLine;

namespace Yoi.Tui.Cli;

/// <summary>The root command. Each command group lives in its own file and is added here with one line.</summary>
internal static class YoiCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("yoi — one terminal panel for several long-lived LLM coding agents on one repository");
        root.Add(new Command("pod", "Pod daemons") { PodRunCommand.Create() });
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            await Console.Error.WriteLineAsync($"yoi: unknown command `{args[0]}`; run `yoi --help` to see the commands");
            return 2;
        }
        return await parse.InvokeAsync();
    }
}
