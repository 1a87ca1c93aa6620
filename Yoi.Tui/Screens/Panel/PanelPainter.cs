using Yoi.Core.Panel;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// State → Frame for the whole panel (layout v2): title line; the list (⚠ diagnostics, filter line, column headers,
/// one line per row, scrolling with the selection); the details and preview pane (below the list, or on the right
/// at ≥ 140 columns); target status line, composer, actionbar; and the overlays (help, F2 details, confirmations).
/// Nothing here reads the clock or does I/O.
/// </summary>
public static class PanelPainter
{
    /// <summary>The regions at one size: the list (diagnostics, filter, header and rows), the details pane, the
    /// separator line (null when the pane's heading is the separator), the composer.</summary>
    public readonly record struct PanelLayout(Rect List, Rect Details, bool DetailsRight, int SeparatorY, Rect Composer);

    public static PanelLayout Layout(PanelScreenState state, int width, int height)
    {
        var maxComposer = Math.Min(10, Math.Max(1, height / 3));
        var composerHeight = Math.Clamp(state.Composer.MeasureHeight(width), 1, maxComposer);
        var bottom = 1 + composerHeight + 1; // target line, composer, actionbar
        var middle = Math.Max(0, height - 1 - bottom);
        if (width >= PanelDetailsPainter.WideWidth)
        {
            var pane = Math.Clamp(width * 2 / 5, 50, 90);
            var listHeight = Math.Max(0, middle - 1);
            return new PanelLayout(new Rect(0, 1, width - pane - 2, listHeight), new Rect(width - pane - 1, 1, pane + 1, listHeight), true,
                1 + listHeight, new Rect(0, 1 + middle + 1, width, composerHeight));
        }
        var details = Math.Clamp(2 + (height - 24) / 4, 2, 10) + 1; // heading (the separator) + body
        var list = Math.Max(0, middle - details);
        // Lines the list does not need go to the details pane (more of the preview).
        var needed = DiagnosticLines(state, list).Count + (state.FilterActive ? 1 : 0) + 1 + Math.Max(1, state.VisibleRows.Count);
        if (!state.Model.Loading && state.TicketView is null && needed < list)
        {
            details += list - needed;
            list = needed;
        }
        return new PanelLayout(new Rect(0, 1, width, list), new Rect(0, 1 + list, width, details), false, -1, new Rect(0, 1 + middle + 1, width, composerHeight));
    }

    /// <summary>Lines the rows get at this size (paging and mouse hit-testing use it).</summary>
    public static int ListHeight(PanelScreenState state, int width, int height) => RowsArea(state, Layout(state, width, height).List).Height is var h && h > 0 ? h : 1;

    /// <summary>Where the rows are drawn inside the list region (below diagnostics, the filter line and the column headers).</summary>
    public static Rect RowsArea(PanelScreenState state, Rect list)
    {
        var top = DiagnosticLines(state, list.Height).Count + (state.FilterActive ? 1 : 0) + 1;
        return new Rect(list.X, list.Y + Math.Min(top, list.Height), list.Width, Math.Max(0, list.Height - top));
    }

    public static void Render(PanelScreenState state, Frame frame)
    {
        if (TooSmall.Applies(frame.Width, frame.Height))
        {
            TooSmall.Render(frame);
            return;
        }
        var layout = Layout(state, frame.Width, frame.Height);
        PanelHeaderPainter.Title(frame, new Rect(0, 0, frame.Width, 1), state.Model);
        var view = state.TicketView;
        if (state.DiffView is { } diff)
        {
            // The diff takes the whole middle: list and details, at every width.
            PanelDiffPainter.Render(frame, new Rect(0, 1, frame.Width, Math.Max(0, layout.Composer.Y - 2)), diff);
            view = null;
        }
        else if (layout.DetailsRight)
        {
            PanelDetailsPainter.RenderRight(frame, layout.Details, state, state.Now);
            frame.Write(0, layout.SeparatorY, new string('─', frame.Width), PanelStyles.Hint);
        }
        else if (view is null) PanelDetailsPainter.RenderBelow(frame, layout.Details, state, state.Now);
        // The Ticket view takes the list's place (and the details pane's when that is below the list).
        if (view is not null) PanelTicketViewPainter.Render(frame, TicketViewArea(layout), view);
        else if (state.DiffView is null) DrawList(frame, layout.List, state);
        var composer = layout.Composer;
        PanelFooterPainter.TargetLine(frame, new Rect(0, composer.Y - 1, frame.Width, 1), state);
        state.Composer.Render(frame, composer, PanelStyles.Hint, default, focused: state.Overlay == PanelOverlay.None && !state.FilterEditing);
        PanelFooterPainter.Actionbar(frame, new Rect(0, composer.Bottom, frame.Width, 1), state);
        DrawOverlay(frame, state);
    }

