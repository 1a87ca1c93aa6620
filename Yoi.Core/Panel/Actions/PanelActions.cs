using Yoi.Core.Config;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Panel.Actions;

/// <summary>
/// Every panel action, through Yoi.Core only: Open, Start Intake (A pre-Ticket, B existing Ticket, through
/// <see cref="RoleLauncher"/>), Return to planning (C, <see cref="PlanningReturn"/>), Queue, Close, Companion send
/// and Reclaim. Each action re-checks current Ticket authority before acting and refuses a stale selection.
/// Results carry a notice; failures never consume the composer draft.
/// </summary>
public sealed partial class PanelActions
{
    public const string Actor = "workspace-panel";

    private readonly YoiPaths _paths;
    private readonly TimeProvider _time;
    private readonly PodControl _control;

    public PanelActions(string workspace, YoiPaths paths, TimeProvider time, PodControl? control = null)
    {
        Workspace = WorkspaceKey.Canonicalize(workspace);
        _paths = paths;
        _time = time;
        _control = control ?? new PodControl(paths, new PodMetadataStore(paths, time), new PodLauncher(paths, PodExecutable.Resolve()),
            (ws, profile) => EngineSpecResolver.Resolve(paths, ws, profile));
    }

    public string Workspace { get; }

    private RoleLauncher Launcher => new(_paths, _control, _time);

    /// <summary>Enter on a blank composer (reference §2.13): Clarify starts Intake, other Ticket actions dispatch, anything else opens.</summary>
    public Task<PanelActionResult> EnterAsync(PanelModel model, PanelRowKey? selected, CancellationToken cancellationToken = default)
    {
        var row = selected is { } key ? model.Find(key) : null;
        return row switch
        {
            TicketRow { TicketAction: PanelAction.Clarify } t => StartIntakeAsync(model, t.Id, cancellationToken),
            TicketRow { TicketAction: PanelAction.Queue or PanelAction.Close or PanelAction.Wait } t => TicketActionAsync(t, cancellationToken),
            _ => Task.FromResult(Open(model, selected)),
        };
    }

    /// <summary>
    /// Enter with text (reference §2.13): Ticket Planning on a ready Ticket returns it to planning (C); Ticket Planning
    /// otherwise starts a pre-Ticket Intake (A); Companion sends to the workspace Companion.
    /// </summary>
    public Task<PanelActionResult> SubmitAsync(PanelModel model, PanelRowKey? selected, ComposerTarget target, string text,
        CancellationToken cancellationToken = default)
    {
        if (target == ComposerTarget.TicketPlanning)
        {
            if (!model.Targets.Contains(ComposerTarget.TicketPlanning))
                return Task.FromResult(PanelActionResult.Warning("Ticket Intake target is unavailable without usable Ticket config."));
            if (selected is { } key && model.Find(key) is TicketRow { TicketAction: PanelAction.Queue } ready)
                return ReturnToPlanningAsync(model, ready.Id, text, cancellationToken);
            return StartPreTicketIntakeAsync(model, text, cancellationToken);
        }
        return SendToCompanionAsync(model, text, cancellationToken);
    }

    /// <summary>Open/attach the selected Pod row or Intake child; other rows explain what Enter does instead.</summary>
    public PanelActionResult Open(PanelModel model, PanelRowKey? selected)
    {
        var row = selected is { } key ? model.Find(key) : null;
        var pod = row switch
        {
            PodRow p => p,
            IntakeChildRow c => model.Pod(c.PodName),
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
