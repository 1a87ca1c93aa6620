using Yoi.Core.Claims;
using Yoi.Core.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Draws one line of the dense list in <see cref="PanelColumns"/>: section headers, "Needs you" rows, Ticket rows
/// (open and closed), Intake children indented under their Ticket, delegated child Pods under their parent and Ticket, invalid records and Pod rows. The selected row
/// has the <c>▶</c> marker and a bold title/name.
/// </summary>
public static class PanelRowPainter
{
    public static void Draw(Frame frame, Rect area, PanelRow row, bool selected, PanelColumns cols, PanelModel model, DateTimeOffset now)
    {
        var y = area.Y;
        if (row is SectionHeaderRow h)
        {
            frame.Write(area.X, y, CellWidth.Truncate(h.Label, area.Width), PanelStyles.Header, area.Right);
            return;
        }
        if (selected) frame.Write(area.X, y, "▶ ", PanelStyles.TicketTitleSelected, area.Right);
        switch (row)
        {
            case NeedsYouRow n:
                DrawNeedsYou(frame, y, n, selected, cols, now);
                break;
            case TicketRow t:
                DrawTicket(frame, y, t, selected, cols, model);
                break;
            case IntakeChildRow c:
                PanelColumns.Cell(frame, cols.StateX, y, cols.StatusSpan, "└ " + c.StatusLabel, ClaimStyle(c.Status));
                PanelColumns.Cell(frame, cols.TitleX, y, cols.Title, "Intake Pod " + c.PodName, selected ? PanelStyles.PodNameSelected : PanelStyles.PodName);
                PanelColumns.Cell(frame, cols.ClaimX, y, cols.Claim, "intake", PanelStyles.Hint);
                Mail(frame, y, cols, model.Pod(c.PodName)?.PendingNotifications ?? 0);
                break;
            case ChildPodRow child:
                PanelChildPainter.Draw(frame, y, child, selected, cols, now);
                break;
            case InvalidTicketRow r:
                PanelColumns.Cell(frame, cols.StateX, y, cols.State, InvalidTicketRow.StatusLabel, PanelStyles.Warning);
                PanelColumns.Cell(frame, cols.IdX, y, cols.Id, r.Label, PanelStyles.Hint);
                PanelColumns.Cell(frame, cols.TitleX, y, cols.Title + 1 + cols.RightSpan, "unreadable record: " + r.Reason, PanelStyles.Warning);
                break;
            case PodRow p:
                DrawPod(frame, y, p, selected, cols, now);
                break;
        }
    }

    public static Style PriorityStyle(ActionPriority priority) => priority switch
    {
        ActionPriority.ReadyForQueue => PanelStyles.ReadyForQueue,
        ActionPriority.ActiveWork => PanelStyles.ActiveWork,
        _ => PanelStyles.Background,
    };

    public static Style ClaimStyle(Yoi.Core.Claims.ClaimStatus? status) => status?.Kind switch
    {
        Yoi.Core.Claims.ClaimStatusKind.Live => PanelStyles.Good,
        Yoi.Core.Claims.ClaimStatusKind.Restorable => PanelStyles.Warning,
        _ => PanelStyles.Failed,
    };

    /// <summary>Pod status colours (reference §2.7), with red for an errored last run and bold green for an unseen finished one.</summary>
    public static Style PodStatusStyle(PodRow p) => p.Status switch
    {
        _ when p.LastRun is { Errored: true } && p.Status is PodRowStatus.LiveIdle or PodRowStatus.Stopped => new Style(Color.Red, Attr: TextAttr.Bold),
        PodRowStatus.LiveIdle when p.Unseen => new Style(Color.Green, Attr: TextAttr.Bold | TextAttr.Underline),
        PodRowStatus.LiveIdle => new Style(Color.Green, Attr: TextAttr.Bold),
        PodRowStatus.LiveRunning => new Style(Color.Yellow, Attr: TextAttr.Bold),
        PodRowStatus.LivePaused => new Style(Color.Cyan, Attr: TextAttr.Bold),
        PodRowStatus.LiveUnknown => PanelStyles.Hint,
        PodRowStatus.LiveUnreachable => new Style(Color.Red, Attr: TextAttr.Bold),
        PodRowStatus.Stopped => PanelStyles.Warning,
        PodRowStatus.Crashed => new Style(Color.Red, Attr: TextAttr.Bold),
        _ => PanelStyles.Hint,
    };

    public static Style NeedsYouStyle(NeedsYouReason reason) => reason switch
    {
        NeedsYouReason.TurnErrored => new Style(Color.Red, Attr: TextAttr.Bold),
        NeedsYouReason.TurnDoneUnseen => new Style(Color.Green, Attr: TextAttr.Bold),
        NeedsYouReason.StaleClaim => PanelStyles.Warning,
        _ => PanelStyles.ReadyForQueue,
    };

