using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tui.Screens;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi attach &lt;pod&gt;</c>: the attached Pod view full-screen; a stored but stopped Pod is restored first.</summary>
internal sealed class AttachCommand(YoiServices services, WorkspaceOption workspace)
{
    public const string NotInteractive =
        "yoi attach needs an interactive terminal; use `yoi pod inspect <pod>` or `yoi pod send <pod> TEXT` for scripts";

    public Command Create()
    {
        var name = new Argument<string>("pod") { Description = "Pod name" };
        var command = workspace.For(new Command("attach", "Open the attached view of one Pod of this workspace (history, live output, composer, : commands)") { name });
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            if (!TerminalSession.IsInteractive)
            {
                await parse.Err.WriteLineAsync($"yoi: {NotInteractive}").ConfigureAwait(false);
                return 2;
            }
            var pod = PodName.Validate(parse.GetValue(name)!);
            var control = services.Pods;
            var stored = control.Store.Read(pod);
            if (stored.State != Yoi.Core.Pods.MetadataState.Readable)
            {
                await parse.Err.WriteLineAsync(stored.State == Yoi.Core.Pods.MetadataState.Missing
                    ? $"yoi: pod `{pod}` does not exist; start it with `yoi pod start {pod}` or list Pods with `yoi pod list`"
                    : $"yoi: pod `{pod}` has unreadable metadata ({stored.Error}); inspect it with `yoi pod inspect {pod}`").ConfigureAwait(false);
                return 1;
            }
            var ws = new PodCommands(services, workspace).PodWorkspaceOf(pod, workspace.Of(parse));
            if (PodWorkspace.Of(stored.Metadata) is { } theirs && theirs != ws)
            {
                await parse.Err.WriteLineAsync($"yoi: {PodWorkspace.MismatchMessage(control.Paths, pod, theirs, ws)} " +
                    $"(`yoi pod restore {pod} --adopt`, then attach; or attach from {theirs})").ConfigureAwait(false);
                return 1;
            }
            var (_, alreadyLive) = await control.RestoreAsync(pod, ws, false, ct).ConfigureAwait(false);
            if (!alreadyLive) await parse.Err.WriteLineAsync($"yoi: pod `{pod}` was stopped; restored it from its metadata").ConfigureAwait(false);
            using var session = TerminalSession.Start(mouse: PanelCommand.PanelSettings(services, ws).Mouse);
            using var screen = new PodScreen(PodAttachment.For(control, pod));
            return await new ScreenHost(session).RunAsync(screen, ct).ConfigureAwait(false);
        }));
        return command;
    }
}
