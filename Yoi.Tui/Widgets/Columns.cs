using Yoi.Tui.Terminal;

namespace Yoi.Tui.Widgets;

/// <summary>A column of a row: a fixed width in cells (0 = the rest of the line), then <paramref name="Gap"/> blank cells.</summary>
public readonly record struct Column(int Width, int Gap = 1, bool AlignRight = false);

/// <summary>Draws one line of fixed-width columns; each cell is cut with <c>…</c> to its column.</summary>
public static class Columns
{
    /// <summary>Draws <paramref name="cells"/> into <paramref name="columns"/> on row <paramref name="line"/> of
    /// <paramref name="area"/>. A width-0 column takes what is left.</summary>
    public static void Draw(Frame frame, Rect area, int line, IReadOnlyList<Column> columns, IReadOnlyList<Span> cells)
    {
        var y = area.Y + line;
        var x = area.X;
        for (var i = 0; i < columns.Count && i < cells.Count && x < area.Right; i++)
        {
            var width = columns[i].Width > 0 ? columns[i].Width : area.Right - x;
            width = Math.Min(width, area.Right - x);
            var text = CellWidth.Truncate(cells[i].Text, width);
            var start = columns[i].AlignRight ? x + width - CellWidth.Of(text) : x;
            frame.Write(start, y, text, cells[i].Style, maxX: x + width);
            x += width + columns[i].Gap;
        }
    }
}
