using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The <c>/</c> filter: a case-insensitive substring of the words a row shows (<see cref="Matches"/>). A Ticket that
/// matches keeps its Intake children; an Intake child that matches keeps its Ticket; a section header stays when
/// any row under it stays.
/// </summary>
public static class PanelFilter
{
    public static IReadOnlyList<PanelRow> Apply(IReadOnlyList<PanelRow> rows, string filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return rows;
        var needle = filter.Trim();
        var keep = new bool[rows.Count];
        var ticketIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is TicketRow t) ticketIndex[t.Id] = i;
            keep[i] = Matches(rows[i], needle);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not IntakeChildRow child || !ticketIndex.TryGetValue(child.TicketId, out var parent)) continue;
            if (keep[i]) keep[parent] = true;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is IntakeChildRow child && ticketIndex.TryGetValue(child.TicketId, out var parent) && Matches(rows[parent], needle))
                keep[i] = true;
        }
        var result = new List<PanelRow>();
        SectionHeaderRow? header = null;
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            if (row is SectionHeaderRow h) { header = h; continue; }
            if (!keep[i]) continue;
            if (header is not null) { result.Add(header); header = null; }
            result.Add(row);
        }
        return result;
    }

    /// <summary>The words a row shows: id, title, state (short and long), claim, gate, Pod name, role and status.</summary>
    public static bool Matches(PanelRow row, string needle) => row switch
    {
        NeedsYouRow n => Has(n.Label, needle) || Has(n.Why, needle) || Matches(n.Target, needle),
        TicketRow t => Has(t.Id, needle) || Has(t.Title, needle) || Has(t.StateLabel, needle) || Has(t.State.Name(), needle)
            || Has(t.Claim?.PodName, needle) || Has(t.Claim?.StatusLabel, needle) || Has(t.Gate is null ? "clear" : "wait", needle),
        IntakeChildRow c => Has(c.PodName, needle) || Has(c.TicketId, needle) || Has(c.StatusLabel, needle) || Has("intake", needle),
        ChildPodRow c => Has(c.PodName, needle) || Has(c.Branch, needle) || Has(c.Parent, needle) || Has("child", needle)
            || Has(PanelWords.PodState(c.Pod, DateTimeOffset.UtcNow), needle) || Has(c.Summary.Problem, needle),
        InvalidTicketRow r => Has(r.Label, needle) || Has(InvalidTicketRow.StatusLabel, needle),
        PodRow p => Has(p.Name, needle) || Has(p.Role, needle) || Has(PanelWords.PodState(p, DateTimeOffset.UtcNow), needle)
            || (p.IsCompanion && Has("companion", needle)) || (p.IsOrchestrator && Has("orchestrator", needle)),
        _ => false,
    };

    private static bool Has(string? text, string needle) => text is not null && text.Contains(needle, StringComparison.OrdinalIgnoreCase);
}