    /// <summary>Where the Ticket view is drawn: the list region, and the details pane too when it is below the list.</summary>
    public static Rect TicketViewArea(PanelLayout layout) =>
        layout.DetailsRight ? layout.List : new Rect(layout.List.X, layout.List.Y, layout.List.Width, layout.List.Height + layout.Details.Height);

    /// <summary>The ⚠ lines: at most half the list region; the last one says how many more F2 shows.</summary>
    private static List<string> DiagnosticLines(PanelScreenState state, int listHeight)
    {
        var all = state.Model.Diagnostics;
        var cap = Math.Max(1, listHeight / 2);
        if (all.Count <= cap) return [.. all];
        var lines = all.Take(cap - 1).ToList();
        lines.Add($"{all.Count - (cap - 1)} more diagnostics; F2 shows them all");
        return lines;
    }

    private static void DrawList(Frame frame, Rect area, PanelScreenState state)
    {
        var y = area.Y;
        foreach (var line in DiagnosticLines(state, area.Height))
        {
            if (y >= area.Bottom) return;
            var x = frame.Write(area.X, y, "⚠ ", PanelStyles.Warning, area.Right);
            frame.Write(x, y, CellWidth.Truncate(line, area.Right - x), PanelStyles.Warning, area.Right);
            y++;
        }
        if (state.FilterActive && y < area.Bottom)
        {
            var matches = state.VisibleRows.Count(r => r.Selectable);
            var x = frame.Write(area.X, y, "/" + state.Filter, PanelStyles.Filter, area.Right);
            if (state.FilterEditing && x < area.Right) frame.Cursor = (x, y);
            var hint = $"  {matches} matching row{(matches == 1 ? "" : "s")} · {(state.FilterEditing ? "Enter keeps the filter · " : "")}Esc clears";
            frame.Write(x, y, CellWidth.Truncate(hint, area.Right - x), PanelStyles.Hint, area.Right);
            y++;
        }
        if (y >= area.Bottom || state.Model.Loading) return;
        var cols = PanelColumns.For(state.Model, area);
        cols.DrawHeader(frame, y, area.Right, state.Model.TicketsShown);
        var rows = RowsArea(state, area);
        if (rows.IsEmpty) return;
        var visible = state.VisibleRows;
        if (visible.Count == 0)
        {
            var text = state.FilterActive ? $"no rows match \"{state.Filter}\"" : PanelModel.EmptyText;
            frame.Write(rows.X, rows.Y, CellWidth.Truncate(text, rows.Width), PanelStyles.Hint, rows.Right);
            return;
        }
        var model = state.Model;
        var now = state.Now;
        state.List.Render(frame, rows, (f, r, index, selected) => PanelRowPainter.Draw(f, r, visible[index], selected, cols, model, now));
    }

    private static void DrawOverlay(Frame frame, PanelScreenState state)
    {
        switch (state.Overlay)
        {
            case PanelOverlay.Help:
                PanelHelp.Render(frame, state);
                frame.Cursor = null;
                break;
            case PanelOverlay.Details when PanelKeys.Details(state) is { } details:
            {
                var width = Math.Max(20, Math.Min(100, frame.Width - 4));
                string[] body = [.. details.Body.Split('\n'), "", "F2/Esc: close"];
                var wrapped = body.Sum(l => Math.Max(1, CellWidth.Wrap(l, width - 4).Count));
                var height = Math.Max(8, Math.Min(Math.Min(24, wrapped + 2), frame.Height - 4));
                Popup.Render(frame, Popup.Centre(frame.Bounds, width, height), details.Title, body, PanelStyles.Warning);
                frame.Cursor = null;
                break;
            }
            case PanelOverlay.Confirm when state.PendingConfirm is { } pending:
            {
                var question = pending.Question;
                var width = Math.Max(20, Math.Min(CellWidth.Of(question) + 4, frame.Width - 4));
                var lines = CellWidth.Wrap(question, width - 4).Count;
                var box = Popup.Centre(frame.Bounds, width, lines + 4);
                Popup.Render(frame, box, pending.Title, [question, "", $"y {pending.YesLabel} · n/Esc cancel"], PanelStyles.Warning);
                frame.Cursor = null;
                break;
            }
        }
    }
}
