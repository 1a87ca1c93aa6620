using Yoi.Core.Panel;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// State → Frame for the whole panel (reference §2.10): title line, list (⚠ diagnostics, filter line, rows that
/// scroll with the selection), separator, target status line, composer, actionbar, and the overlays (help, F2
/// details, reclaim confirmation). Nothing here reads the clock or does I/O.
/// </summary>
public static class PanelPainter
{
    /// <summary>Lines the list region gets at this size (paging uses it).</summary>
    public static int ListHeight(PanelScreenState state, int width, int height)
    {
        var (listArea, _) = Layout(state, width, height);
        return Math.Max(1, listArea.Height - DiagnosticLines(state, listArea.Height).Count - (state.FilterActive ? 1 : 0));
    }

    public static void Render(PanelScreenState state, Frame frame)
    {
        if (TooSmall.Applies(frame.Width, frame.Height))
        {
            TooSmall.Render(frame);
            return;
        }
        var (list, composerHeight) = Layout(state, frame.Width, frame.Height);
        PanelHeaderPainter.Title(frame, new Rect(0, 0, frame.Width, 1), state.Model);
        DrawList(frame, list, state);
        var y = list.Bottom;
        frame.Write(0, y, new string('─', frame.Width), PanelStyles.Hint);
        PanelFooterPainter.TargetLine(frame, new Rect(0, y + 1, frame.Width, 1), state);
        var composer = new Rect(0, y + 2, frame.Width, composerHeight);
        state.Composer.Render(frame, composer, PanelStyles.Hint, default, focused: state.Overlay == PanelOverlay.None && !state.FilterEditing);
        PanelFooterPainter.Actionbar(frame, new Rect(0, composer.Bottom, frame.Width, 1), state);
        DrawOverlay(frame, state);
    }

    private static (Rect List, int ComposerHeight) Layout(PanelScreenState state, int width, int height)
    {
        var maxComposer = Math.Min(10, Math.Max(1, height / 3));
        var composerHeight = Math.Clamp(state.Composer.MeasureHeight(width), 1, maxComposer);
        var listHeight = Math.Max(0, height - 1 - 1 - 1 - composerHeight - 1);
        return (new Rect(0, 1, width, listHeight), composerHeight);
    }

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
        var rows = new Rect(area.X, y, area.Width, Math.Max(0, area.Bottom - y));
        if (rows.IsEmpty) return;
        var visible = state.VisibleRows;
        if (visible.Count == 0)
        {
            if (state.Model.Loading) return;
            var text = state.FilterActive ? $"no rows match \"{state.Filter}\"" : PanelModel.EmptyText;
            frame.Write(rows.X, rows.Y, CellWidth.Truncate(text, rows.Width), PanelStyles.Hint, rows.Right);
            return;
        }
        state.List.Render(frame, rows, (f, r, index, selected) => PanelRowPainter.Draw(f, r, visible[index], selected));
    }

    private static void DrawOverlay(Frame frame, PanelScreenState state)
    {
        switch (state.Overlay)
        {
            case PanelOverlay.Help:
                PanelHelp.Render(frame, state.TicketTargetAvailable, state.Model.TicketsShown);
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
            case PanelOverlay.ConfirmReclaim when state.PendingReclaim is { } pending:
            {
                var question = pending.Question;
                var width = Math.Max(20, Math.Min(CellWidth.Of(question) + 4, frame.Width - 4));
                var lines = CellWidth.Wrap(question, width - 4).Count;
                var box = Popup.Centre(frame.Bounds, width, lines + 4);
                Popup.Render(frame, box, "Reclaim", [question, "", "y reclaim and start Intake · n/Esc cancel"], PanelStyles.Warning);
                frame.Cursor = null;
                break;
            }
        }
    }
}
