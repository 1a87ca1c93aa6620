using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The mouse on the panel: a click on a row selects it, a second click on the same row within
/// <see cref="DoubleClickTime"/> is Enter on a blank composer (the row's action), the wheel scrolls what is under the
/// pointer (the list, the details pane, the Ticket view, the diff view). Clicks on headers, empty space and while a popup is open do
/// nothing. Changes only <see cref="PanelScreenState"/>; an action comes back as an intent like a key's.
/// </summary>
public static class PanelMouse
{
    public static readonly TimeSpan DoubleClickTime = TimeSpan.FromMilliseconds(500);

    public static PanelIntent? Handle(PanelScreenState state, Mouse mouse, int width, int height, DateTimeOffset now)
    {
        if (TooSmall.Applies(width, height)) return null;
        var layout = PanelPainter.Layout(state, width, height);
        if (state.Overlay != PanelOverlay.None)
        {
            if (state.Overlay == PanelOverlay.TicketView && mouse.WheelLines != 0) state.TicketView?.ScrollBy(mouse.WheelLines);
            if (state.Overlay == PanelOverlay.Diff && mouse.WheelLines != 0) state.DiffView?.ScrollBy(mouse.WheelLines);
            return null;
        }
        if (mouse.WheelLines != 0)
        {
            if (layout.Details.Contains(mouse.X, mouse.Y)) state.ScrollDetails(-mouse.WheelLines);
            else if (layout.List.Contains(mouse.X, mouse.Y)) state.ScrollList(mouse.WheelLines, PanelPainter.ListHeight(state, width, height));
            return null;
        }
        if (!mouse.IsLeftPress) return null;
        var rows = PanelPainter.RowsArea(state, layout.List);
        var index = state.List.Offset + (mouse.Y - rows.Y);
        if (!rows.Contains(mouse.X, mouse.Y) || index >= state.VisibleRows.Count || !state.VisibleRows[index].Selectable)
        {
            state.LastClick = null;
            return null;
        }
        state.OnAnyKey();
        if (state.FilterEditing) state.EndFilterEditing();
        var row = state.VisibleRows[index].Key;
        var twice = state.LastClick is { } last && last.Row == row && now - last.At <= DoubleClickTime;
        state.Select(row);
        if (twice && state.Composer.IsBlank)
        {
            state.LastClick = null;
            return PanelKeys.Enter(state, now);
        }
        state.LastClick = (row, now);
        return null;
    }
}
