using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>
/// Derives one Ticket row (docs/original-panel.md §2.8.3 and §2.8.4): kind, priority, action, gate, reason and hint from the
/// state, the unresolved blockers and the orchestration overlay. Pure; also used by the actions to re-check a
/// selection against a fresh read.
/// </summary>
public static class TicketRowBuilder
{
    /// <summary>The derivation without claim, Pods or latest event (what an action re-checks).</summary>
    public static TicketRow Derive(TicketSummary record, IReadOnlyList<TicketBlocker> blockers, TicketState? overlay) =>
        Build(record, blockers, [], overlay, null, [], [], null, null);

    public static TicketRow Build(TicketSummary record, IReadOnlyList<TicketBlocker> blockers, IReadOnlyList<string> relationNotices,
        TicketState? overlay, TicketClaimInfo? claim, IReadOnlyList<string> intakePods, IReadOnlyList<string> relatedPods,
        string? latestKind, string? latestExcerpt)
    {
        var state = record.Meta.State;
        var local = state.Name();
        var applied = overlay is { } o && o > state ? o : (TicketState?)null;
        TicketRowKind kind;
        ActionPriority priority;
        PanelAction action;
        string? gate = null, reason = null, hint = null;
        if (applied is { } ahead)
        {
            action = PanelAction.Wait;
            if (ahead >= TicketState.Done)
            {
                kind = TicketRowKind.Review;
                priority = ActionPriority.Background;
                reason = $"orchestration worktree overlay shows Ticket state {ahead.Name()}; local state remains {local} until merge/review/close authority updates the current branch.";
                hint = $"Merge pending: local: {local} · orchestration: {ahead.Name()}";
            }
            else
            {
                kind = TicketRowKind.ActiveWork;
                priority = ActionPriority.ActiveWork;
                reason = $"orchestration worktree overlay shows Ticket state {ahead.Name()}; local state remains {local} and duplicate queue/start actions are suppressed.";
                hint = $"Progress overlay: local: {local} · orchestration: {ahead.Name()}";
            }
        }
        else if (blockers.Count > 0)
        {
            var list = string.Join(", ", blockers.Select(b => b.ToString()));
            gate = list;
            kind = state switch
            {
                TicketState.Planning => TicketRowKind.Planning,
                TicketState.Queued or TicketState.InProgress => TicketRowKind.ActiveWork,
                TicketState.Done => TicketRowKind.Review,
                _ => TicketRowKind.Ticket,
            };
            priority = state is TicketState.Queued or TicketState.InProgress ? ActionPriority.ActiveWork : ActionPriority.Background;
            action = PanelAction.Wait;
            var soft = blockers.All(b => b.State is TicketState.Queued or TicketState.InProgress);
            reason = state == TicketState.Ready && soft
                ? $"Queue disabled: prerequisites are already queued/in progress ({list}); Queue opens once they are done or closed."
                : $"Queue disabled: waiting for {list}. Resolve dependency/blocker before ready -> queued.";
            hint = $"Gate: waiting for {list}";
        }
        else
        {
            (kind, priority, action, reason, hint) = state switch
            {
                TicketState.Ready => (TicketRowKind.Ticket, ActionPriority.ReadyForQueue, PanelAction.Queue, (string?)null,
                    (string?)"Queue transitions ready -> queued and may notify Orchestrator"),
                TicketState.Queued => (TicketRowKind.ActiveWork, ActionPriority.ActiveWork, PanelAction.Wait, "Ticket is queued for Orchestrator routing.", null),
                TicketState.InProgress => (TicketRowKind.ActiveWork, ActionPriority.ActiveWork, PanelAction.Wait, "Ticket is already in progress.", null),
                TicketState.Done => (TicketRowKind.Review, ActionPriority.Background, PanelAction.Close, "state is done; close if a resolution is still missing.", null),
                TicketState.Planning => (TicketRowKind.Planning, ActionPriority.Background, PanelAction.Clarify,
                    "Ticket is still in planning; mark it ready before queueing.", "Planning/Intake helpers can set state = ready"),
                _ => (TicketRowKind.Review, ActionPriority.Background, PanelAction.None, "Ticket is closed.", null),
            };
        }
        if (claim is { IsStale: true } && action == PanelAction.Clarify)
            hint = $"Intake claim by {claim.PodName} is {claim.StatusLabel}; Ctrl+R reclaims it and starts Intake";
        return new TicketRow(record.Id, record.Meta.Title, state, applied, kind, priority, action, gate, reason, hint, blockers,
            relationNotices, claim, intakePods, relatedPods, latestKind, latestExcerpt, record.Meta.UpdatedAt);
    }
}