    private static void DrawTicket(Frame frame, int y, TicketRow t, bool selected, PanelColumns cols, PanelModel model)
    {
        var closed = t.State == Yoi.Core.Tickets.TicketState.Closed;
        var title = closed ? PanelStyles.Hint : selected ? PanelStyles.TicketTitleSelected : PanelStyles.TicketTitle;
        if (closed && selected) title = PanelStyles.Bold;
        PanelColumns.Cell(frame, cols.StateX, y, cols.State, t.StateLabel, PriorityStyle(t.Priority));
        PanelColumns.Cell(frame, cols.IdX, y, cols.Id, t.Id.Length > cols.Id ? t.Id[..cols.Id] : t.Id, PanelStyles.Hint);
        PanelColumns.Cell(frame, cols.TitleX, y, cols.Title, t.Title, title);
        if (t.Claim is { } claim)
        {
            var text = cols.Claim >= 20 ? $"{PanelWords.Claim(claim)} · {claim.PodName}" : PanelWords.Claim(claim);
            PanelColumns.Cell(frame, cols.ClaimX, y, cols.Claim, text, ClaimStyle(claim.Status));
        }
        if (!closed)
        {
            var (gate, style) = t.Overlay is not null ? ("ahead", PanelStyles.ActiveWork)
                : t.Gate is null ? ("clear", PanelStyles.Hint)
                : ($"wait {t.Blockers.Count}", PanelStyles.Warning);
            PanelColumns.Cell(frame, cols.GateX, y, cols.Gate, gate, style);
        }
        Mail(frame, y, cols, t.Claim is { } c ? model.Pod(c.PodName)?.PendingNotifications ?? 0 : 0);
    }

    private static void DrawPod(Frame frame, int y, PodRow p, bool selected, PanelColumns cols, DateTimeOffset now)
    {
        PanelColumns.Cell(frame, cols.StateX, y, cols.StatusSpan, PanelWords.PodState(p, now), PodStatusStyle(p));
        PanelColumns.Cell(frame, cols.TitleX, y, cols.Title, p.Name, selected ? PanelStyles.PodNameSelected : PanelStyles.PodName);
        if (PanelWords.ErrorLine(p) is { } error)
        {
            // The first line of the error after the name, as far as the title column goes.
            var x = cols.TitleX + CellWidth.Of(CellWidth.Truncate(p.Name, cols.Title)) + 2;
            PanelColumns.Cell(frame, x, y, cols.TitleX + cols.Title - x, error, PanelStyles.Failed);
        }
        var role = p.IsCompanion ? "companion" : p.IsOrchestrator ? "orchestrator" : p.Role ?? "";
        if (p.Ticket is { } ticket) role = role.Length > 0 ? $"{role} · {ticket}" : ticket;
        PanelColumns.Cell(frame, cols.ClaimX, y, cols.Claim, role, PanelStyles.Hint);
        if (p.Peers.Count > 0) PanelColumns.Cell(frame, cols.GateX, y, cols.Gate, p.PeerMarker, PanelStyles.PodName);
        Mail(frame, y, cols, p.PendingNotifications);
    }

    private static void DrawNeedsYou(Frame frame, int y, NeedsYouRow n, bool selected, PanelColumns cols, DateTimeOffset now)
    {
        PanelColumns.Cell(frame, cols.StateX, y, cols.StatusSpan, n.Label, NeedsYouStyle(n.Reason));
        var (name, style) = n.Target switch
        {
            PodRow p => (p.Name, selected ? PanelStyles.PodNameSelected : PanelStyles.PodName),
            TicketRow t => (t.Title, selected ? PanelStyles.TicketTitleSelected : PanelStyles.TicketTitle),
            _ => (n.Target.Key.Value, PanelStyles.Bold),
        };
        var x = cols.TitleX;
        var width = cols.Title + 1 + cols.RightSpan;
        var ago = PanelWords.Ago(n.Since, now);
        var agoWidth = ago is null ? 0 : CellWidth.Of(ago) + 1;
        var nameText = CellWidth.Truncate(name, Math.Max(4, Math.Min(CellWidth.Of(name), width - agoWidth - 4) ));
        x = frame.Write(x, y, nameText, style, cols.TitleX + width);
        frame.Write(x, y, CellWidth.Truncate("  " + n.Why, Math.Max(0, cols.TitleX + width - agoWidth - x)), PanelStyles.Hint, cols.TitleX + width - agoWidth);
        if (ago is not null) PanelColumns.Cell(frame, cols.TitleX + width - agoWidth + 1, y, agoWidth - 1, ago, PanelStyles.Hint, alignRight: true);
    }

    private static void Mail(Frame frame, int y, PanelColumns cols, int pending)
    {
        if (pending > 0) PanelColumns.Cell(frame, cols.MailX, y, cols.Mail, pending > 99 ? "✉∞" : $"✉{pending}", PanelStyles.Warning, alignRight: true);
    }
}
