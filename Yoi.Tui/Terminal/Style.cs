using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>Text attributes a cell can carry.</summary>
[Flags]
public enum TextAttr : byte
{
    None = 0,
    Bold = 1,
    Dim = 2,
    Underline = 4,
    Reverse = 8,
}

/// <summary>
/// A terminal colour: the terminal's default, one of the 256 indexed colours (0–15 are the named ones) or 24-bit RGB.
/// <c>default(Color)</c> is the terminal default, so a zero-filled <see cref="Style"/> is plain text.
/// </summary>
public readonly record struct Color
{
    private const int RgbFlag = 0x1000000;
    private readonly int _value; // 0 default; 1..256 indexed + 1; RgbFlag | rgb

    private Color(int value) => _value = value;

    public static Color Default => default;
    public static Color Black => Index(0);
    public static Color Red => Index(1);
    public static Color Green => Index(2);
    public static Color Yellow => Index(3);
    public static Color Blue => Index(4);
    public static Color Magenta => Index(5);
    public static Color Cyan => Index(6);
    public static Color White => Index(7);
    public static Color DarkGrey => Index(8);

    public static Color Index(int index) =>
        index is >= 0 and <= 255 ? new Color(index + 1) : throw new ArgumentOutOfRangeException(nameof(index), index, "a 256-colour index is 0..255");

    public static Color Rgb(byte r, byte g, byte b) => new(RgbFlag | (r << 16) | (g << 8) | b);

    public bool IsDefault => _value == 0;

    /// <summary>Appends the SGR parameters for this colour as foreground or background (nothing for the default).</summary>
    internal void AppendSgr(StringBuilder sb, bool background)
    {
        if (_value == 0) return;
        if ((_value & RgbFlag) != 0)
        {
            sb.Append(background ? ";48;2;" : ";38;2;")
              .Append((_value >> 16) & 0xFF).Append(';').Append((_value >> 8) & 0xFF).Append(';').Append(_value & 0xFF);
            return;
        }
        var index = _value - 1;
        if (index < 8) sb.Append(';').Append((background ? 40 : 30) + index);
        else if (index < 16) sb.Append(';').Append((background ? 100 : 90) + index - 8);
        else sb.Append(background ? ";48;5;" : ";38;5;").Append(index);
    }

    private static readonly string[] Names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "darkgrey"];

    public override string ToString()
    {
        if (_value == 0) return "default";
        if ((_value & RgbFlag) != 0) return $"#{_value & 0xFFFFFF:x6}";
        var index = _value - 1;
        return index < Names.Length ? Names[index] : $"color{index}";
    }
}

/// <summary>Foreground, background and attributes of a cell. <c>default(Style)</c> is plain text.</summary>
public readonly record struct Style(Color Fg = default, Color Bg = default, TextAttr Attr = TextAttr.None)
{
    public static Style Plain => default;

    public Style Bold() => this with { Attr = Attr | TextAttr.Bold };
    public Style Dim() => this with { Attr = Attr | TextAttr.Dim };
    public Style Underline() => this with { Attr = Attr | TextAttr.Underline };
    public Style Reverse() => this with { Attr = Attr | TextAttr.Reverse };
    public Style On(Color background) => this with { Bg = background };

    public static implicit operator Style(Color foreground) => new(foreground);

    /// <summary>The full SGR sequence for this style (starting from a reset); colours left out when <paramref name="noColor"/>.</summary>
    internal void AppendSgr(StringBuilder sb, bool noColor)
    {
        sb.Append("\e[0");
        if ((Attr & TextAttr.Bold) != 0) sb.Append(";1");
        if ((Attr & TextAttr.Dim) != 0) sb.Append(";2");
        if ((Attr & TextAttr.Underline) != 0) sb.Append(";4");
        if ((Attr & TextAttr.Reverse) != 0) sb.Append(";7");
        if (!noColor)
        {
            Fg.AppendSgr(sb, background: false);
            Bg.AppendSgr(sb, background: true);
        }
        sb.Append('m');
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (!Fg.IsDefault) parts.Add($"fg={Fg}");
        if (!Bg.IsDefault) parts.Add($"bg={Bg}");
        foreach (var attr in new[] { TextAttr.Bold, TextAttr.Dim, TextAttr.Underline, TextAttr.Reverse })
            if ((Attr & attr) != 0) parts.Add(attr.ToString().ToLowerInvariant());
        return parts.Count == 0 ? "plain" : string.Join(' ', parts);
    }
}

/// <summary>A piece of text with one style.</summary>
public readonly record struct Span(string Text, Style Style)
{
    public static implicit operator Span(string text) => new(text, default);
}

/// <summary>A rectangle of cells.</summary>
public readonly record struct Rect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>True when the cell (<paramref name="x"/>, <paramref name="y"/>) is inside (mouse hit-testing).</summary>
    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    /// <summary>The row <paramref name="offset"/> of this rectangle as a one-line rectangle.</summary>
    public Rect Row(int offset) => new(X, Y + offset, Width, 1);

    public Rect Intersect(Rect other)
    {
        var x = Math.Max(X, other.X);
        var y = Math.Max(Y, other.Y);
        var right = Math.Min(Right, other.Right);
        var bottom = Math.Min(Bottom, other.Bottom);
        return new Rect(x, y, Math.Max(0, right - x), Math.Max(0, bottom - y));
    }
}
