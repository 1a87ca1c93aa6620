using Yoi.Core.Storage;
using Yoi.Core.Tickets;

namespace Yoi.Core.Config;

/// <summary>What <see cref="WorkspaceInit.Run"/> wrote: the config file and the Ticket root.</summary>
public sealed record WorkspaceInitResult(string ConfigPath, string TicketsRoot);

/// <summary>
/// <c>yoi init</c>: writes the commented starter <c>.yoi/config.json</c> (refusing to overwrite one), creates the
/// Ticket root and keeps the Ticket backend lock file out of git. <c>yoi demo</c> uses the same steps.
/// </summary>
public static class WorkspaceInit
{
    public static WorkspaceInitResult Run(string workspace, string? userConfigPath, string command = "yoi init")
    {
        var configPath = WorkspaceConfigLoader.WorkspaceFile(workspace);
        if (File.Exists(configPath))
            throw new TicketException(TicketErrorKind.Conflict, $"{configPath} already exists; edit it instead of running {command} again");
        AtomicFile.WriteAllText(configPath, StarterConfig.Text);
        var config = WorkspaceConfigLoader.Load(workspace, userConfigPath);
        Directory.CreateDirectory(config.TicketsRoot);
        var yoiDir = Path.Combine(workspace, ".yoi");
        var gitignore = Path.Combine(yoiDir, ".gitignore");
        var lockLine = Path.GetRelativePath(yoiDir, Path.Combine(config.TicketsRoot, TicketStore.LockFileName));
        var existing = File.Exists(gitignore) ? File.ReadAllText(gitignore) : "";
        if (!existing.Split('\n').Contains(lockLine))
            AtomicFile.WriteAllText(gitignore, existing + (existing.Length == 0 || existing.EndsWith('\n') ? "" : "\n") + lockLine + "\n");
        return new WorkspaceInitResult(configPath, config.TicketsRoot);
    }
}
