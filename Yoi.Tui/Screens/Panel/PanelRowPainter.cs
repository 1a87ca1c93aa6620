using Yoi.Core.Panel;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>Draws one list row (reference §2.10): Ticket rows on two lines, Intake children, invalid rows, Pod rows and section headers.</summary>
public static class PanelRowPainter
{
    public const int StateColumn = 10;
    public const int PodStatusColumn = 18;
    private static readonly Column[] TicketColumns = [new(2, Gap: 0), new(StateColumn), new(0)];
    private static readonly Column[] IntakeColumns = [new(4, Gap: 0), new(StateColumn), new(0)];
    private static readonly Column[] PodColumns = [new(2, Gap: 0), new(PodStatusColumn), new(0)];

    public static void Draw(Frame frame, Rect area, PanelRow row, bool selected)
    {
        switch (row)
        {
            case SectionHeaderRow h:
                frame.Write(area.X, area.Y, CellWidth.Truncate(h.Label, area.Width), PanelStyles.Header, area.Right);
                break;
            case TicketRow t:
                DrawTicket(frame, area, t, selected);
                break;
            case IntakeChildRow c:
                DrawIntake(frame, area, c, selected);
                break;
            case InvalidTicketRow r:
                DrawInvalid(frame, area, r, selected);
                break;
            case PodRow p:
                DrawPod(frame, area, p, selected);
                break;
        }
    }

    public static Style PriorityStyle(ActionPriority priority) => priority switch
    {
        ActionPriority.ReadyForQueue => PanelStyles.ReadyForQueue,
        ActionPriority.ActiveWork => PanelStyles.ActiveWork,
        _ => PanelStyles.Background,
    };

    public static Style ClaimStyle(Yoi.Core.Roles.ClaimStatus? status) => status?.Kind switch
    {
        Yoi.Core.Roles.ClaimStatusKind.Live => PanelStyles.Good,
        Yoi.Core.Roles.ClaimStatusKind.Restorable => PanelStyles.Warning,
        _ => PanelStyles.Failed,
    };

    /// <summary>Pod status colours (reference §2.7).</summary>
    public static Style PodStatusStyle(PodRowStatus status) => status switch
    {
        PodRowStatus.LiveIdle => new Style(Color.Green, Attr: TextAttr.Bold),
        PodRowStatus.LiveRunning => new Style(Color.Yellow, Attr: TextAttr.Bold),
        PodRowStatus.LivePaused => new Style(Color.Cyan, Attr: TextAttr.Bold),
        PodRowStatus.LiveUnknown => PanelStyles.Hint,
        PodRowStatus.LiveUnreachable => new Style(Color.Red, Attr: TextAttr.Bold),
        PodRowStatus.Stopped => PanelStyles.Warning,
        _ => new Style(Color.Red, Attr: TextAttr.Bold),
    };

    /// <summary>The second line of a Ticket row: id, overlay, claim (early, so a stale reason survives a narrow terminal), gate, action, reason.</summary>
    public static string TicketDetail(TicketRow t)
    {
        var parts = new List<string> { t.Id };
        if (t.Overlay is { } overlay)
        {
            var text = $"Overlay: local {PanelStates.Compact(t.State)} · orchestration {PanelStates.Compact(overlay)}";
            if (overlay >= Yoi.Core.Tickets.TicketState.Done) text += " · merge pending";
            parts.Add(text);
        }
        if (t.Claim is { } claim) parts.Add($"Claim: {claim.PodName} ({claim.StatusLabel})");
        parts.Add(t.Gate is null ? "Gate: clear" : $"Gate: waiting for {t.Gate}");
        parts.Add($"Action: {t.ActionLabel}");
        if ((t.ReclaimOffered ? t.Hint : t.DisabledReason ?? t.Hint) is { Length: > 0 } reason) parts.Add($"Reason: {reason}");
        return string.Join(" · ", parts);
    }

