using Yoi.Core.Panel;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>The target status line and the actionbar (reference §2.10), with the spec's timed notices.</summary>
public static class PanelFooterPainter
{
    /// <summary>What the target line says for the current composer, target and selection.</summary>
    public static IReadOnlyList<Span> TargetSpans(PanelScreenState state)
    {
        var target = state.Target.Label();
        var spans = new List<Span> { new("composer target ", PanelStyles.Hint) };
        if (!state.Composer.IsBlank)
        {
            spans.Add(new Span(target, PanelStyles.TargetDraft));
            spans.Add(new Span($" · draft Enter {DraftAction(state)} · row selection waits until composer is blank", PanelStyles.Hint));
            return spans;
        }
        switch (state.SelectedRow)
        {
            case TicketRow t:
                spans.Add(new Span(target, PanelStyles.TargetTicket));
                spans.Add(new Span(" · selected Ticket ", PanelStyles.Hint));
                spans.Add(new Span(t.StateLabel, PanelRowPainter.PriorityStyle(t.Priority)));
                spans.Add(new Span(" · blank Enter ", PanelStyles.Hint));
                spans.Add(new Span(BlankEnterLabel(t), PanelStyles.TicketTitle));
                if ((t.DisabledReason ?? t.Hint) is { Length: > 0 } reason)
                    spans.Add(new Span(" · " + PanelText.Cut(reason, 100), PanelStyles.Hint));
                break;
            case IntakeChildRow c:
                spans.Add(new Span(target, PanelStyles.TargetIntake));
                spans.Add(new Span(" · selected Intake Pod ", PanelStyles.Hint));
                spans.Add(new Span(c.StatusLabel, PanelRowPainter.ClaimStyle(c.Status)));
                spans.Add(new Span($" · Ticket {c.TicketId} · blank Enter {(c.Action == PanelAction.Open ? "open/attach" : "unavailable")}", PanelStyles.Hint));
                break;
            case PodRow p:
                spans.Add(new Span(target, PanelStyles.TargetDraft with { Attr = TextAttr.None }));
                spans.Add(new Span(" · selected Pod ", PanelStyles.Hint));
                spans.Add(new Span(PanelWords.PodState(p, state.Now), PanelRowPainter.PodStatusStyle(p)));
                spans.Add(new Span($" · blank Enter {(p.CanOpen ? "open/attach" : "unavailable")}", PanelStyles.Hint));
                break;
            case ChildPodRow c:
                spans.Add(new Span(target, PanelStyles.TargetDraft with { Attr = TextAttr.None }));
                spans.Add(new Span($" · selected child Pod of {c.Parent} ", PanelStyles.Hint));
                spans.Add(new Span(PanelWords.PodState(c.Pod, state.Now), PanelRowPainter.PodStatusStyle(c.Pod)));
                spans.Add(new Span($" · blank Enter {(c.Pod.CanOpen ? "open/attach" : "unavailable")}{(c.CanReview ? " · d diff · F finish" : "")}", PanelStyles.Hint));
                break;
            case InvalidTicketRow:
                spans.Add(new Span(target, PanelStyles.TargetTicket));
                spans.Add(new Span(" · selected invalid record · blank Enter unavailable", PanelStyles.Hint));
                break;
            default:
                spans.Add(new Span(target, PanelStyles.TargetDraft with { Attr = TextAttr.None }));
                spans.Add(new Span(" · no row selected · ↑/↓ selects a row", PanelStyles.Hint));
                break;
        }
        return spans;
    }

    public static void TargetLine(Frame frame, Rect line, PanelScreenState state) => StatusLine.Render(frame, line, TargetSpans(state));

    /// <summary>The actionbar's left text and style, first match wins (reference §2.10, with timed notices).</summary>
    public static Span ActionbarLeft(PanelScreenState state)
    {
        if (state.Busy is { } busy) return new Span(busy.WorkingText, PanelStyles.Hint);
        if (state.Notice is { } notice) return new Span(notice.Text, notice.Style);
        if (state.Refreshing && state.Model.Loading) return new Span(PanelModel.LoadingText, PanelStyles.Hint);
        if (!state.Composer.IsBlank)
        {
            return new Span(state.Target == ComposerTarget.Companion
                ? "Companion target: Enter sends composer text to workspace Companion"
                : state.SelectedRow is TicketRow { State: Yoi.Core.Tickets.TicketState.Ready }
                    ? "Ticket Intake target: Enter records instructions and returns selected ready Ticket to planning"
                    : "Ticket Intake target: Enter launches Intake with composer text", PanelStyles.Hint);
        }
        switch (state.SelectedRow)
        {
            case TicketRow t when (t.ReclaimOffered ? t.Hint : t.DisabledReason ?? t.Hint) is { Length: > 0 } reason:
                return new Span(reason, t.ReclaimOffered ? PanelStyles.Warning : PanelStyles.Hint);
            case PodRow p:
                return new Span(p.OpenHint, PanelStyles.Hint);
            case IntakeChildRow c:
                return new Span(c.DisabledReason ?? c.Hint, PanelStyles.Hint);
            case ChildPodRow c:
                return new Span(c.Pod.OpenHint, PanelStyles.Hint);
            case InvalidTicketRow:
                return new Span(InvalidTicketRow.DisabledText, PanelStyles.Warning);
        }
        return new Span(state.Target == ComposerTarget.Companion
            ? "Composer target: Companion; type text to send, or use ↑/↓ then blank Enter for rows"
            : "Composer target: Ticket Intake; type a request, then Enter launches Intake", PanelStyles.Hint);
    }

    /// <summary>The key hints on the right of the actionbar (from <see cref="PanelKeyTable"/>).</summary>
    public static string ActionbarRight(PanelScreenState state) => PanelKeyTable.Hints(state);

    /// <summary>Draws the actionbar; when the key hints would take more than half of the line, the ones at the end
    /// give way first ("? help" stays), so the notice keeps the room.</summary>
    public static void Actionbar(Frame frame, Rect line, PanelScreenState state)
    {
        var right = ActionbarRight(state);
        if (CellWidth.Of(right) > line.Width / 2 && state.Overlay == PanelOverlay.None) right = Shorten(right, line.Width / 2);
        StatusLine.Render(frame, line, [ActionbarLeft(state)], right, PanelStyles.Hint);
    }

    private static string Shorten(string hints, int width)
    {
        var parts = hints.Split("  ");
        var kept = new List<string>();
        var tail = parts.Contains("? help") ? "? help" : parts[^1];
        foreach (var part in parts)
        {
            if (part == tail) continue;
            if (CellWidth.Of(string.Join("  ", [.. kept, part, tail])) > width) break;
            kept.Add(part);
        }
        kept.Add(tail);
        return string.Join("  ", kept);
    }

    private static string DraftAction(PanelScreenState state) => state.Target == ComposerTarget.Companion
        ? "sends to Companion"
        : state.SelectedRow is TicketRow { State: Yoi.Core.Tickets.TicketState.Ready } t
            ? $"returns {t.Id} to planning"
            : "launches Ticket Intake";

    private static string BlankEnterLabel(TicketRow t) => PanelKeys.EnterLabel(t) ?? t.ActionLabel;
}
