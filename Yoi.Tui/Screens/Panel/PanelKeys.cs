using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Tickets;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Key routing for the panel: Ctrl+C/Ctrl+D quit from anywhere; otherwise the first binding of
/// <see cref="PanelKeyTable"/> that matches in the current mode runs; an unmatched key edits the composer (or the
/// filter while it is typed). Changes only <see cref="PanelScreenState"/>; anything that needs the workspace comes
/// back as a <see cref="PanelIntent"/>. <see cref="Enter"/> is the panel's one Enter table.
/// </summary>
public static class PanelKeys
{
    public const string SelectionCleared = "Row selection cleared; letters type into the composer again.";
    public const string NoDetails = "No Panel diagnostic details yet";
    public const string StillWorking = "An action is still running; wait for it to finish. Draft kept.";

    /// <param name="viewHeight">Lines of the list region (for paging).</param>
    public static PanelIntent? Handle(PanelScreenState state, Key key, DateTimeOffset now, int viewHeight)
    {
        if (key.IsCtrl('c') || key.IsCtrl('d')) return new QuitIntent();
        state.OnAnyKey();
        if (key.Code != KeyCode.Delete) state.ArmedRemoval = null;
        if (PanelKeyTable.Find(state, key) is { } binding) return binding.Run(new PanelKeyPress(state, key, now, viewHeight));
        switch (PanelKeyTable.ModeOf(state))
        {
            case PanelKeyMode.List:
                state.Composer.HandleKey(key);
                break;
            case PanelKeyMode.Filter when key.IsPrintable:
                state.SetFilter(state.Filter + key.Text);
                break;
        }
        return null;
    }

