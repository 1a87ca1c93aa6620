using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Core.Panel.Actions;

public sealed partial class PanelActions
{
    /// <summary>
    /// B: Intake for an existing planning Ticket (blank Enter on a Clarify row). Re-checks the Ticket is still
    /// planning, then <see cref="RoleLauncher.LaunchIntakeForTicketAsync"/> claims before it spawns and refuses
    /// when another live/restorable/stale Pod owns the claim.
    /// </summary>
    public async Task<PanelActionResult> StartIntakeAsync(PanelModel model, string ticketId, CancellationToken cancellationToken = default)
    {
        if (model.Ticket(ticketId) is not { } row) return PanelActionResult.Warning("No Ticket Intake action is selected.");
        if (row.TicketAction != PanelAction.Clarify) return PanelActionResult.Warning($"{row.ActionLabel} is not handled by Ticket Intake launch.");
        try
        {
            // One load for the whole action: the recheck and the launch read the same config and the same Ticket record.
            var context = LoadContext();
            RecheckAction(row, context);
            var launch = await Launcher.LaunchIntakeForTicketAsync(new RoleContext(context), ticketId, Handoff(model), null, cancellationToken).ConfigureAwait(false);
            return launch.Warnings.Count > 0 ? PanelActionResult.Warning(LaunchSummary(launch)) : PanelActionResult.Info(LaunchSummary(launch));
        }
        catch (StaleSelectionException ex)
        {
            return PanelActionResult.Error("Ticket action rejected", ex.Message);
        }
        catch (RoleLaunchException ex)
        {
            return PanelActionResult.Error(ex.Claim == ClaimDisposition.Refused ? "Ticket Intake launch refused" : "Ticket Intake launch failed",
                $"Intake launch failed for Ticket {ticketId}: {ex.Message}");
        }
    }

    /// <summary>A: Intake before any Ticket exists; the whole draft is the request. Success clears the draft.</summary>
    public async Task<PanelActionResult> StartPreTicketIntakeAsync(PanelModel model, string text, CancellationToken cancellationToken = default)
    {
        if (!model.Targets.Contains(ComposerTarget.TicketPlanning))
            return PanelActionResult.Warning("Ticket Intake target is unavailable without usable Ticket config.");
        if (text.Trim().Length == 0) return PanelActionResult.Warning("Ticket Intake input is empty; type a request first.");
        try
        {
            var launch = await Launcher.LaunchPreTicketIntakeAsync(Workspace, text, Handoff(model), cancellationToken).ConfigureAwait(false);
            var summary = LaunchSummary(launch);
            return launch.Warnings.Count > 0 ? PanelActionResult.Warning(summary, clearComposer: true) : PanelActionResult.Info(summary, clearComposer: true);
        }
        catch (RoleLaunchException ex)
        {
            return PanelActionResult.Error("Ticket Intake launch failed", $"Intake launch failed; composer kept: {ex.Message}");
        }
    }

