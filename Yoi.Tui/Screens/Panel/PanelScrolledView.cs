using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The scroll position of a full-height text view (the Ticket view, the diff view): arrows move a line, PgUp/PgDn a
/// page, Home/End to the ends, the mouse wheel by lines; it stops at the last position the painter reported.
/// </summary>
public abstract class PanelScrolledView
{
    public int Offset { get; private set; }

    /// <summary>How many scroll positions the view had when last drawn (the painter sets it; scrolling stops at the end).</summary>
    public int LineCount { get; set; }

    public void Scroll(Key key, int viewHeight)
    {
        var page = Math.Max(1, viewHeight - 1);
        Offset = key.Code switch
        {
            KeyCode.Up => Offset - 1,
            KeyCode.Down => Offset + 1,
            KeyCode.PageUp => Offset - page,
            KeyCode.PageDown => Offset + page,
            KeyCode.Home => 0,
            KeyCode.End => int.MaxValue,
            _ => Offset,
        };
        Offset = Math.Clamp(Offset, 0, Math.Max(0, LineCount - 1));
    }

    /// <summary>Scrolls by <paramref name="lines"/> (the mouse wheel).</summary>
    public void ScrollBy(int lines) => Offset = Math.Clamp(Offset + lines, 0, Math.Max(0, LineCount - 1));
}
