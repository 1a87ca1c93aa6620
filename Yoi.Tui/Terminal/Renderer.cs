using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>
/// Turns a sequence of frames into terminal output: one byte string per frame, wrapped in synchronized-update
/// brackets (CSI ?2026h … CSI ?2026l). Only changed cells are written; the cursor is moved only on jumps and SGR is
/// emitted only when the style changes. The first frame, a size change or <see cref="Invalidate"/> repaints fully.
/// With <c>NO_COLOR</c> no colour SGR is emitted; bold/dim/underline/reverse still are, so selection stays visible.
/// </summary>
public sealed class Renderer(bool noColor)
{
    public const string BeginSync = "\e[?2026h";
    public const string EndSync = "\e[?2026l";

    private readonly StringBuilder _out = new(16 * 1024);
    private Frame? _previous;
    private (int X, int Y)? _shownCursor;
    private Style _pen;

    public bool NoColor { get; } = noColor;

    /// <summary>A renderer honouring <c>NO_COLOR</c> (set and not empty, see no-color.org).</summary>
    public static Renderer FromEnvironment() =>
        new(!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Forget what the terminal shows: the next frame is a full repaint (after a child used the terminal).</summary>
    public void Invalidate() => _previous = null;

    /// <summary>The bytes that bring the terminal from the previous frame to <paramref name="next"/>; empty when nothing changed.</summary>
    public byte[] Render(Frame next) => Encoding.UTF8.GetBytes(RenderText(next));

    /// <summary>Same as <see cref="Render"/>, as text (for tests).</summary>
    public string RenderText(Frame next)
    {
        var sb = _out.Clear();
        var previous = _previous;
        var full = previous is null || previous.Width != next.Width || previous.Height != next.Height;
        sb.Append(BeginSync);
        if (_shownCursor is not null || full) sb.Append("\e[?25l"); // no cursor flicker while cells change
        if (full)
        {
            sb.Append("\e[0m\e[H\e[2J");
            _pen = default;
        }
        var cellsStart = sb.Length;

        int cx = -1, cy = -1; // where the terminal cursor is; -1 = unknown
        var width = next.Width;
        for (var y = 0; y < next.Height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var i = row + x;
                var text = next.TextAt(i);
                if (text.Length == 0) continue; // continuation: drawn with its lead
                var style = next.StyleAt(i);
                var wide = x + 1 < width && next.TextAt(i + 1).Length == 0;
                if (full)
                {
                    if (text == " " && style == default) continue; // the cleared screen already shows it
                }
                else
                {
                    var wasWide = x + 1 < width && previous!.TextAt(i + 1).Length == 0;
                    if (wide == wasWide && text == previous!.TextAt(i) && style == previous.StyleAt(i)) continue;
                }

                if (cx != x || cy != y) sb.Append("\e[").Append(y + 1).Append(';').Append(x + 1).Append('H');
                if (style != _pen)
                {
                    style.AppendSgr(sb, NoColor);
                    _pen = style;
                }
                sb.Append(text);
                cx = x + (wide ? 2 : 1);
                cy = y;
                if (cx >= width) cx = -1; // pending wrap at the right margin: position unknown
            }
        }

        (int X, int Y)? cursor = next.Cursor is { } c && c.X >= 0 && c.X < next.Width && c.Y >= 0 && c.Y < next.Height ? c : null;
        if (!full && sb.Length == cellsStart && cursor == _shownCursor) return "";

        if (_pen != default)
        {
            sb.Append("\e[0m");
            _pen = default;
        }
        if (cursor is { } at) sb.Append("\e[").Append(at.Y + 1).Append(';').Append(at.X + 1).Append("H\e[?25h");
        _shownCursor = cursor;
        sb.Append(EndSync);

        if (previous is null || full) _previous = next.Clone();
        else next.CopyTo(previous);
        return sb.ToString();
    }
}
