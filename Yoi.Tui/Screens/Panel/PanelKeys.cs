using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Key routing for the panel (reference §2.13 with the spec's additions): overlays first, then quit, F2, help,
/// filter, Esc, Tab, row movement on a blank composer, Ctrl+R, the Enter table, and composer editing. Changes
/// only <see cref="PanelScreenState"/>; anything that needs the workspace comes back as a <see cref="PanelIntent"/>.
/// </summary>
public static class PanelKeys
{
    public const string SelectionCleared = "Row selection cleared; composer draft and target are unchanged.";
    public const string NoDetails = "No Panel diagnostic details yet";
    public const string StillWorking = "An action is still running; wait for it to finish. Draft kept.";

    /// <param name="viewHeight">Lines of the list region (for paging).</param>
    public static PanelIntent? Handle(PanelScreenState state, Key key, DateTimeOffset now, int viewHeight)
    {
        if (key.IsCtrl('c') || key.IsCtrl('d')) return new QuitIntent();
        state.OnAnyKey();
        if (key.Code != KeyCode.Delete) state.ArmedRemoval = null;
        switch (state.Overlay)
        {
            case PanelOverlay.Help:
                if (key.Code is KeyCode.Escape or KeyCode.F1 || key.Text == "?" || key.Text == "q") state.CloseOverlay();
                return null;
            case PanelOverlay.Details:
                if (key.Code is KeyCode.Escape or KeyCode.F2) state.CloseOverlay();
                return null;
            case PanelOverlay.ConfirmReclaim:
                return Confirm(state, key, now);
        }
        if (state.FilterEditing && Filter(state, key)) return null;
        var blank = state.Composer.IsBlank;
        switch (key.Code)
        {
            case KeyCode.F2:
                if (Details(state) is not null) state.OpenOverlay(PanelOverlay.Details);
                else state.Info(NoDetails, now);
                return null;
            case KeyCode.F1 when blank:
                state.OpenOverlay(PanelOverlay.Help);
                return null;
            case KeyCode.Escape:
                if (state.FilterActive) state.ClearFilter();
                else
                {
                    state.ClearSelection();
                    state.Info(SelectionCleared, now);
                }
                return null;
            case KeyCode.Tab:
                state.CycleTarget(now);
                return null;
            case KeyCode.Up or KeyCode.Down or KeyCode.PageUp or KeyCode.PageDown when blank && key.Mods == KeyMods.None:
            case KeyCode.Home or KeyCode.End when blank && state.Composer.Text.Length == 0 && key.Mods == KeyMods.None:
                state.MoveSelection(key, viewHeight);
                return null;
            case KeyCode.Enter when key.Mods == KeyMods.None:
                return Enter(state, now);
            case KeyCode.Delete when blank && state.Composer.Text.Length == 0 && state.SelectedRow is PodRow pod:
                return Remove(state, pod, now);
        }
        if (blank && state.Composer.Text.Length == 0 && key.IsPrintable)
        {
            switch (key.Text)
            {
                case "q": return new QuitIntent();
                case "?": state.OpenOverlay(PanelOverlay.Help); return null;
                case "/": state.StartFilter(); return null;
            }
        }
        if (key.IsCtrl('r')) return Reclaim(state, now);
        state.Composer.HandleKey(key);
        return null;
    }

    /// <summary>The text F2 shows: the last error's details, else the model's diagnostics.</summary>
    public static PanelDetails? Details(PanelScreenState state) =>
        state.LastErrorDetails
        ?? (state.Model.Diagnostics.Count > 0 && !state.Model.Loading
            ? new PanelDetails("Panel diagnostics", string.Join("\n", state.Model.Diagnostics))
            : null);

    /// <summary>The Enter table (reference §2.13).</summary>
    public static PanelIntent? Enter(PanelScreenState state, DateTimeOffset now)
    {
        if (state.Busy is not null)
        {
            state.Info(StillWorking, now);
            return null;
        }
        var row = state.SelectedRow;
        if (!state.Composer.IsBlank)
        {
            var text = state.Composer.Text.Trim();
            if (state.Target == ComposerTarget.TicketPlanning)
            {
                return row is TicketRow { State: Yoi.Core.Tickets.TicketState.Ready } ready
                    ? new ReturnToPlanningIntent(ready.Id, text)
                    : new PreTicketIntakeIntent(text);
            }
            return new CompanionSendIntent(text);
        }
        switch (row)
        {
            case TicketRow { ReclaimOffered: true, TicketAction: PanelAction.Clarify or PanelAction.Reclaim }:
            case TicketRow { TicketAction: PanelAction.Reclaim }:
                return Reclaim(state, now);
            case TicketRow { TicketAction: PanelAction.Clarify } t:
                return new StartIntakeIntent(t.Id);
            case TicketRow { TicketAction: PanelAction.Queue or PanelAction.Close } t:
                return new TicketActionIntent(t.Id, t.TicketAction);
            case TicketRow t:
                state.Info(t.DisabledReason ?? t.Hint ?? $"Ticket {t.Id} has no inline action.", now);
                return null;
            case IntakeChildRow { Action: PanelAction.Open } c:
                return new OpenPodIntent(c.Key, c.PodName);
            case IntakeChildRow c:
                state.Info(c.DisabledReason ?? $"Intake Pod {c.PodName} is {c.StatusLabel}; it cannot be opened.", now);
                return null;
            case PodRow { CanOpen: true } p:
                return new OpenPodIntent(p.Key, p.Name);
            case PodRow p:
                state.Info(p.OpenHint, now);
                return null;
            case InvalidTicketRow:
                state.Info(InvalidTicketRow.DisabledText, now);
                return null;
            default:
                state.Info("No row selected; ↑/↓ selects a row.", now);
                return null;
        }
    }

    /// <summary>Delete on a closed Pod row: the first press asks, the second removes (metadata; the session log stays).</summary>
    private static PanelIntent? Remove(PanelScreenState state, PodRow pod, DateTimeOffset now)
    {
        if (!pod.CanRemove)
        {
            state.Info($"Pod {pod.Name} is {pod.StatusLabel}; only a stopped Pod can be removed (stop it first).", now);
            return null;
        }
        if (state.ArmedRemoval == pod.Name)
        {
            state.ArmedRemoval = null;
            return new RemovePodIntent(pod.Name);
        }
        state.ArmedRemoval = pod.Name;
        state.Info($"Press Delete again to remove Pod {pod.Name} (its metadata; the session log is kept). Any other key cancels.", now);
        return null;
    }

    private static PanelIntent? Reclaim(PanelScreenState state, DateTimeOffset now)
    {
        if (state.SelectedRow is TicketRow { ReclaimOffered: true, Claim: { } claim } t
            && PanelActions.ReclaimPrompt(state.Model, t.Key) is { } question)
        {
            state.AskReclaim(new PendingReclaim(t.Id, claim.PodName, question));
            return null;
        }
        state.Info(state.SelectedRow is TicketRow other
            ? $"Ticket {other.Id} has no stale claim to reclaim."
            : "Select a Ticket with a stale claim to reclaim it.", now);
        return null;
    }

    private static PanelIntent? Confirm(PanelScreenState state, Key key, DateTimeOffset now)
    {
        var pending = state.PendingReclaim;
        if (key.Text is "y" or "Y" && pending is not null)
        {
            state.CloseOverlay();
            return new ReclaimIntent(pending.TicketId, pending.StalePod);
        }
        if (key.Text is "n" or "N" || key.Code == KeyCode.Escape)
        {
            state.CloseOverlay();
            state.Info("Reclaim cancelled; nothing changed.", now);
        }
        return null;
    }

    /// <summary>Typing the filter: text edits it, Enter keeps it, Esc clears it; arrows end editing and move.</summary>
    private static bool Filter(PanelScreenState state, Key key)
    {
        switch (key.Code)
        {
            case KeyCode.Escape:
                state.ClearFilter();
                return true;
            case KeyCode.Enter:
                state.EndFilterEditing();
                return true;
            case KeyCode.Backspace:
                if (state.Filter.Length == 0) state.ClearFilter();
                else state.SetFilter(RemoveLast(state.Filter));
                return true;
            case KeyCode.Up or KeyCode.Down or KeyCode.PageUp or KeyCode.PageDown:
                state.EndFilterEditing();
                return false;
        }
        if (key.IsPrintable) state.SetFilter(state.Filter + key.Text);
        return true;
    }

    private static string RemoveLast(string text)
    {
        var starts = System.Globalization.StringInfo.ParseCombiningCharacters(text);
        return text[..starts[^1]];
    }
}
