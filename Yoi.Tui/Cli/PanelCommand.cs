using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Config;
using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Paths;
using Yoi.Tui.Screens;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi panel [--workspace PATH]</c> (also plain <c>yoi</c> in a terminal): the full-screen workspace panel.</summary>
internal sealed class PanelCommand(YoiServices services)
{
    public const string NeedsTerminal = "yoi panel needs an interactive terminal; use `yoi ticket list` or `yoi pod list` for scripts";

    public Command Create(WorkspaceOption workspace)
    {
        var command = workspace.For(new Command("panel", "Open the full-screen workspace panel (Tickets, claims and Pods in one view)"));
        command.SetAction((parse, ct) => RunAsync(workspace.Of(parse), parse.Err, ct));
        return command;
    }

    /// <summary>The panel's own settings (<c>panel.notify</c>, <c>panel.mouse</c>); defaults when the config is unusable (the panel says why).</summary>
    internal static WorkspaceConfig PanelSettings(YoiServices services, string workspace)
    {
        try
        {
            return services.LoadConfig(workspace);
        }
        catch (ConfigException)
        {
            return new WorkspaceConfig(workspace, workspace, null, "", "", new Dictionary<string, ProfileConfig>(), new Dictionary<string, RoleConfig>(), []);
        }
    }

    /// <summary>Runs the panel on <paramref name="workspace"/>; the terminal is the panel's, the lines before it opens go to <paramref name="error"/>.</summary>
    public async Task<int> RunAsync(string workspace, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TerminalSession.IsInteractive)
        {
            await error.WriteLineAsync($"yoi: {NeedsTerminal}").ConfigureAwait(false);
            return 2;
        }
        if (!Directory.Exists(workspace))
        {
            await error.WriteLineAsync($"yoi: workspace {workspace} does not exist; pass an existing directory with --workspace").ConfigureAwait(false);
            return 2;
        }
        YoiPaths paths;
        try
        {
            paths = services.Paths;
            _ = paths.Data;
        }
        catch (YoiPathsException ex)
        {
            await error.WriteLineAsync($"yoi: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        var control = services.Pods;
        // The loader's change watcher (Ticket root, registry, Pod metadata) drives incremental reloads and triggers them;
        // the config file is picked up by the periodic reload.
        using var loader = new PanelLoader(services, workspace, new PanelLoaderOptions { WatchChanges = true, AttendQueuedWork = true });
        string[] watch = [];
        var settings = PanelSettings(services, loader.Workspace);
        var screen = new PanelScreen(loader, PanelIntentDispatch.Create(new PanelActions(services, loader.Workspace), control), PanelIntentDispatch.PodScreens(control), watch)
        {
            Notifier = PanelNotifier.FromEnvironment(settings.Notify),
        };
        using var session = TerminalSession.Start(mouse: settings.Mouse);
        return await new ScreenHost(session, services.Time).RunAsync(screen, cancellationToken).ConfigureAwait(false);
    }
}
