using Yoi.Core.Panel;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The <c>/</c> filter: a case-insensitive substring of a Ticket id or title, or of a Pod name. A Ticket that
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

    public static bool Matches(PanelRow row, string needle) => row switch
    {
        TicketRow t => Has(t.Id, needle) || Has(t.Title, needle),
        IntakeChildRow c => Has(c.PodName, needle) || Has(c.TicketId, needle),
        InvalidTicketRow r => Has(r.Label, needle),
        PodRow p => Has(p.Name, needle),
        _ => false,
    };

    private static bool Has(string? text, string needle) => text is not null && text.Contains(needle, StringComparison.OrdinalIgnoreCase);
}
