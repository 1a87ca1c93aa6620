using Yoi.Core.Hosting;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Panel.Actions;

/// <summary>
/// Every panel action, through Yoi.Core only: Open, Start Intake (A pre-Ticket, B existing Ticket, through
/// <see cref="RoleLauncher"/>), Return to planning (C, <see cref="PlanningReturn"/>), Queue, Close, Mark ready,
/// Companion send, Reclaim and the Ticket view's read. Which one a key runs is the panel's key table (Yoi.Tui). Each action re-checks current Ticket authority before acting and refuses a stale selection.
/// Results carry a notice; failures never consume the composer draft.
/// </summary>
public sealed partial class PanelActions
{
    public const string Actor = "workspace-panel";

    private readonly YoiServices _services;
    private readonly YoiPaths _paths;
    private readonly TimeProvider _time;
    private readonly PodControl _control;

    public PanelActions(YoiServices services, string workspace)
    {
        Workspace = WorkspaceKey.Canonicalize(workspace);
        _services = services;
        _paths = services.Paths;
        _time = services.Time;
        _control = services.Pods;
    }

    public string Workspace { get; }

    private RoleLauncher Launcher => new(_services);

    /// <summary>Open/attach the selected Pod row, Intake child or a Ticket's live or restorable claimed Pod; other rows explain what Enter does instead.</summary>
    public PanelActionResult Open(PanelModel model, PanelRowKey? selected)
    {
        var row = selected is { } key ? model.Find(key) : null;
        var pod = row switch
        {
            PodRow p => p,
            IntakeChildRow c => model.Pod(c.PodName),
            ChildPodRow c => model.Pod(c.PodName),
            TicketRow { Claim: { IsLiveOrRestorable: true } claim } => model.Pod(claim.PodName),
            _ => null,
        };
        if (pod is null)
        {
            return PanelActionResult.Info(row switch
            {
                TicketRow t => $"Enter dispatches {t.ActionLabel} for Ticket '{t.Title}' after re-checking current Ticket authority.",
                IntakeChildRow c => c.DisabledReason ?? "Open/attach this Ticket's Intake Pod from the associated row.",
                InvalidTicketRow => InvalidTicketRow.DisabledText,
                _ => "No Pod is selected.",
            });
        }
        if (!pod.CanOpen) return PanelActionResult.Warning($"Selected Pod cannot be opened from this view: {pod.OpenHint}");
        var verb = pod.Live ? "Attaching to" : "Restoring/opening";
        return new PanelActionResult(PanelNotice.Info($"{verb} {pod.Name}…"), false, new PodToOpen(pod.Name, pod.SocketPath, pod.Live));
    }

    /// <summary>The handoff an Intake launch carries, from the header's Orchestrator state (reference §2.15).</summary>
    public IntakeHandoff? Handoff(PanelModel model)
    {
        if (model.Header.Orchestrator is not { } orchestrator) return null;
        return new IntakeHandoff(model.Header.WorkspaceLabel, orchestrator.PodName, orchestrator.IsUp,
            orchestrator.IsUp ? null : $"workspace Orchestrator {orchestrator.PodName} is {orchestrator.Label}; launch input still carries the auditable handoff target");
    }

    internal static string LaunchSummary(RoleLaunchResult launch)
    {
        var text = $"Launched Ticket Intake Pod {launch.PodName}.";
        if (launch.PeerRegisteredWith is { } peer) text += $" Handoff peer registered with {peer}.";
        foreach (var warning in launch.Warnings)
            text += warning.StartsWith("local role session registry", StringComparison.Ordinal) ? $" Registry warning: {warning}" : $" Handoff warning: {warning}";
        return text;
    }
}