    /// <summary>
    /// C: returns a ready Ticket to planning with the draft as instructions (<see cref="PlanningReturn"/>), then follows
    /// up through its claim. The draft is consumed once the state change is recorded.
    /// </summary>
    public async Task<PanelActionResult> ReturnToPlanningAsync(PanelModel model, string ticketId, string text, CancellationToken cancellationToken = default)
    {
        if (PlanningReturn.Bound(text).Trim().Length == 0)
            return PanelActionResult.Warning("Type refinement instructions with the Ticket Planning target before returning a ready Ticket to planning.");
        if (model.Ticket(ticketId) is not { } row) return PanelActionResult.Warning("Select a ready Ticket row before returning it to planning.");
        if (row.State != TicketState.Ready || row.TicketAction != PanelAction.Queue)
            return PanelActionResult.Warning("Only ready Ticket rows can be returned to planning from the Ticket Planning target.");
        try
        {
            RecheckAction(row, LoadContext());
            var result = await Launcher.ReturnToPlanningAsync(Workspace, ticketId, text, Handoff(model), cancellationToken).ConfigureAwait(false);
            var open = result.FollowUp == PlanningFollowUp.OpenRestorableIntake && result.PodName is { } pod
                ? new PodToOpen(pod, _paths.PodSocketPath(pod), false) : null;
            var notice = result.Launch is { } launch ? $"{result.Notice} {LaunchSummary(launch)}" : result.Notice;
            var level = result.FollowUp == PlanningFollowUp.StaleClaim || result.Launch is { Warnings.Count: > 0 } ? NoticeLevel.Warning : NoticeLevel.Info;
            return new PanelActionResult(new PanelNotice(level, PanelText.Bounded(notice, 400)), ClearComposer: true, open);
        }
        catch (StaleSelectionException ex)
        {
            return PanelActionResult.Error("Ticket planning return rejected", ex.Message);
        }
        catch (RoleLaunchException ex)
        {
            var returned = LoadContext().Tickets.Show(ticketId).Meta.State == TicketState.Planning;
            return returned
                ? new PanelActionResult(PanelNotice.Error("Ticket Intake launch failed after planning return",
                    $"Ticket {ticketId} returned to planning and the instruction was recorded, but the Intake launch failed: {ex.Message}"), ClearComposer: true)
                : PanelActionResult.Error("Ticket planning return rejected", ex.Message);
        }
        catch (TicketException ex)
        {
            return PanelActionResult.Error("Ticket planning return failed", ex.Message);
        }
    }

    /// <summary>The confirmation text for Reclaim, or null when the selected row offers no reclaim.</summary>
    public static string? ReclaimPrompt(PanelModel model, PanelRowKey? selected) =>
        selected is { } key && model.Find(key) is TicketRow { ReclaimOffered: true } row
            ? $"Reclaim Ticket {row.Id} from stale Pod {row.Claim!.PodName}? y/n" : null;

    /// <summary>
    /// Reclaim (after the y/n confirmation): a planning Ticket's stale claim goes to its Intake Pod name through
    /// <see cref="ClaimService.Reclaim"/> and Intake starts; on a Ticket past planning there is nothing to start,
    /// so the stale claim is released instead. A live or restorable claim is refused.
    /// </summary>
    public async Task<PanelActionResult> ReclaimAsync(PanelModel model, PanelRowKey? selected, CancellationToken cancellationToken = default)
    {
        if (selected is not { } key || model.Find(key) is not TicketRow { ReclaimOffered: true } row)
            return PanelActionResult.Warning("Select a Ticket row with a stale claim to reclaim it.");
        var context = RoleContext.Load(_services, Workspace);
        var claims = context.Claims();
        try
        {
            var record = context.Ticket(row.Id);
            if (record.Meta.State != TicketState.Planning)
            {
                var released = claims.Release(row.Id, force: false, row.Claim!.Generation);
                return PanelActionResult.Info($"{ClaimMessages.Released(released!)} Ticket {row.Id} is {record.Meta.State.Name()}, so no Intake was started.");
            }
            var pod = PodName.IntakeForTicket(row.Id);
            var (previous, current) = claims.Reclaim(row.Id, pod, RoleLauncher.IntakeRole, force: false, row.Claim!.Generation);
            var launch = await Launcher.LaunchIntakeForTicketAsync(Workspace, row.Id, Handoff(model), null, cancellationToken).ConfigureAwait(false);
            return PanelActionResult.Info($"{ClaimMessages.Reclaimed(current, previous.PodName)} {LaunchSummary(launch)}");
        }
        catch (ClaimOperationException ex)
        {
            return PanelActionResult.Error("Reclaim refused", ex.Message);
        }
        catch (RoleLaunchException ex)
        {
            return PanelActionResult.Error("Ticket Intake launch failed", $"Reclaimed, but the Intake launch failed for Ticket {row.Id}: {ex.Message}");
        }
        catch (Exception ex) when (ex is RegistryException or TicketException or IOException)
        {
            return PanelActionResult.Error("Reclaim failed", ex.Message);
        }
    }
}
