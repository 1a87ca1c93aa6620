using Yoi.Core.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>Which bindings apply: the list and composer, the filter being typed, or an overlay.</summary>
public enum PanelKeyMode { List, Filter, Help, Details, Confirm, TicketView, Diff }

/// <summary>What a binding's action gets: the state, the key, the clock and the list's height (for paging).</summary>
public readonly record struct PanelKeyPress(PanelScreenState State, Key Key, DateTimeOffset Now, int ViewHeight);

/// <summary>
/// One row of the key table: the mode it applies in, the keys and meaning as the help overlay and README show them,
/// when it matches a press, what it does, and its footer hint (null: no hint in this state).
/// </summary>
public sealed record PanelKeyBinding(
    PanelKeyMode Mode,
    string Keys,
    string Help,
    Func<Key, PanelScreenState, bool> Matches,
    Func<PanelKeyPress, PanelIntent?> Run,
    Func<PanelScreenState, string?>? Hint = null,
    Func<PanelScreenState, bool>? Listed = null)
{
    /// <summary>True when the help overlay lists this binding for <paramref name="state"/> (some keys only mean something with Tickets).</summary>
    public bool IsListed(PanelScreenState state) => Listed?.Invoke(state) ?? true;
}

/// <summary>
/// The panel's one key table: keys → what they do → help text. <see cref="PanelKeys.Handle"/> routes through it (first
/// match in the current mode wins), the help overlay lists it, the actionbar's key hints come from it, and README's
/// key table is <see cref="Markdown"/>. A new key is one more row here (a row command: a letter on a blank composer
/// while a row is selected).
/// </summary>
public static class PanelKeyTable
{
    private static bool Blank(PanelScreenState s) => s.Composer.IsBlank;
    private static bool Empty(PanelScreenState s) => s.Composer.Text.Length == 0;
    private static bool Plain(Key k) => k.Mods == KeyMods.None;

    /// <summary>A letter command: a blank, empty composer with a row selected (Esc deselects to type instead).</summary>
    private static bool RowLetter(Key k, PanelScreenState s, string letter) =>
        k.IsPrintable && k.Text == letter && Empty(s) && s.SelectedRow is not null;

    private static bool Letter(Key k, PanelScreenState s, string letter) => k.IsPrintable && k.Text == letter && Empty(s);

    private static bool Tickets(PanelScreenState s) => s.Model.TicketsShown;

    // d and F are row commands only on a child row (or a child's own Pod row); on any other row they type as usual.

    public static readonly PanelKeyBinding Quit = new(PanelKeyMode.List, "q Ctrl+C Ctrl+D", "quit; every Pod keeps running (q on a blank composer)",
        (k, s) => Letter(k, s, "q"), _ => new QuitIntent(), s => Blank(s) ? "q quit" : null);

    public static readonly PanelKeyBinding Help = new(PanelKeyMode.List, "? or F1", "this help (blank composer)",
        (k, s) => (Letter(k, s, "?") || k.Code == KeyCode.F1) && Blank(s), p => Do(() => p.State.OpenOverlay(PanelOverlay.Help)),
        s => Blank(s) ? "? help" : null);

    public static readonly PanelKeyBinding Details = new(PanelKeyMode.List, "F2", "details of the last error, else the panel's diagnostics",
        (k, _) => k.Code == KeyCode.F2, p => Do(() =>
        {
            if (PanelKeys.Details(p.State) is not null) p.State.OpenOverlay(PanelOverlay.Details);
            else p.State.Info(PanelKeys.NoDetails, p.Now);
        }), s => s.Notice is { Notice.HasDetails: true } ? "F2 details" : null);