    /// <summary>A pasted text: into the composer as it is (lines kept, never sent), or into the filter as one line.</summary>
    public static void Paste(PanelScreenState state, string text)
    {
        state.OnAnyKey();
        switch (PanelKeyTable.ModeOf(state))
        {
            case PanelKeyMode.List:
                state.Composer.Insert(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
                break;
            case PanelKeyMode.Filter:
                state.SetFilter(state.Filter + text.ReplaceLineEndings(" "));
                break;
        }
    }

    /// <summary>The text F2 shows: the last error's details, else the model's diagnostics.</summary>
    public static PanelDetails? Details(PanelScreenState state) =>
        state.LastErrorDetails
        ?? (state.Model.Diagnostics.Count > 0 && !state.Model.Loading
            ? new PanelDetails("Panel diagnostics", string.Join("\n", state.Model.Diagnostics))
            : null);

    /// <summary>
    /// The Enter table. With text: Ticket Planning on a ready Ticket returns it to planning (C), Ticket Planning
    /// otherwise starts a pre-Ticket Intake (A), Companion sends. Blank, on a Ticket: a stale claim asks to reclaim;
    /// a live or restorable claimed Pod on a planning or waiting Ticket opens (restoring it first); a planning Ticket
    /// with no claim starts Intake; Queue and Close ask y/n first. On a Pod or Intake row: open it.
    /// </summary>
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
                return row is TicketRow { State: TicketState.Ready } ready
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
            case TicketRow { TicketAction: PanelAction.Clarify or PanelAction.Wait, Claim: { IsLiveOrRestorable: true } claim } t:
                return new OpenPodIntent(t.Key, claim.PodName);
            case TicketRow { TicketAction: PanelAction.Clarify, Claim: { } corrupt } t:
                state.Info($"Ticket {t.Id}'s claim is {corrupt.StatusLabel}: {corrupt.Problem ?? "unreadable"}. Repair it with `yoi doctor --repair`.", now);
                return null;
            case TicketRow { TicketAction: PanelAction.Clarify } t:
                return new StartIntakeIntent(t.Id);
            case TicketRow { TicketAction: PanelAction.Queue } t:
                return Ask(state, new PendingConfirm("Queue", $"Queue Ticket {t.Id} \"{t.Title}\" (ready → queued, one commit of its directory)? y/n",
                    "queue", new TicketActionIntent(t.Id, PanelAction.Queue), "Queue cancelled; nothing changed."));
            case TicketRow { TicketAction: PanelAction.Close } t:
                return Ask(state, new PendingConfirm("Close", $"Close Ticket {t.Id} \"{t.Title}\" (done → closed with the standard resolution)? y/n",
                    "close", new TicketActionIntent(t.Id, PanelAction.Close), "Close cancelled; nothing changed."));
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
            case ChildPodRow { Pod.CanOpen: true } c:
                return new OpenPodIntent(c.Key, c.PodName);
            case ChildPodRow c:
                state.Info(c.Pod.OpenHint, now);
                return null;
            case PodRow p:
                state.Info(p.OpenHint, now);
                return null;
            case InvalidTicketRow:
                state.Info(InvalidTicketRow.DisabledText, now);
                return null;
            default:
                state.Info("No row selected; ↑/↓ or a click selects a row.", now);
                return null;
        }
    }

    /// <summary>What a blank Enter does on the selected row, as a key hint ("Enter Queue"), or null when it does nothing.</summary>
    public static string? EnterHint(PanelScreenState state) => state.SelectedRow switch
    {
        TicketRow t when EnterLabel(t) is { } label => "Enter " + label,
        TicketRow or InvalidTicketRow or null => null,
        IntakeChildRow { Action: not PanelAction.Open } => null,
        PodRow { CanOpen: false } => null,
        ChildPodRow { Pod.CanOpen: false } => null,
        _ => "Enter open",
    };

    /// <summary>The blank-Enter action of a Ticket row in words, or null when Enter does nothing.</summary>
    public static string? EnterLabel(TicketRow t) => t switch
    {
        { ReclaimOffered: true, TicketAction: PanelAction.Clarify or PanelAction.Reclaim } or { TicketAction: PanelAction.Reclaim } => "Reclaim",
        { TicketAction: PanelAction.Clarify or PanelAction.Wait, Claim: { IsLiveOrRestorable: true } } => "open Pod",
        { TicketAction: PanelAction.Clarify } => "Start Intake",
        { TicketAction: PanelAction.Queue or PanelAction.Close } => t.ActionLabel,
        _ => null,
    };

    /// <summary>Esc: clears the filter, else the row selection.</summary>
    public static PanelIntent? Escape(PanelScreenState state, DateTimeOffset now)
    {
        if (state.FilterActive) state.ClearFilter();
        else if (state.Selected is not null)
        {
            state.ClearSelection();
            state.Info(SelectionCleared, now);
        }
        return null;
    }

    /// <summary>v: the Ticket view of the selected Ticket (loaded by the screen).</summary>
    public static PanelIntent? View(PanelScreenState state, DateTimeOffset now)
    {
        if (state.SelectedRow is not TicketRow t)
        {
            state.Info("v views a Ticket; select a Ticket row.", now);
            return null;
        }
        state.OpenTicketView(new PanelTicketView(t));
        return new ShowTicketIntent(t.Id);
    }

    /// <summary>r: Mark ready (planning → ready) for the selected or viewed planning Ticket, after y/n.</summary>
    public static PanelIntent? MarkReady(PanelScreenState state, DateTimeOffset now)
    {
        var t = state.TicketView?.Ticket ?? state.SelectedRow as TicketRow;
        if (t is not { State: TicketState.Planning })
        {
            state.Info(t is null ? "r marks a planning Ticket ready; select one." : $"Ticket {t.Id} is {t.State.Name()}; only a planning Ticket can be marked ready.", now);
            return null;
        }
        return Ask(state, new PendingConfirm("Mark ready", $"Mark Ticket {t.Id} \"{t.Title}\" ready (planning → ready)? y/n",
            "mark ready", new MarkReadyIntent(t.Id), "Mark ready cancelled; nothing changed."));
    }

    /// <summary>Delete on a stopped Pod row: the first press asks, the second removes (metadata; the session log stays).</summary>
    public static PanelIntent? Remove(PanelKeyPress press)
    {
        var (state, now) = (press.State, press.Now);
        if (state.SelectedRow is not PodRow pod) return null;
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

    public static PanelIntent? Reclaim(PanelScreenState state, DateTimeOffset now)
    {
        if (state.SelectedRow is TicketRow { ReclaimOffered: true, Claim: { } claim } t
            && PanelActions.ReclaimPrompt(state.Model, t.Key) is { } question)
            return Ask(state, new PendingConfirm("Reclaim", question, "reclaim and start Intake", new ReclaimIntent(t.Id, claim.PodName), "Reclaim cancelled; nothing changed."));
        state.Info(state.SelectedRow is TicketRow other
            ? $"Ticket {other.Id} has no stale claim to reclaim."
            : "Select a Ticket with a stale claim to reclaim it.", now);
        return null;
    }

    public static PanelIntent? ConfirmYes(PanelKeyPress press)
    {
        var pending = press.State.PendingConfirm;
        press.State.CloseConfirm();
        // A finished child is gone: its diff view closes with the yes (a refusal shows on the list; d opens it again).
        if (pending?.Intent is FinishChildIntent) press.State.CloseOverlay();
        return pending?.Intent;
    }

    public static PanelIntent? ConfirmNo(PanelKeyPress press)
    {
        var pending = press.State.PendingConfirm;
        press.State.CloseConfirm();
        if (pending is not null) press.State.Info(pending.CancelledText, press.Now);
        return null;
    }

    public static void FilterBackspace(PanelScreenState state)
    {
        if (state.Filter.Length == 0) state.ClearFilter();
        else
        {
            var starts = System.Globalization.StringInfo.ParseCombiningCharacters(state.Filter);
            state.SetFilter(state.Filter[..starts[^1]]);
        }
    }

    private static PanelIntent? Ask(PanelScreenState state, PendingConfirm confirm)
    {
        state.AskConfirm(confirm);
        return null;
    }
}
