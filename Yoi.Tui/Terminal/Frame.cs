using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>
/// A W×H grid of cells. Each cell holds one grapheme and a <see cref="Style"/>. A wide grapheme occupies a lead
/// cell plus a continuation cell (empty text). Writes clip at the frame (or a given right edge) and never split a
/// wide character: one that does not fit becomes a space. Overwriting half of a wide character blanks the other half.
/// </summary>
public sealed class Frame
{
    private const string Continuation = "";
    private readonly string[] _text;
    private readonly Style[] _style;

    public Frame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Width = width;
        Height = height;
        _text = new string[width * height];
        _style = new Style[width * height];
        Clear();
    }

    public int Width { get; }
    public int Height { get; }
    public Rect Bounds => new(0, 0, Width, Height);

    /// <summary>Where the terminal cursor should be shown (the composer), or null to keep it hidden.</summary>
    public (int X, int Y)? Cursor { get; set; }

    /// <summary>The grapheme at a cell: "" for the right half of a wide character.</summary>
    public string TextAt(int x, int y) => _text[Index(x, y)];

    public Style StyleAt(int x, int y) => _style[Index(x, y)];

    internal string TextAt(int index) => _text[index];
    internal Style StyleAt(int index) => _style[index];

    /// <summary>True when the cell is the right half of a wide character.</summary>
    public bool IsContinuation(int x, int y) => _text[Index(x, y)].Length == 0;

    public void Clear()
    {
        Array.Fill(_text, " ");
        Array.Fill(_style, default);
        Cursor = null;
    }

    /// <summary>Fills a rectangle (clipped to the frame) with spaces in <paramref name="style"/>.</summary>
    public void Fill(Rect area, Style style = default, char ch = ' ')
    {
        var r = area.Intersect(Bounds);
        var text = ch.ToString();
        for (var y = r.Y; y < r.Bottom; y++)
        {
            for (var x = r.X; x < r.Right; x++) Put(x, y, text, 1, style);
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> at (x, y), clipped at <paramref name="maxX"/> (exclusive; default the frame width).
    /// Returns the column after the last written cell.
    /// </summary>
    public int Write(int x, int y, string? text, Style style = default, int maxX = int.MaxValue)
    {
        if (y < 0 || y >= Height || string.IsNullOrEmpty(text)) return x;
        var right = Math.Min(maxX, Width);
        var span = text.AsSpan();
        var index = 0;
        while (index < span.Length && x < right)
        {
            var length = CellWidth.NextGrapheme(span[index..], out var w);
            var slice = span.Slice(index, length);
            index += length;
            if (w == 0) continue; // lone combining marks and control characters are never drawn
            var grapheme = length == 1 && slice[0] < '\x80' ? GraphemeCache.Ascii(slice[0]) : GraphemeCache.Get(slice);
            if (x < 0)
            {
                x += w;
                if (x > 0) Put(0, y, " ", 1, style); // the visible half of a wide char cut on the left
                continue;
            }
            if (x + w > right)
            {
                for (var i = x; i < right; i++) Put(i, y, " ", 1, style);
                return right;
            }
            Put(x, y, grapheme, w, style);
            x += w;
        }
        return x;
    }

    /// <summary>Writes styled spans one after another, clipped at <paramref name="maxX"/>.</summary>
    public int Write(int x, int y, IEnumerable<Span> spans, int maxX = int.MaxValue)
    {
        foreach (var span in spans) x = Write(x, y, span.Text, span.Style, maxX);
        return x;
    }

    /// <summary>The frame as text: one line per row, wide characters once, trailing spaces trimmed.</summary>
    public string ToPlainText()
    {
        var sb = new StringBuilder(Width * Height + Height);
        for (var y = 0; y < Height; y++)
        {
            if (y > 0) sb.Append('\n');
            var start = sb.Length;
            for (var x = 0; x < Width; x++) sb.Append(_text[(y * Width) + x]);
            var end = sb.Length;
            while (end > start && sb[end - 1] == ' ') end--;
            sb.Length = end;
        }
        return sb.ToString();
    }

    /// <summary>
    /// The style of every cell as one letter per distinct style ('.' for plain; 'a', 'b'… in order of first
    /// appearance; a wide character's continuation repeats its letter), followed by a legend line per letter.
    /// Meant for snapshot-style assertions on colours and attributes.
    /// </summary>
    public string ToStyleText()
    {
        var letters = new Dictionary<Style, char>();
        var sb = new StringBuilder();
        for (var y = 0; y < Height; y++)
        {
            if (y > 0) sb.Append('\n');
            var start = sb.Length;
            for (var x = 0; x < Width; x++)
            {
                var style = _style[(y * Width) + x];
                if (style == default) { sb.Append('.'); continue; }
                if (!letters.TryGetValue(style, out var letter))
                {
                    letter = letters.Count < 26 ? (char)('a' + letters.Count) : (char)('A' + letters.Count - 26);
                    letters[style] = letter;
                }
                sb.Append(letter);
            }
            var end = sb.Length;
            while (end > start && sb[end - 1] == '.') end--;
            sb.Length = end;
        }
        foreach (var (style, letter) in letters) sb.Append('\n').Append(letter).Append(": ").Append(style);
        return sb.ToString();
    }

    /// <summary>A copy of this frame (the renderer keeps one as the previous frame).</summary>
    public Frame Clone()
    {
        var copy = new Frame(Width, Height) { Cursor = Cursor };
        CopyTo(copy);
        return copy;
    }

    /// <summary>Copies every cell into a frame of the same size.</summary>
    public void CopyTo(Frame other)
    {
        if (other.Width != Width || other.Height != Height) throw new ArgumentException("frames differ in size", nameof(other));
        Array.Copy(_text, other._text, _text.Length);
        Array.Copy(_style, other._style, _style.Length);
        other.Cursor = Cursor;
    }

    private void Put(int x, int y, string grapheme, int width, Style style)
    {
        var row = y * Width;
        var i = row + x;
        // Overwriting the right half of a wide char: blank its left half.
        if (_text[i].Length == 0 && x > 0) _text[i - 1] = " ";
        // Overwriting a wide char's left half with something else: blank its old right half.
        var oldEnd = x + 1;
        if (oldEnd < Width && _text[row + oldEnd].Length == 0 && width == 1) _text[row + oldEnd] = " ";
        _text[i] = grapheme;
        _style[i] = style;
        if (width == 2)
        {
            var next = x + 2;
            // The continuation covers a cell that might be the left half of another wide char.
            if (next < Width && _text[row + next].Length == 0) _text[row + next] = " ";
            _text[i + 1] = Continuation;
            _style[i + 1] = style;
        }
    }

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"cell ({x},{y}) is outside the {Width}×{Height} frame");
        return (y * Width) + x;
    }
}