    /// <summary>Every binding, in matching order within each mode.</summary>
    public static IReadOnlyList<PanelKeyBinding> All { get; } =
    [
        new(PanelKeyMode.List, "↑/↓", "select a row (blank composer); move between draft lines",
            (k, s) => k.Code is KeyCode.Up or KeyCode.Down && Plain(k) && Blank(s), Move),
        new(PanelKeyMode.List, "PgUp/PgDn", "move the selection by a page",
            (k, s) => k.Code is KeyCode.PageUp or KeyCode.PageDown && Plain(k) && Blank(s), Move),
        new(PanelKeyMode.List, "Home/End", "first/last row (blank composer); start/end of the line",
            (k, s) => k.Code is KeyCode.Home or KeyCode.End && Plain(k) && Blank(s) && Empty(s), Move),
        new(PanelKeyMode.List, "Enter", "blank composer: the selected row's action (open its Pod, start Intake, Queue or Close after y/n); text: send to the target",
            (k, _) => k.Code == KeyCode.Enter && Plain(k), p => PanelKeys.Enter(p.State, p.Now),
            s => Blank(s) ? PanelKeys.EnterHint(s) : "Enter send"),
        new(PanelKeyMode.List, "Alt+Enter", "new line in the composer",
            (k, _) => k.Code == KeyCode.Enter && (k.Mods & (KeyMods.Alt | KeyMods.Ctrl)) != 0, p => Do(() => p.State.Composer.HandleKey(p.Key)),
            s => Blank(s) ? null : "Alt+Enter newline"),
        new(PanelKeyMode.List, "Tab", "switch the composer target: Companion / Ticket Planning",
            (k, _) => k.Code == KeyCode.Tab && Plain(k), p => Do(() => p.State.CycleTarget(p.Now)),
            s => s.TicketTargetAvailable ? "Tab target" : null, s => s.TicketTargetAvailable),
        new(PanelKeyMode.List, "/", "filter rows by the words shown: Ticket id, title, state, role, Pod name and status",
            (k, s) => Letter(k, s, "/") && Blank(s), p => Do(p.State.StartFilter), s => Blank(s) && s.SelectedRow is null ? "/ filter" : null),
        new(PanelKeyMode.List, "v", "view the selected Ticket: full title, body, thread, artifacts, relations (a row selected)",
            (k, s) => RowLetter(k, s, "v"), p => PanelKeys.View(p.State, p.Now),
            s => Blank(s) && s.SelectedRow is TicketRow ? "v view" : null, Tickets),
        new(PanelKeyMode.List, "r", "mark the selected planning Ticket ready (asks y/n; the same gate as `yoi ticket state ID ready`)",
            (k, s) => RowLetter(k, s, "r"), p => PanelKeys.MarkReady(p.State, p.Now),
            s => Blank(s) && s.SelectedRow is TicketRow { State: Yoi.Core.Tickets.TicketState.Planning } ? "r ready" : null, Tickets),
        new(PanelKeyMode.List, "d", "diff of the selected child Pod's branch against its base branch: stat, then patch (scrolls; Esc back)",
            (k, s) => RowLetter(k, s, "d") && PanelChildKeys.Target(s) is not null, p => PanelChildKeys.Diff(p.State, p.Now),
            s => Blank(s) && PanelChildKeys.Reviewable(s) ? "d diff" : null, PanelChildKeys.AnyChild),
        new(PanelKeyMode.List, "F", "finish the selected child Pod: merge its branch into the base branch, stop it, remove its worktree and branch (asks y/n)",
            (k, s) => RowLetter(k, s, "F") && PanelChildKeys.Target(s) is not null, p => PanelChildKeys.Finish(p.State, p.Now),
            s => Blank(s) && PanelChildKeys.Reviewable(s) ? "F finish" : null, PanelChildKeys.AnyChild),
        new(PanelKeyMode.List, "Ctrl+R", "reclaim the selected Ticket from its stale Pod (asks y/n)",
            (k, _) => k.IsCtrl('r'), p => PanelKeys.Reclaim(p.State, p.Now), null, Tickets),
        new(PanelKeyMode.List, "Delete", "remove the selected stopped Pod (press twice; its session log is kept)",
            (k, s) => k.Code == KeyCode.Delete && Blank(s) && Empty(s) && s.SelectedRow is PodRow, PanelKeys.Remove),
        Details,
        new(PanelKeyMode.List, "Esc", "clear the filter, then the row selection (then letters type into the composer)",
            (k, _) => k.Code == KeyCode.Escape, p => PanelKeys.Escape(p.State, p.Now),
            s => Blank(s) && s.SelectedRow is not null && !s.FilterActive ? "Esc deselect" : null),
        Help,
        new(PanelKeyMode.List, "Ctrl+Z", "suspend the panel to the shell; `fg` brings it back",
            (k, _) => k.IsCtrl('z'), _ => new SuspendIntent()),
        Quit,

        new(PanelKeyMode.Filter, "Enter", "keep the filter", (k, _) => k.Code == KeyCode.Enter, p => Do(p.State.EndFilterEditing), _ => "Enter keep filter"),
        new(PanelKeyMode.Filter, "Esc", "clear the filter", (k, _) => k.Code == KeyCode.Escape, p => Do(p.State.ClearFilter), _ => "Esc clear filter"),
        new(PanelKeyMode.Filter, "Backspace", "delete the filter's last character",
            (k, _) => k.Code == KeyCode.Backspace, p => Do(() => PanelKeys.FilterBackspace(p.State))),
        new(PanelKeyMode.Filter, "↑/↓ PgUp/PgDn", "keep the filter and move the selection",
            (k, _) => k.Code is KeyCode.Up or KeyCode.Down or KeyCode.PageUp or KeyCode.PageDown,
            p => Do(() => { p.State.EndFilterEditing(); p.State.MoveSelection(p.Key, p.ViewHeight); })),

        new(PanelKeyMode.Help, "?/F1/Esc/q", "close the help", (k, _) => k.Code is KeyCode.Escape or KeyCode.F1 || k.Text is "?" or "q",
            p => Do(p.State.CloseOverlay), _ => "?/Esc close help"),
        new(PanelKeyMode.Details, "F2/Esc", "close the details", (k, _) => k.Code is KeyCode.Escape or KeyCode.F2,
            p => Do(p.State.CloseOverlay), _ => "F2/Esc close details"),

        new(PanelKeyMode.Confirm, "y", "confirm", (k, _) => k.Text is "y" or "Y", PanelKeys.ConfirmYes, s => s.PendingConfirm is { } c ? $"y {c.YesLabel}" : null),
        new(PanelKeyMode.Confirm, "n/Esc", "cancel; nothing changes", (k, _) => k.Text is "n" or "N" || k.Code == KeyCode.Escape,
            PanelKeys.ConfirmNo, _ => "n/Esc cancel"),

        new(PanelKeyMode.TicketView, "↑/↓ PgUp/PgDn Home/End", "scroll the Ticket view",
            (k, _) => k.Code is KeyCode.Up or KeyCode.Down or KeyCode.PageUp or KeyCode.PageDown or KeyCode.Home or KeyCode.End,
            p => Do(() => p.State.TicketView?.Scroll(p.Key, p.ViewHeight)), _ => "↑/↓ scroll"),
        new(PanelKeyMode.TicketView, "r", "mark this Ticket ready (asks y/n)", (k, s) => k.Text == "r" && s.TicketView?.Ticket is { State: Yoi.Core.Tickets.TicketState.Planning },
            p => PanelKeys.MarkReady(p.State, p.Now), s => s.TicketView?.Ticket is { State: Yoi.Core.Tickets.TicketState.Planning } ? "r ready" : null),
        new(PanelKeyMode.TicketView, "Esc/v/q", "close the Ticket view", (k, _) => k.Code == KeyCode.Escape || k.Text is "v" or "q",
            p => Do(p.State.CloseOverlay), _ => "Esc close"),

        new(PanelKeyMode.Diff, "↑/↓ PgUp/PgDn Home/End", "scroll the diff",
            (k, _) => k.Code is KeyCode.Up or KeyCode.Down or KeyCode.PageUp or KeyCode.PageDown or KeyCode.Home or KeyCode.End,
            p => Do(() => p.State.DiffView?.Scroll(p.Key, p.ViewHeight)), _ => "↑/↓ PgUp/PgDn scroll"),
        new(PanelKeyMode.Diff, "F", "finish this child (asks y/n)", (k, _) => k.Text == "F", p => PanelChildKeys.Finish(p.State, p.Now), _ => "F finish"),
        new(PanelKeyMode.Diff, "Esc/q/d", "close the diff view", (k, _) => k.Code == KeyCode.Escape || k.Text is "q" or "d",
            p => Do(p.State.CloseOverlay), _ => "Esc back"),
    ];

