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
            case InvalidTicketRow:
                return new Span(InvalidTicketRow.DisabledText, PanelStyles.Warning);
        }
        return new Span(state.Target == ComposerTarget.Companion
            ? "Composer target: Companion; type text to send, or use ↑/↓ then blank Enter for rows"
            : "Composer target: Ticket Intake; type a request, then Enter launches Intake", PanelStyles.Hint);
    }

    /// <summary>The key hints on the right of the actionbar.</summary>
    public static string ActionbarRight(PanelScreenState state)
    {
        var tab = state.TicketTargetAvailable ? "Tab target  " : "";
        return state.Overlay switch
        {
            PanelOverlay.Details => "F2/Esc close details  Ctrl+C quit",
            PanelOverlay.Help => "?/Esc close help  Ctrl+C quit",
            PanelOverlay.ConfirmReclaim => "y reclaim  n/Esc cancel",
            _ when state.FilterEditing => "Enter keep filter  Esc clear filter  Ctrl+C quit",
            _ when !state.Composer.IsBlank => $"Enter send  Alt+Enter newline  {tab}Ctrl+C quit",
            _ when state.Notice is { Notice.HasDetails: true } => "F2 details",
            _ when state.Notice is not null || state.Busy is not null => "? help",
            _ => $"{EnterHint(state)}{tab}/ filter  ? help  q quit",
        };
    }

    /// <summary>Draws the actionbar; the key hints shrink to "? help  Ctrl+C quit" when they would take more than
    /// half of the line, so the notice keeps the room.</summary>
    public static void Actionbar(Frame frame, Rect line, PanelScreenState state)
    {
        var right = ActionbarRight(state);
        if (CellWidth.Of(right) > line.Width / 2 && state.Overlay == PanelOverlay.None) right = "? help  Ctrl+C quit";
        StatusLine.Render(frame, line, [ActionbarLeft(state)], right, PanelStyles.Hint);
    }

    /// <summary>What a blank Enter does on the selected row, as a key hint ("Enter Queue  "), or nothing when it does nothing.</summary>
    private static string EnterHint(PanelScreenState state) => state.SelectedRow switch
    {
        TicketRow { TicketAction: PanelAction.Wait or PanelAction.None } t when !t.ReclaimOffered => "",
        TicketRow t => $"Enter {BlankEnterLabel(t)}  ",
        InvalidTicketRow => "",
        _ => "Enter open  ",
    };

    private static string DraftAction(PanelScreenState state) => state.Target == ComposerTarget.Companion
        ? "sends to Companion"
        : state.SelectedRow is TicketRow { State: Yoi.Core.Tickets.TicketState.Ready } t
            ? $"returns {t.Id} to planning"
            : "launches Ticket Intake";

    private static string BlankEnterLabel(TicketRow t) => t.ReclaimOffered && t.TicketAction is PanelAction.Clarify or PanelAction.Reclaim
        ? "Reclaim"
        : t.TicketAction == PanelAction.Clarify ? "Start Intake" : t.ActionLabel;
}
