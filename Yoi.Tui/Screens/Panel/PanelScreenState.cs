using Yoi.Core.Panel;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Everything the panel screen shows besides the model: selection (by stable row key), scroll, filter, composer
/// and target, notice, overlays and the running action. A plain class: no terminal, no I/O, no clock (callers pass
/// the time), so it is unit-tested directly. Rows come from the model; this class never derives domain state.
/// </summary>
public sealed class PanelScreenState
{
    private IReadOnlyList<PanelRow>? _visible;

    public PanelScreenState(PanelModel model)
    {
        Model = model;
        List = new ScrollList
        {
            IsSelectable = row => VisibleRows[row].Selectable,
        };
        SyncList();
    }

    public PanelModel Model { get; private set; }

    /// <summary>The selected row's key, or null for none.</summary>
    public PanelRowKey? Selected { get; private set; }

    /// <summary>Name of the last Pod row selected (reference §2.11 fallback after a reload).</summary>
    public string? LastSelectedPod { get; private set; }

    public TextInput Composer { get; } = new();

    public ComposerTarget Target { get; private set; } = ComposerTarget.Companion;

    public string Filter { get; private set; } = "";

    /// <summary>True while typing the filter after <c>/</c>.</summary>
    public bool FilterEditing { get; private set; }

    public bool FilterActive => FilterEditing || Filter.Length > 0;

    public PanelOverlay Overlay { get; private set; }

    /// <summary>The action waiting for y/n while <see cref="Overlay"/> is <see cref="PanelOverlay.Confirm"/>.</summary>
    public PendingConfirm? PendingConfirm { get; private set; }

    /// <summary>The open Ticket view (it stays under a confirmation asked from it).</summary>
    public PanelTicketView? TicketView { get; private set; }

    /// <summary>The open diff view of a delegated child (it stays under a finish confirmation asked from it).</summary>
    public PanelDiffView? DiffView { get; private set; }

    public ShownNotice? Notice { get; private set; }

    /// <summary>The details of the last error; F2 shows them even after the error line was cleared.</summary>
    public PanelDetails? LastErrorDetails { get; private set; }

    /// <summary>The running action (its actionbar text), or null.</summary>
    public PanelIntent? Busy { get; private set; }

    /// <summary>A reload is running.</summary>
    public bool Refreshing { get; set; }

    /// <summary>Selection/scroll state over <see cref="VisibleRows"/>.</summary>
    public ScrollList List { get; }

    /// <summary>The model's rows after the filter.</summary>
    public IReadOnlyList<PanelRow> VisibleRows => _visible ??= PanelFilter.Apply(Model.Rows, Filter);

    /// <summary>The selected list row as drawn (a "Needs you" row stays itself).</summary>
    public PanelRow? SelectedListRow => List.Selected >= 0 && List.Selected < VisibleRows.Count && VisibleRows[List.Selected].Key == Selected
        ? VisibleRows[List.Selected]
        : Selected is { } key ? VisibleRows.FirstOrDefault(r => r.Key == key) : null;

    /// <summary>The row the selection acts on: a "Needs you" row's target, else the selected row.</summary>
    public PanelRow? SelectedRow => SelectedListRow is NeedsYouRow n ? n.Target : SelectedListRow;

    /// <summary>The clock as of the last key, reload or minute tick (for "running 12m" and "3m ago"; the painter reads no clock).</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>The selected Pod's transcript tail for the details pane, or null.</summary>
    public PanelPreview? Preview { get; set; }

    /// <summary>Lines the details pane is scrolled back from its newest line (the wheel over the pane; 0 follows the
    /// live preview). Back to 0 when the selection changes.</summary>
    public int DetailsScroll { get; private set; }

    /// <summary>Lines of the details pane that did not fit when it was last drawn (the painter sets it; scrolling back
    /// stops there).</summary>
    public int DetailsHidden { get; set; }

    /// <summary>The last left click on a row (a second one on the same row soon after is a double-click).</summary>
    public (PanelRowKey Row, DateTimeOffset At)? LastClick { get; set; }

    /// <summary>The wheel over the details pane: positive scrolls back (older lines), negative towards the newest.</summary>
    public void ScrollDetails(int lines) => DetailsScroll = Math.Clamp(DetailsScroll + lines, 0, Math.Max(0, DetailsHidden));

    /// <summary>The wheel over the list: scrolls the rows, keeping the selection on screen.</summary>
    public bool ScrollList(int lines, int viewHeight)
    {
        SyncList();
        if (!List.ScrollBy(lines, viewHeight)) return false;
        var selected = List.Selected >= 0 ? VisibleRows[List.Selected].Key : (PanelRowKey?)null;
        if (selected != Selected) SetSelected(selected);
        return true;
    }

    public bool TicketTargetAvailable => Model.Targets.Contains(ComposerTarget.TicketPlanning);

    /// <summary>
    /// Applies a reload: keeps the selection when its row still exists (else the model's fallback), keeps the
    /// composer draft and the notice, falls back to the Companion target when Ticket Planning disappeared, and shows
    /// the model's own notice (a failed reload's "Refresh failed: …") when it has one.
    /// </summary>
    public void ApplyModel(PanelModel model, DateTimeOffset now)
    {
        Model = model;
        Now = now;
        _visible = null;
        if (!model.Targets.Contains(Target)) Target = ComposerTarget.Companion;
        // The first data selects nothing: a stray Enter must not act on a row the user never chose.
        var kept = Selected is { } key ? Shown(key) : null;
        if (kept is null && Selected is not null)
        {
            var fallback = model.ResolveSelection(Selected, LastSelectedPod);
            kept = fallback is { } f && VisibleRows.Any(r => r.Key == f) ? f : FirstSelectable();
        }
        Select(kept);
        if (model.Notice is { } notice) ShowNotice(notice, now);
    }

