using Yoi.Core.Tickets;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The Ticket view (<c>v</c> on a Ticket row): full title, state and gate, relations, the body, the whole thread
/// (oldest first) and the artifacts, wrapped to the list region and scrolled with the arrows; Esc goes back.
/// </summary>
public static class PanelTicketViewPainter
{
    /// <summary>The view's text lines for <paramref name="width"/> cells (wide characters measured).</summary>
    public static List<Span> Lines(PanelTicketView view, int width)
    {
        var t = view.Ticket;
        var lines = new List<Span>();
        void Add(string text, Style style)
        {
            foreach (var line in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
                foreach (var wrapped in CellWidth.Wrap(line, Math.Max(10, width))) lines.Add(new Span(wrapped, style));
        }
        Add(t.Title, PanelStyles.Bold);
        Add($"{t.Id} · state {t.State.Name()} · gate {(t.Gate is null ? "clear" : "waiting for " + t.Gate)}" +
            (t.Claim is { } c ? $" · claim {c.PodName} ({c.StatusLabel})" : ""), PanelStyles.Hint);
        if (view.Record is not { } record)
        {
            Add("reading the Ticket…", PanelStyles.Hint);
            return lines;
        }
        foreach (var relation in record.Relations) Add($"relation: {relation.Kind} {relation.Target}{(relation.Note is { } n ? " — " + n : "")}", PanelStyles.Hint);
        foreach (var blocker in t.Blockers) Add($"blocked by: {blocker}", PanelStyles.Warning);
        lines.Add(new Span("", default));
        Add(record.Frontmatter.Body.TrimEnd(), default);
        lines.Add(new Span("", default));
        Add($"── thread · {record.Events.Count} event{(record.Events.Count == 1 ? "" : "s")}", PanelStyles.Header);
        foreach (var ev in record.Events)
        {
            Add($"{ev.Kind}{(ev.Author is { } a ? " · " + a : "")}{(ev.Attribute("at") is { } at ? " · " + at : "")}", PanelStyles.PodName);
            Add(ev.Body.TrimEnd(), default);
        }
        if (record.Artifacts.Count > 0)
        {
            lines.Add(new Span("", default));
            Add("── artifacts", PanelStyles.Header);
            foreach (var artifact in record.Artifacts) Add(artifact, PanelStyles.Hint);
        }
        if (record.Resolution is { } resolution)
        {
            lines.Add(new Span("", default));
            Add("── resolution", PanelStyles.Header);
            Add(resolution.TrimEnd(), default);
        }
        return lines;
    }

    /// <summary>Draws the view over <paramref name="area"/> (the list and details regions).</summary>
    public static void Render(Frame frame, Rect area, PanelTicketView view)
    {
        frame.Fill(area);
        var lines = Lines(view, area.Width - 1);
        view.LineCount = Math.Max(1, lines.Count - area.Height + 1);
        var start = Math.Min(view.Offset, Math.Max(0, lines.Count - 1));
        for (var i = 0; i < area.Height && start + i < lines.Count; i++)
            frame.Write(area.X, area.Y + i, CellWidth.Truncate(lines[start + i].Text, area.Width), lines[start + i].Style, area.Right);
    }
}
