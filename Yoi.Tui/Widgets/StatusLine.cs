using Yoi.Tui.Terminal;

namespace Yoi.Tui.Widgets;

/// <summary>One line with styled spans on the left and an optional right-aligned text; the left side is cut with
/// <c>…</c> so that it never overlaps the right side (which is itself cut to the width when alone).</summary>
public static class StatusLine
{
    public static void Render(Frame frame, Rect line, IReadOnlyList<Span> left, string right = "", Style rightStyle = default,
        Style fill = default)
    {
        if (line.IsEmpty) return;
        frame.Fill(line.Row(0), fill);
        var rightText = CellWidth.Truncate(right, line.Width);
        var rightWidth = CellWidth.Of(rightText);
        var leftLimit = line.Width - (rightWidth > 0 ? rightWidth + 2 : 0);
        if (leftLimit < 1 && rightWidth > 0)
        {
            leftLimit = line.Width;
            rightText = "";
            rightWidth = 0;
        }
        var x = line.X;
        var remaining = leftLimit;
        foreach (var span in left)
        {
            if (remaining <= 0) break;
            var total = CellWidth.Of(span.Text);
            var text = total <= remaining ? span.Text : CellWidth.Truncate(span.Text, remaining);
            var after = frame.Write(x, line.Y, text, span.Style, line.X + leftLimit);
            remaining -= after - x;
            x = after;
            if (total > CellWidth.Of(text)) break;
        }
        if (rightWidth > 0) frame.Write(line.Right - rightWidth, line.Y, rightText, rightStyle, line.Right);
    }
}
