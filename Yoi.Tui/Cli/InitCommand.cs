using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Config;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi init</c> / <c>yoi ticket init</c>: writes the commented starter config and creates the Ticket root.</summary>
internal static class InitCommand
{
    public static Command Build(YoiServices services, WorkspaceOption workspace, string name, string prefix = "init")
    {
        var command = workspace.For(new Command(name, "Write .yoi/config.json (refuses to overwrite) and create .yoi/tickets"));
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var result = WorkspaceInit.Run(c.Workspace, services.UserConfigFile, prefix == "ticket" ? "yoi ticket init" : "yoi init");
            c.Out.WriteLine($"created\t{Path.GetRelativePath(c.Workspace, result.ConfigPath)}");
            c.Out.WriteLine($"ensured\t{Path.GetRelativePath(c.Workspace, result.TicketsRoot)}");
            return 0;
        }));
        return command;
    }
}