    /// <summary>The mode the state is in: an overlay's, the filter's while it is typed, else the list's.</summary>
    public static PanelKeyMode ModeOf(PanelScreenState state) => state.Overlay switch
    {
        PanelOverlay.Help => PanelKeyMode.Help,
        PanelOverlay.Details => PanelKeyMode.Details,
        PanelOverlay.Confirm => PanelKeyMode.Confirm,
        PanelOverlay.TicketView => PanelKeyMode.TicketView,
        PanelOverlay.Diff => PanelKeyMode.Diff,
        _ => state.FilterEditing ? PanelKeyMode.Filter : PanelKeyMode.List,
    };

    /// <summary>The first binding of the state's mode that matches <paramref name="key"/>, or null.</summary>
    public static PanelKeyBinding? Find(PanelScreenState state, Key key)
    {
        var mode = ModeOf(state);
        foreach (var binding in All)
            if (binding.Mode == mode && binding.Matches(key, state)) return binding;
        return null;
    }

    /// <summary>The actionbar's key hints for the state: each applicable binding's hint, in table order, then "Ctrl+C quit" where q does not quit.</summary>
    public static string Hints(PanelScreenState state)
    {
        var mode = ModeOf(state);
        if (mode == PanelKeyMode.List && state.Notice is not null || state.Busy is not null)
            return Details.Hint!(state) ?? Help.Hint!(state) ?? "Ctrl+C quit";
        var hints = All.Where(b => b.Mode == mode).Select(b => b.Hint?.Invoke(state)).OfType<string>().Where(h => h.Length > 0).ToList();
        if (mode != PanelKeyMode.List || !state.Composer.IsBlank) hints.Add("Ctrl+C quit");
        return string.Join("  ", hints);
    }

    /// <summary>The (keys, meaning) pairs the help overlay lists for the state (the list's keys, then the filter's).</summary>
    public static IReadOnlyList<(string Keys, string Meaning)> HelpEntries(PanelScreenState state) =>
        All.Where(b => b.Mode == PanelKeyMode.List && b.IsListed(state)).Select(b => (b.Keys, b.Help)).ToList();

    /// <summary>README's key table: every list key, as a Markdown table.</summary>
    public static string Markdown()
    {
        var lines = new List<string> { "| key | what it does |", "|---|---|" };
        foreach (var b in All.Where(b => b.Mode == PanelKeyMode.List))
            lines.Add($"| {b.Keys.Replace("|", "\\|", StringComparison.Ordinal)} | {b.Help.Replace("|", "\\|", StringComparison.Ordinal)} |");
        return string.Join("\n", lines);
    }

    private static PanelIntent? Move(PanelKeyPress p)
    {
        p.State.MoveSelection(p.Key, p.ViewHeight);
        return null;
    }

    private static PanelIntent? Do(Action action)
    {
        action();
        return null;
    }
}
