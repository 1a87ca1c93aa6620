using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>
/// Joins Tickets, claims, role sessions, the overlay and Pods into rows (reference §2.7, §2.8): Ticket rows
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
        var ticketRows = new List<PanelRow>();
        var closedTickets = new List<TicketRow>();
        if (inputs.ConfigState == TicketConfigState.Usable && inputs.Tickets is { } listing)
            AddTicketSection(inputs, listing, ticketRows, closedTickets, diagnostics);
        var rows = Arrange(inputs.ConfigState == TicketConfigState.Usable, ticketRows, closedTickets, inputs.Pods,
            ChildRows.SectionPods(inputs.Pods, MaxClosedRows));
        rows = ChildRows.Nest(rows, inputs.Pods, inputs.ChildSummaries ?? new Dictionary<string, Delegation.ChildSummary>());
        var header = new PanelHeader(inputs.Workspace, Path.GetFileName(inputs.Workspace), inputs.ConfigState, inputs.Companion, inputs.Orchestrator, attention);
        // Every Unavailable detail is a diagnostic too, except the Orchestrator's when the config itself is the reason (already one line).
        if (inputs.Companion is { State: LifecycleState.Unavailable, Detail: { } companionDetail }) diagnostics.Add(PanelText.Bounded(companionDetail));
        if (inputs.Orchestrator is { State: LifecycleState.Unavailable, Detail: { } orchestratorDetail } && inputs.ConfigState != TicketConfigState.Unusable)
            diagnostics.Add(PanelText.Bounded(orchestratorDetail));
        ComposerTarget[] targets = inputs.ConfigState == TicketConfigState.Usable
            ? [ComposerTarget.Companion, ComposerTarget.TicketPlanning] : [ComposerTarget.Companion];
        return new PanelModel(header, diagnostics.Distinct(StringComparer.Ordinal).ToList(), rows, inputs.Pods, targets, null, false, timing);
    }

    private static void AddTicketSection(PanelInputs inputs, TicketSummaryListing listing, List<PanelRow> rows, List<TicketRow> closedRows, List<string> diagnostics)
    {
        var claims = new Dictionary<string, TicketClaimInfo>(StringComparer.Ordinal);
        foreach (var file in inputs.Registry.Claims)
        {
            claims[file.TicketId] = file.Claim is { } c
                ? new TicketClaimInfo(c.PodName, c.Role, c.Generation, inputs.PodClaimStatus(c.PodName))
                : new TicketClaimInfo("?", "?", 0, null, file.Problem);
        }
        var sessionsByTicket = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var session in inputs.Registry.Sessions)
        {
            if (!string.Equals(session.Role, RoleLauncher.IntakeRole, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var related in session.RelatedTickets)
            {
                if (!sessionsByTicket.TryGetValue(related.Id, out var list)) sessionsByTicket[related.Id] = list = [];
                list.Add(session.PodName);
            }
        }
        var relations = inputs.Relations!;
        var tickets = new List<(TicketRow Row, List<IntakeChildRow> Children)>(listing.Summaries.Count);
        foreach (var record in listing.Summaries)
        {
            if (record.Meta.State == TicketState.Closed)
            {
                var last = record.LatestEvent;
                closedRows.Add(TicketRowBuilder.Build(record, [], [], null, null, [], [], last?.Kind, last?.Excerpt));
                continue;
            }
            IReadOnlyList<TicketBlocker> blockers = [];
            IReadOnlyList<string> notices = [];
            if (!relations.IsUnrelated(record.Id))
            {
                var view = relations.View(record.Id);
                blockers = view.Blockers;
                notices = view.Notices;
            }
            claims.TryGetValue(record.Id, out var claim);
            var children = new List<IntakeChildRow>();
            if (claim is { Status: { } claimStatus } && string.Equals(claim.Role, RoleLauncher.IntakeRole, StringComparison.OrdinalIgnoreCase))
                children.Add(Child(record.Id, claim.PodName, IntakeSource.Claim, claimStatus));
            if (sessionsByTicket.TryGetValue(record.Id, out var sessionPods))
                foreach (var pod in sessionPods.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    if (children.Count >= MaxIntakeChildren) break;
                    if (children.Any(c => c.PodName == pod)) continue;
                    children.Add(Child(record.Id, pod, IntakeSource.RelatedSession, inputs.PodClaimStatus(pod)));
                }
            var intakePods = children.Select(c => c.PodName).ToList();
            var related = new List<string>();
            if (claim is { Status: not null }) related.Add(claim.PodName);
            related.AddRange(intakePods.Where(p => !related.Contains(p)));
            var latest = record.LatestEvent;
            inputs.Overlay.TryGetValue(record.Id, out var overlayState);
            var row = TicketRowBuilder.Build(record, blockers, notices, inputs.Overlay.ContainsKey(record.Id) ? overlayState : null,
                claim, intakePods, related, latest?.Kind, latest?.Excerpt);
            tickets.Add((row, children));
        }
        tickets.Sort((a, b) =>
        {
            var c = a.Row.Priority.CompareTo(b.Row.Priority);
            if (c != 0) return c;
            c = string.CompareOrdinal(b.Row.UpdatedAt, a.Row.UpdatedAt);
            return c != 0 ? c : string.CompareOrdinal(a.Row.Title, b.Row.Title);
        });
        closedRows.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(b.UpdatedAt, a.UpdatedAt);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        var invalid = listing.Invalid.DistinctBy(i => i.Label).ToList();
        foreach (var (row, children) in tickets)
        {
            rows.Add(row);
            rows.AddRange(children);
        }
        foreach (var bad in invalid.Take(MaxInvalidPlaceholders)) rows.Add(new InvalidTicketRow(bad.Label, bad.Reason));
        if (listing.Invalid.Count > 0)
            diagnostics.Add($"Ticket records partially loaded: {listing.Invalid.Count} invalid record(s) unavailable for actions" +
                (invalid.Count > MaxInvalidPlaceholders ? $"; showing first {MaxInvalidPlaceholders} placeholder rows." : "."));
    }

    private static IntakeChildRow Child(string ticketId, string pod, IntakeSource source, ClaimStatus status) =>
        status.Kind == ClaimStatusKind.Stale
            ? new IntakeChildRow(ticketId, pod, source, status, "Associated Intake Pod is stale; no live or restorable Pod entry is available.",
                "Stale Intake claim/session; restore is unavailable")
            : new IntakeChildRow(ticketId, pod, source, status, null, "Open/attach this Ticket's Intake Pod");

    /// <summary>
    /// The list top to bottom: Needs you (always, one quiet header when empty; a Ticket listed there is not repeated under
    /// Open Tickets), Working Pods, open Tickets (with Intake children and invalid placeholders), Idle Pods, Stopped Pods (at most <see cref="MaxClosedRows"/>), Closed Tickets
    /// (newest first). Every header counts what it shows.
    /// </summary>
    /// <param name="pods">Every Pod (Needs you looks at all of them).</param>
    /// <param name="sectionPods">The Pods the sections list: nested delegated children are left out (<see cref="ChildRows"/>).</param>
    private static List<PanelRow> Arrange(bool ticketsShown, List<PanelRow> ticketRows, List<TicketRow> closedTickets, IReadOnlyList<PodRow> pods,
        IReadOnlyList<PodRow> sectionPods)
    {
        var rows = new List<PanelRow>();
        var needs = NeedsYou.Derive(ticketRows.OfType<TicketRow>(), pods);
        rows.Add(new SectionHeaderRow(PanelSection.NeedsYou, needs.Count == 0 ? "Needs you · nothing waiting" : $"Needs you · {needs.Count}"));
        // A Ticket shows once: in Needs you (with its Intake rows under it) instead of in Open Tickets. A Pod stays in its
        // own section too (its section says whether it runs).
        var moved = needs.Where(n => n.Target is TicketRow).Select(n => ((TicketRow)n.Target).Id).ToHashSet(StringComparer.Ordinal);
        foreach (var n in needs)
        {
            rows.Add(n);
            if (n.Target is TicketRow t) rows.AddRange(ticketRows.OfType<IntakeChildRow>().Where(c => c.TicketId == t.Id));
        }
        ticketRows = ticketRows.Where(r => r switch
        {
            TicketRow t => !moved.Contains(t.Id),
            IntakeChildRow c => !moved.Contains(c.TicketId),
            _ => true,
        }).ToList();
        var working = sectionPods.Where(p => p.Section == PanelSection.Working).ToList();
        if (working.Count > 0)
        {
            rows.Add(new SectionHeaderRow(PanelSection.Working, $"Working Pods · {working.Count}"));
            rows.AddRange(working);
        }
        if (ticketsShown)
        {
            var open = ticketRows.Count(r => r is TicketRow);
            var invalid = ticketRows.Count(r => r is InvalidTicketRow);
            rows.Add(new SectionHeaderRow(PanelSection.Tickets, $"Open Tickets · {open}{(invalid > 0 ? $" + {invalid} unreadable" : "")}"));
            rows.AddRange(ticketRows);
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
        if (ticketsShown && closedTickets.Count > 0)
        {
            rows.Add(new SectionHeaderRow(PanelSection.ClosedTickets, $"Closed Tickets · {closedTickets.Count}"));
            rows.AddRange(closedTickets);
        }
        return rows;
    }
}