    private static void DrawTicket(Frame frame, Rect area, TicketRow t, bool selected)
    {
        var title = selected ? PanelStyles.TicketTitleSelected : PanelStyles.TicketTitle;
        Columns.Draw(frame, area, 0, TicketColumns,
            [new Span(selected ? "▶ " : "", PanelStyles.TicketTitleSelected), new Span(t.StateLabel, PriorityStyle(t.Priority)), new Span(t.Title, title)]);
        if (area.Height < 2) return;
        var blocked = t.Gate is not null || t.ReclaimOffered;
        var detail = CellWidth.Truncate(TicketDetail(t), Math.Max(0, area.Width - 7));
        var x = frame.Write(area.X, area.Y + 1, selected ? "│ " : "  ", PanelStyles.TicketTitleSelected, area.Right);
        x = frame.Write(x, area.Y + 1, "meta ", PanelStyles.Hint, area.Right);
        frame.Write(x, area.Y + 1, detail, blocked ? PanelStyles.Warning : PanelStyles.Hint, area.Right);
    }

    private static void DrawIntake(Frame frame, Rect area, IntakeChildRow c, bool selected)
    {
        var name = selected ? PanelStyles.PodNameSelected : PanelStyles.PodName;
        var label = c.StatusLabel;
        var stale = c.Status.Kind == Yoi.Core.Roles.ClaimStatusKind.Stale;
        var text = stale ? $"{c.Title} · {label}" : c.Title;
        Columns.Draw(frame, area, 0, IntakeColumns,
            [new Span(selected ? "  ▶ " : "  └ ", selected ? PanelStyles.PodNameSelected : PanelStyles.Hint),
             new Span(c.Status.Label, ClaimStyle(c.Status)), new Span(text, name)]);
    }

    private static void DrawInvalid(Frame frame, Rect area, InvalidTicketRow r, bool selected)
    {
        var title = selected ? PanelStyles.TicketTitleSelected : PanelStyles.TicketTitle;
        Columns.Draw(frame, area, 0, TicketColumns,
            [new Span(selected ? "▶ " : "", PanelStyles.TicketTitleSelected), new Span(InvalidTicketRow.StatusLabel, PanelStyles.Warning), new Span(r.Title, title)]);
        if (area.Height < 2) return;
        var x = frame.Write(area.X, area.Y + 1, selected ? "│ " : "  ", PanelStyles.TicketTitleSelected, area.Right);
        x = frame.Write(x, area.Y + 1, "meta ", PanelStyles.Hint, area.Right);
        var detail = $"{r.Label} · Gate: unavailable · Reason: {r.Reason}";
        frame.Write(x, area.Y + 1, CellWidth.Truncate(detail, Math.Max(0, area.Right - x)), PanelStyles.Warning, area.Right);
    }

    private static void DrawPod(Frame frame, Rect area, PodRow p, bool selected)
    {
        var name = selected ? PanelStyles.PodNameSelected : PanelStyles.PodName;
        var marker = new Span(selected ? "▶ " : "", PanelStyles.PodNameSelected);
        Columns.Draw(frame, area, 0, PodColumns, [marker, new Span(p.StatusLabel, PodStatusStyle(p.Status)), new Span(p.Name, name)]);
        var x = area.X + 2 + PodStatusColumn + 1 + CellWidth.Of(p.Name);
        if (x >= area.Right) return;
        var extras = new List<Span>();
        if (p.PendingMarker.Length > 0) extras.Add(new Span("  " + p.PendingMarker, PanelStyles.Warning));
        if (p.PeerMarker.Length > 0) extras.Add(new Span("  " + p.PeerMarker, PanelStyles.PodName));
        var role = p.IsCompanion ? "companion" : p.IsOrchestrator ? "orchestrator" : p.Role;
        var about = string.Join(" · ", new[] { role, p.Ticket is null ? null : $"Ticket {p.Ticket}" }.Where(s => !string.IsNullOrEmpty(s)));
        if (about.Length > 0) extras.Add(new Span("  " + about, PanelStyles.Hint));
        foreach (var span in extras)
        {
            var text = CellWidth.Truncate(span.Text, area.Right - x);
            x = frame.Write(x, area.Y, text, span.Style, area.Right);
            if (x >= area.Right) break;
        }
    }
}
