using Yoi.Core.Workflows;
using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>
/// Joins Tickets, claims, role sessions, the overlay and Pods into rows (docs/original-panel.md §2.7, §2.8): Ticket rows
/// sorted by priority, then newest <c>updated_at</c>, then title, each followed by its Intake children; up to 5
/// invalid placeholders; Pod sections pending, working and closed (≤ 3 rows).
/// </summary>
internal static class PanelModelBuilder
{
    public const int MaxIntakeChildren = 3;
    public const int MaxInvalidPlaceholders = 5;
    public const int MaxClosedRows = 3;

    public static PanelModel Build(PanelInputs inputs, PanelTiming timing, string? attention)
    {
        var diagnostics = new List<string>(inputs.Diagnostics);
        var tickets = inputs.ConfigState == TicketConfigState.Usable ? inputs.Tickets : null;
        if (tickets is { Invalid.Count: > 0 } withInvalid)
        {
            var labels = withInvalid.Invalid.Select(i => i.Label).Distinct(StringComparer.Ordinal).Count();
            diagnostics.Add($"Ticket records partially loaded: {withInvalid.Invalid.Count} invalid record(s) unavailable for actions" +
                (labels > MaxInvalidPlaceholders ? $"; showing first {MaxInvalidPlaceholders} placeholder rows." : "."));
        }
        var rows = Arrange(inputs.ConfigState == TicketConfigState.Usable, tickets, inputs.Pods, ChildRows.SectionPods(inputs.Pods, MaxClosedRows));
        rows = ChildRows.Nest(rows, inputs.Pods, inputs.ChildSummaries ?? new Dictionary<string, Delegation.ChildSummary>());
        var header = new PanelHeader(inputs.Workspace, Path.GetFileName(inputs.Workspace), inputs.ConfigState, inputs.Companion, inputs.Orchestrator, attention);
        // Every Unavailable detail is a diagnostic too, except the Orchestrator's when the config itself is the reason (already one line).
        if (inputs.Companion is { State: RoleState.Unavailable, Detail: { } companionDetail }) diagnostics.Add(PanelText.Bounded(companionDetail));
        if (inputs.Orchestrator is { State: RoleState.Unavailable, Detail: { } orchestratorDetail } && inputs.ConfigState != TicketConfigState.Unusable)
            diagnostics.Add(PanelText.Bounded(orchestratorDetail));
        ComposerTarget[] targets = inputs.ConfigState == TicketConfigState.Usable
            ? [ComposerTarget.Companion, ComposerTarget.TicketPlanning] : [ComposerTarget.Companion];
        return new PanelModel(header, diagnostics.Distinct(StringComparer.Ordinal).ToList(), rows, inputs.Pods, targets, null, false, timing);
    }

    /// <summary>
    /// The list top to bottom: Needs you (always, one quiet header when empty; a Ticket listed there is not repeated under
    /// Open Tickets), Working Pods, open Tickets (with Intake children and invalid placeholders), Idle Pods, Stopped Pods (at most <see cref="MaxClosedRows"/>), Closed Tickets
    /// (newest first). Every header counts what it shows.
    /// </summary>
    /// <param name="pods">Every Pod (Needs you looks at all of them).</param>
    /// <param name="sectionPods">The Pods the sections list: nested delegated children are left out (<see cref="ChildRows"/>).</param>
    private static List<PanelRow> Arrange(bool ticketsShown, TicketRowSet? tickets, IReadOnlyList<PodRow> pods, IReadOnlyList<PodRow> sectionPods)
    {
        var open = tickets?.Open ?? [];
        var rows = new List<PanelRow>(open.Count * 2 + (tickets?.Closed.Count ?? 0) + pods.Count + 8);
        var needs = NeedsYou.Derive(open.Select(e => e.Row), pods);
        rows.Add(new SectionHeaderRow(PanelSection.NeedsYou, needs.Count == 0 ? "Needs you · nothing waiting" : $"Needs you · {needs.Count}"));
        // A Ticket shows once: in Needs you (with its Intake rows under it) instead of in Open Tickets. A Pod stays in its
        // own section too (its section says whether it runs).
        var moved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in needs)
        {
            rows.Add(n);
            if (n.Target is not TicketRow t) continue;
            moved.Add(t.Id);
            if (tickets!.OpenEntry(t.Id) is { } entry) rows.AddRange(entry.Children);
        }
        var working = sectionPods.Where(p => p.Section == PanelSection.Working).ToList();
        if (working.Count > 0)
        {
            rows.Add(new SectionHeaderRow(PanelSection.Working, $"Working Pods · {working.Count}"));
            rows.AddRange(working);
        }
        if (ticketsShown)
        {
            var invalid = (tickets?.Invalid ?? []).DistinctBy(i => i.Label).Take(MaxInvalidPlaceholders).ToList();
            var shown = open.Count(e => !moved.Contains(e.Row.Id));
            rows.Add(new SectionHeaderRow(PanelSection.Tickets, $"Open Tickets · {shown}{(invalid.Count > 0 ? $" + {invalid.Count} unreadable" : "")}"));
            foreach (var entry in open)
            {
                if (moved.Contains(entry.Row.Id)) continue;
                rows.Add(entry.Row);
                rows.AddRange(entry.Children);
            }
            foreach (var bad in invalid) rows.Add(new InvalidTicketRow(bad.Label, bad.Reason));
        }
        var idle = sectionPods.Where(p => p.Section == PanelSection.Pending).ToList();
        if (idle.Count > 0)
        {
            rows.Add(new SectionHeaderRow(PanelSection.Pending, $"Idle Pods · {idle.Count}"));
            rows.AddRange(idle);
        }
        var stopped = sectionPods.Where(p => p.Section == PanelSection.Closed).ToList();
        if (stopped.Count > 0)
        {
            var shown = Math.Min(stopped.Count, MaxClosedRows);
            rows.Add(new SectionHeaderRow(PanelSection.Closed, shown == stopped.Count
                ? $"Stopped Pods · {stopped.Count}"
                : $"Stopped Pods · {shown} of {stopped.Count} (newest; `yoi pod list` shows all)"));
            rows.AddRange(stopped.Take(MaxClosedRows));
        }
        if (ticketsShown && tickets is { Closed.Count: > 0 } withClosed)
        {
            rows.Add(new SectionHeaderRow(PanelSection.ClosedTickets, $"Closed Tickets · {withClosed.Closed.Count}"));
            rows.AddRange(withClosed.Closed);
        }
        return rows;
    }
}
