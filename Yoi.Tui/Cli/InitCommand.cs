using System.CommandLine;
using Yoi.Core.Config;
using Yoi.Core.Storage;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi init</c> / <c>yoi ticket init</c>: writes the commented starter config and creates the Ticket root.</summary>
internal static class InitCommand
{
    public static Command Build(string name, Option<string?>? workspace = null, string prefix = "init")
    {
        workspace ??= new Option<string?>("--workspace") { Description = "Workspace root (default: current directory)" };
        var command = new Command(name, "Write .yoi/config.json (refuses to overwrite) and create .yoi/tickets");
        if (!workspace.Recursive) command.Options.Add(workspace);
        command.SetAction(parse => TicketCommandContext.Run(parse, workspace, c =>
        {
            var configPath = WorkspaceConfigLoader.WorkspaceFile(c.Workspace);
            if (File.Exists(configPath))
                throw new Core.Tickets.TicketException(Core.Tickets.TicketErrorKind.Conflict,
                    $"{configPath} already exists; edit it instead of running {(prefix == "ticket" ? "yoi ticket init" : "yoi init")} again");
            AtomicFile.WriteAllText(configPath, StarterConfig.Text);
            c.Out.WriteLine($"created\t{Path.GetRelativePath(c.Workspace, configPath)}");
            var config = c.Config();
            Directory.CreateDirectory(config.TicketsRoot);
            var gitignore = Path.Combine(c.Workspace, ".yoi", ".gitignore");
            var lockLine = Path.GetRelativePath(Path.Combine(c.Workspace, ".yoi"), Path.Combine(config.TicketsRoot, Core.Tickets.TicketStore.LockFileName));
            var existing = File.Exists(gitignore) ? File.ReadAllText(gitignore) : "";
            if (!existing.Split('\n').Contains(lockLine))
                AtomicFile.WriteAllText(gitignore, existing + (existing.Length == 0 || existing.EndsWith('\n') ? "" : "\n") + lockLine + "\n");
            c.Out.WriteLine($"ensured\t{Path.GetRelativePath(c.Workspace, config.TicketsRoot)}");
            return 0;
        }));
        return command;
    }
}
