using Yoi.Tui.Terminal;

namespace Yoi.Tui.Widgets;

/// <summary>
/// Selection and scroll state of a vertical list whose rows may be taller than one line (a Ticket row is two) and
/// may be inert (section headers). Keys move the selection over selectable rows; the view scrolls so the selected
/// row is always fully visible. Rendering is delegated to a callback per visible row.
/// </summary>
public sealed class ScrollList
{
    private int _count;

    /// <summary>Lines a row takes (default 1).</summary>
    public Func<int, int> RowHeight { get; init; } = _ => 1;

    /// <summary>Whether a row can be selected (default all).</summary>
    public Func<int, bool> IsSelectable { get; init; } = _ => true;

    public int Count
    {
        get => _count;
        set
        {
            _count = Math.Max(0, value);
            if (Selected >= _count) Selected = LastSelectable();
            if (Offset >= _count) Offset = Math.Max(0, _count - 1);
        }
    }

    /// <summary>The selected row, or -1 for none.</summary>
    public int Selected { get; set; } = -1;

    /// <summary>The first visible row.</summary>
    public int Offset { get; private set; }

    public void ClearSelection() => Selected = -1;

    /// <summary>Applies Up/Down/PgUp/PgDn/Home/End; returns false for other keys.
    /// With no selection, Down selects the first row and Up the last.</summary>
    public bool HandleKey(Key key, int viewHeight)
    {
        switch (key.Code)
        {
            case KeyCode.Up: Move(-1); break;
            case KeyCode.Down: Move(1); break;
            case KeyCode.PageUp: Page(-1, viewHeight); break;
            case KeyCode.PageDown: Page(1, viewHeight); break;
            case KeyCode.Home: Selected = NextSelectable(-1, 1); break;
            case KeyCode.End: Selected = LastSelectable(); break;
            default: return false;
        }
        EnsureVisible(viewHeight);
        return true;
    }

    /// <summary>Moves the selection by <paramref name="delta"/> selectable rows, stopping at the ends.</summary>
    public void Move(int delta)
    {
        if (Selected < 0)
        {
            Selected = delta > 0 ? NextSelectable(-1, 1) : LastSelectable();
            return;
        }
        var step = Math.Sign(delta);
        for (var i = 0; i < Math.Abs(delta); i++)
        {
            var next = NextSelectable(Selected, step);
            if (next < 0) break;
            Selected = next;
        }
    }

    /// <summary>
    /// Scrolls the view by <paramref name="lines"/> rows (the mouse wheel: negative up) without passing the ends; a
    /// selection that would leave the view moves to the nearest selectable row inside it, so the next
    /// <see cref="EnsureVisible"/> keeps the scroll. Returns true when the view moved.
    /// </summary>
    public bool ScrollBy(int lines, int viewHeight)
    {
        if (viewHeight <= 0 || _count == 0) return false;
        var before = Offset;
        var max = MaxOffset(viewHeight);
        Offset = Math.Clamp(Offset + lines, 0, max);
        if (Offset == before) return false;
        var last = Offset;
        for (var used = RowHeight(last); last + 1 < _count && used + RowHeight(last + 1) <= viewHeight; last++) used += RowHeight(last + 1);
        if (Selected >= 0 && Selected < Offset) Selected = NextSelectable(Offset - 1, 1) is var down && down >= 0 && down <= last ? down : Selected;
        else if (Selected > last) Selected = NextSelectable(last + 1, -1) is var up && up >= Offset ? up : Selected;
        return true;
    }

    /// <summary>The largest first row that still fills the view.</summary>
    private int MaxOffset(int viewHeight)
    {
        var offset = _count;
        var used = 0;
        while (offset > 0 && used + RowHeight(offset - 1) <= viewHeight) used += RowHeight(--offset);
        return Math.Min(offset, _count - 1);
    }

    /// <summary>Scrolls so the selected row is fully visible and no space is wasted below the last row.</summary>
    public void EnsureVisible(int viewHeight)
    {
        if (viewHeight <= 0 || _count == 0) { Offset = 0; return; }
        Offset = Math.Clamp(Offset, 0, _count - 1);
        if (Selected >= 0)
        {
            if (Selected < Offset)
            {
                Offset = Selected;
                // Scrolling up also reveals the inert rows (section headers) just above the selection.
                while (Offset > 0 && !IsSelectable(Offset - 1) && LinesBetween(Offset - 1, Selected + 1) <= viewHeight) Offset--;
            }
            while (Offset < Selected && LinesBetween(Offset, Selected + 1) > viewHeight) Offset++;
        }
        // Pull rows down when the list ends above the bottom of the view (after a shrink).
        var below = LinesBetween(Offset, _count);
        while (Offset > 0 && below + RowHeight(Offset - 1) <= viewHeight)
        {
            Offset--;
            below += RowHeight(Offset);
        }
    }

    /// <summary>Calls <paramref name="drawRow"/> for each row that fits in <paramref name="area"/>, top to bottom,
    /// after scrolling the selection into view. Returns the number of rows drawn.</summary>
    public int Render(Frame frame, Rect area, Action<Frame, Rect, int, bool> drawRow)
    {
        EnsureVisible(area.Height);
        var y = area.Y;
        var drawn = 0;
        for (var row = Offset; row < _count; row++)
        {
            var h = RowHeight(row);
            if (y + h > area.Bottom) break;
            drawRow(frame, new Rect(area.X, y, area.Width, h), row, row == Selected);
            y += h;
            drawn++;
        }
        return drawn;
    }

    private void Page(int direction, int viewHeight)
    {
        if (Selected < 0) { Move(direction); return; }
        var lines = 0;
        var target = Selected;
        for (var row = Selected + direction; row >= 0 && row < _count; row += direction)
        {
            lines += RowHeight(row);
            if (lines > Math.Max(1, viewHeight - 1)) break;
            if (IsSelectable(row)) target = row;
        }
        if (target == Selected) target = NextSelectable(Selected, direction) is var n && n >= 0 ? n : Selected;
        Selected = target;
    }

    private int LinesBetween(int from, int to)
    {
        var lines = 0;
        for (var row = from; row < to; row++) lines += RowHeight(row);
        return lines;
    }

    private int NextSelectable(int from, int step)
    {
        for (var row = from + step; row >= 0 && row < _count; row += step)
            if (IsSelectable(row)) return row;
        return -1;
    }

    private int LastSelectable() => NextSelectable(_count, -1);
}
