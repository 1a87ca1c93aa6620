using Yoi.Core.Delegation;

namespace Yoi.Core.Panel;

/// <summary>
/// Where delegated child Pods show in the list. A child whose parent's row is shown nests under it (a child of a child
/// under that child), instead of taking a row of its own in a Pod section; a child that claims a Ticket is also listed
/// under that Ticket's row (after its Intake children). A child whose parent is not a Pod of this workspace stays an
/// ordinary Pod row; one whose parent is a stopped Pod hidden by the stopped-Pods cap shows in its own section when it
/// runs and is hidden with its parent when it is stopped too.
/// </summary>
internal static class ChildRows
{
    /// <summary>The Pods the Pod sections list (every Pod but the nested children), in the given order.</summary>
    public static IReadOnlyList<PodRow> SectionPods(IReadOnlyList<PodRow> pods, int maxClosedRows)
    {
        if (!pods.Any(p => p.Delegation is not null)) return pods;
        var names = pods.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        bool HasParent(PodRow p) => p.Delegation?.Parent is { } parent && parent != p.Name && names.Contains(parent);
        var top = pods.Where(p => !HasParent(p)).ToList();
        var nested = Nested(pods, top, maxClosedRows);
        // A child of a hidden stopped parent: shown in its own section while it runs, hidden with its parent when stopped.
        return pods.Where(p => !nested.Contains(p.Name) && (!HasParent(p) || p.Section != PanelSection.Closed)).ToList();
    }

    /// <summary>
    /// <paramref name="rows"/> with each shown Pod row followed by its nested children (recursively) and each Ticket row
    /// (also one listed in Needs you) followed, after its Intake children, by the child that claims it.
    /// </summary>
    public static List<PanelRow> Nest(List<PanelRow> rows, IReadOnlyList<PodRow> pods, IReadOnlyDictionary<string, ChildSummary> summaries)
    {
        var children = pods.Where(p => p.Delegation is not null).ToList();
        if (children.Count == 0) return rows;
        var sectionPods = rows.OfType<PodRow>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var byParent = children.Where(c => !sectionPods.Contains(c.Name)).ToLookup(c => c.Delegation!.Parent, StringComparer.Ordinal);
        var byName = children.ToDictionary(c => c.Name, StringComparer.Ordinal);
        ChildSummary SummaryOf(PodRow child) => summaries.TryGetValue(child.Name, out var s) ? s : ChildSummary.Missing(ChildSummary.GitFailed);

        var result = new List<PanelRow>(rows.Count + children.Count * 2);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void AddChildrenOf(string parent, int depth)
        {
            foreach (var child in byParent[parent])
            {
                if (!placed.Add(child.Name)) continue; // a metadata cycle never loops
                result.Add(new ChildPodRow(child, SummaryOf(child), depth));
                AddChildrenOf(child.Name, depth + 1);
            }
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            result.Add(row);
            var ticket = row switch
            {
                TicketRow t => t,
                NeedsYouRow { Target: TicketRow t } => t,
                _ => null,
            };
            if (row is PodRow pod) AddChildrenOf(pod.Name, 1);
            if (ticket is null) continue;
            while (i + 1 < rows.Count && rows[i + 1] is IntakeChildRow intake && intake.TicketId == ticket.Id) result.Add(rows[++i]);
            if (ticket.Claim is { Status: not null } claim && byName.TryGetValue(claim.PodName, out var claimant))
                result.Add(new ChildPodRow(claimant, SummaryOf(claimant), 1, ticket.Id));
        }
        return result;
    }

    private static HashSet<string> Nested(IReadOnlyList<PodRow> pods, List<PodRow> top, int maxClosedRows)
    {
        var shown = top.Where(p => p.Section != PanelSection.Closed)
            .Concat(top.Where(p => p.Section == PanelSection.Closed).Take(maxClosedRows))
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var nested = new HashSet<string>(StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var p in pods)
            {
                if (p.Delegation?.Parent is not { } parent || parent == p.Name || nested.Contains(p.Name)) continue;
                if (shown.Contains(parent) || nested.Contains(parent)) changed = nested.Add(p.Name) || changed;
            }
        }
        return nested;
    }
}
