using Yoi.Tui.Terminal;

namespace Yoi.Tui.Widgets;

/// <summary>A centred bordered box drawn over a cleared area, with a title in the top border and wrapped body lines.</summary>
public static class Popup
{
    /// <summary>The box for a popup of at most <paramref name="width"/>×<paramref name="height"/>, centred in <paramref name="screen"/>.</summary>
    public static Rect Centre(Rect screen, int width, int height)
    {
        width = Math.Min(width, screen.Width);
        height = Math.Min(height, screen.Height);
        return new Rect(screen.X + ((screen.Width - width) / 2), screen.Y + ((screen.Height - height) / 2), width, height);
    }

    /// <summary>Draws the box and returns the inner area (inside the border). Body lines are wrapped to the inner width;
    /// when they do not fit, the last visible line is replaced by <c>…</c>.</summary>
    public static Rect Render(Frame frame, Rect box, string title, IEnumerable<string> body, Style border = default, Style text = default)
    {
        box = box.Intersect(frame.Bounds);
        if (box.Width < 2 || box.Height < 2) return default;
        frame.Fill(box);
        var right = box.Right - 1;
        var bottom = box.Bottom - 1;
        var horizontal = new string('─', box.Width - 2);
        frame.Write(box.X, box.Y, "┌" + horizontal + "┐", border);
        frame.Write(box.X, bottom, "└" + horizontal + "┘", border);
        for (var y = box.Y + 1; y < bottom; y++)
        {
            frame.Write(box.X, y, "│", border);
            frame.Write(right, y, "│", border);
        }
        if (!string.IsNullOrEmpty(title) && box.Width > 4)
            frame.Write(box.X + 1, box.Y, CellWidth.Truncate($" {title} ", box.Width - 2), border.Bold(), right);

        var inner = new Rect(box.X + 2, box.Y + 1, Math.Max(0, box.Width - 4), box.Height - 2);
        var lines = body.SelectMany(line => CellWidth.Wrap(line, inner.Width)).ToList();
        for (var i = 0; i < inner.Height && i < lines.Count; i++)
        {
            var line = i == inner.Height - 1 && lines.Count > inner.Height ? CellWidth.Ellipsis : lines[i];
            frame.Write(inner.X, inner.Y + i, line, text, inner.Right);
        }
        return inner;
    }
}