    public void ShowNotice(PanelNotice notice, DateTimeOffset now)
    {
        Notice = new ShownNotice(notice, now);
        if (notice is { Level: Yoi.Core.Panel.NoticeLevel.Error, Details: { } details })
            LastErrorDetails = new PanelDetails(notice.DetailsTitle ?? "Panel error", details);
    }

    public void Info(string text, DateTimeOffset now) => ShowNotice(PanelNotice.Info(text), now);

    public void ClearNotice() => Notice = null;

    /// <summary>Drops an expired info/warning notice; true when something changed.</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (Notice is null || !Notice.IsExpired(now)) return false;
        Notice = null;
        return true;
    }

    /// <summary>An error notice stays until the next key; its details stay for F2.</summary>
    /// <summary>The stopped Pod a first Delete armed for removal (a second Delete removes it; any other key disarms).</summary>
    public string? ArmedRemoval { get; set; }

    public void OnAnyKey()
    {
        if (Notice is { Level: Yoi.Core.Panel.NoticeLevel.Error }) Notice = null;
    }

    public void Select(PanelRowKey? key)
    {
        SetSelected(key is { } k ? Shown(k) ?? k : null);
        SyncList();
    }

    private void SetSelected(PanelRowKey? key)
    {
        if (key != Selected) DetailsScroll = 0;
        Selected = key;
        if (SelectedRow is PodRow pod) LastSelectedPod = pod.Name;
    }

    public void ClearSelection() => Select(null);

    /// <summary>Up/Down/PgUp/PgDn/Home/End over the selectable rows, scrolling a view of <paramref name="viewHeight"/> lines.</summary>
    public bool MoveSelection(Yoi.Tui.Terminal.Key key, int viewHeight)
    {
        SyncList();
        if (!List.HandleKey(key, viewHeight)) return false;
        SetSelected(List.Selected >= 0 ? VisibleRows[List.Selected].Key : null);
        return true;
    }

    public void CycleTarget(DateTimeOffset now)
    {
        if (!TicketTargetAvailable)
        {
            Info("Ticket Intake target is unavailable without usable Ticket config.", now);
            Target = ComposerTarget.Companion;
            return;
        }
        var targets = Model.Targets;
        var index = targets.ToList().IndexOf(Target);
        Target = targets[(index + 1) % targets.Count];
        Info($"Composer target: {Target.Label()}", now);
    }

    public void StartFilter()
    {
        FilterEditing = true;
    }

    public void SetFilter(string filter)
    {
        Filter = filter;
        _visible = null;
        if (Selected is { } key && VisibleRows.All(r => r.Key != key)) Selected = FirstSelectable();
        SyncList();
    }

    public void EndFilterEditing() => FilterEditing = false;

    public void ClearFilter()
    {
        FilterEditing = false;
        SetFilter("");
    }

    public void OpenOverlay(PanelOverlay overlay) => Overlay = overlay;

    /// <summary>Closes whatever overlay is open (a confirmation and the Ticket or diff view under it too).</summary>
    public void CloseOverlay()
    {
        Overlay = PanelOverlay.None;
        PendingConfirm = null;
        TicketView = null;
        DiffView = null;
    }

    public void AskConfirm(PendingConfirm confirm)
    {
        PendingConfirm = confirm;
        Overlay = PanelOverlay.Confirm;
    }

    /// <summary>Ends a confirmation; the Ticket or diff view it was asked from stays open.</summary>
    public void CloseConfirm()
    {
        PendingConfirm = null;
        Overlay = TicketView is not null ? PanelOverlay.TicketView : DiffView is not null ? PanelOverlay.Diff : PanelOverlay.None;
    }

    public void OpenDiffView(PanelDiffView view)
    {
        DiffView = view;
        Overlay = PanelOverlay.Diff;
    }

    public void OpenTicketView(PanelTicketView view)
    {
        TicketView = view;
        Overlay = PanelOverlay.TicketView;
    }

    public void BeginAction(PanelIntent intent) => Busy = intent;

    /// <summary>Ends the running action; on success the composer is cleared when the action consumed it.</summary>
    public void EndAction(PanelNotice? notice, bool clearComposer, DateTimeOffset now)
    {
        Busy = null;
        if (clearComposer) Composer.Clear();
        if (notice is not null) ShowNotice(notice, now);
    }

    /// <summary><paramref name="key"/> when its row is shown; a row that moved into or out of Needs you keeps the selection.</summary>
    private PanelRowKey? Shown(PanelRowKey key)
    {
        const string needs = "needs:";
        var target = key.Value.StartsWith(needs, StringComparison.Ordinal) ? new PanelRowKey(key.Value[needs.Length..]) : (PanelRowKey?)null;
        PanelRowKey? counterpart = null;
        foreach (var row in VisibleRows)
        {
            if (!row.Selectable) continue;
            if (row.Key == key) return key;
            if (row is NeedsYouRow n && n.Target.Key == key) counterpart ??= row.Key;
            if (row.Key == target) counterpart ??= row.Key;
        }
        return counterpart;
    }

    private PanelRowKey? FirstSelectable() => VisibleRows.FirstOrDefault(r => r.Selectable)?.Key;

    private void SyncList()
    {
        List.Count = VisibleRows.Count;
        var index = -1;
        if (Selected is { } key)
        {
            for (var i = 0; i < VisibleRows.Count; i++)
                if (VisibleRows[i].Key == key) { index = i; break; }
        }
        List.Selected = index;
    }
}
