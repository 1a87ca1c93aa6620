using System.Globalization;
using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>
/// Display width in terminal cells, per grapheme cluster (user-perceived character):
/// East-Asian wide/fullwidth = 2, combining marks and format/control characters = 0,
/// emoji (with skin tones, ZWJ sequences, VS16, flags) = 2, everything else = 1.
/// Control characters are width 0 and <see cref="Frame"/> never draws them, so user data cannot inject escapes.
/// </summary>
public static class CellWidth
{
    public const string Ellipsis = "…";

    // East Asian Wide (W) and Fullwidth (F) ranges plus emoji with default emoji presentation (Unicode 15).
    private static readonly (int From, int To)[] Wide =
    [
        (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
        (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
        (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA),
        (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B),
        (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
        (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
        (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xA960, 0xA97F),
        (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6),
        (0x16FE0, 0x16FE4), (0x17000, 0x18CFF), (0x1B000, 0x1B2FF), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF),
        (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F200, 0x1F202), (0x1F210, 0x1F23B), (0x1F240, 0x1F248),
        (0x1F250, 0x1F251), (0x1F260, 0x1F265), (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C),
        (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
        (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E),
        (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F),
        (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF),
        (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A),
        (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
    ];

    /// <summary>Width of one Unicode scalar taken alone.</summary>
    public static int Of(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x7F) return value < 0x20 ? 0 : 1;
        if (value < 0xA0) return 0;
        if (value is >= 0x1160 and <= 0x11FF) return 0; // Hangul medial vowels / final consonants join the syllable
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
            case UnicodeCategory.Control:
                return 0;
        }
        return IsWide(value) ? 2 : 1;
    }

    /// <summary>Width of one grapheme cluster: the first non-zero scalar decides; VS16 or a flag pair makes it 2.</summary>
    public static int OfGrapheme(ReadOnlySpan<char> grapheme)
    {
        var width = 0;
        var regional = 0;
        foreach (var rune in grapheme.EnumerateRunes())
        {
            if (rune.Value == 0xFE0F) return 2; // emoji presentation selector
            if (rune.Value is >= 0x1F1E6 and <= 0x1F1FF && ++regional == 2) return 2;
            if (width == 0) width = Of(rune);
        }
        return width;
    }

    /// <summary>Length in UTF-16 units of the grapheme at the start of <paramref name="text"/> (non-empty), and its width.
    /// Common ASCII/Latin/kana/kanji runs skip the full segmentation rules.</summary>
    public static int NextGrapheme(ReadOnlySpan<char> text, out int width)
    {
        var c = text[0];
        if (IsSimple(c) && (text.Length == 1 || IsSimple(text[1])))
        {
            width = c < 0x7F ? 1 : c < 0x300 ? Of(new Rune(c)) : 2;
            return 1;
        }
        var length = StringInfo.GetNextTextElementLength(text);
        width = OfGrapheme(text[..length]);
        return length;
    }

    // Characters that never join a neighbour into one grapheme (no marks, joiners, selectors, jamo, surrogates).
    private static bool IsSimple(char c) =>
        c is (>= ' ' and < '\x7f') or (>= '\xa0' and < '\u0300') or (>= '\u3041' and <= '\u3096') or (>= '\u30a1' and <= '\u30ff')
            or (>= '\u3400' and <= '\u4dbf') or (>= '\u4e00' and <= '\u9fff') or (>= '\uff01' and <= '\uff60');

    /// <summary>Width of a whole string in cells.</summary>
    public static int Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var span = text.AsSpan();
        var width = 0;
        var ascii = true;
        foreach (var c in span)
        {
            if (c is < (char)0x20 or >= (char)0x7F) { ascii = false; break; }
        }
        if (ascii) return span.Length;
        while (!span.IsEmpty)
        {
            var length = NextGrapheme(span, out var w);
            width += w;
            span = span[length..];
        }
        return width;
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="width"/> cells, ending with <c>…</c> when cut.
    /// Never splits a grapheme or a wide character.</summary>
    public static string Truncate(string? text, int width)
    {
        if (string.IsNullOrEmpty(text) || width <= 0) return "";
        if (Of(text) <= width) return text;
        var budget = width - 1; // room for the ellipsis
        var used = 0;
        var span = text.AsSpan();
        var taken = 0;
        while (taken < span.Length)
        {
            var length = NextGrapheme(span[taken..], out var w);
            if (used + w > budget) break;
            used += w;
            taken += length;
        }
        return string.Concat(span[..taken], Ellipsis);
    }

    /// <summary>Pads with spaces to exactly <paramref name="width"/> cells; text that is too wide is truncated with <c>…</c>.</summary>
    public static string PadRight(string? text, int width)
    {
        if (width <= 0) return "";
        var cut = Truncate(text, width);
        var w = Of(cut);
        return w >= width ? cut : cut + new string(' ', width - w);
    }

    /// <summary>Splits text into graphemes with their widths.</summary>
    public static IEnumerable<(string Grapheme, int Width)> Graphemes(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var index = 0;
        while (index < text.Length)
        {
            var length = NextGrapheme(text.AsSpan(index), out var width);
            yield return (text.Substring(index, length), width);
            index += length;
        }
    }

    /// <summary>Wraps text into lines of at most <paramref name="width"/> cells, breaking after spaces when it can.
    /// Hard newlines are kept; control characters are dropped.</summary>
    public static List<string> Wrap(string? text, int width)
    {
        var lines = new List<string>();
        if (width <= 0) return lines;
        foreach (var paragraph in (text ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var line = new StringBuilder();
            var lineWidth = 0;
            var lastSpace = -1; // index in line just after the last space
            var widthAtSpace = 0;
            foreach (var (g, w) in Graphemes(paragraph))
            {
                if (w == 0 && char.IsControl(g[0])) continue;
                if (lineWidth + w > width && lineWidth > 0)
                {
                    if (lastSpace > 0 && g != " ")
                    {
                        var rest = line.ToString(lastSpace, line.Length - lastSpace);
                        lines.Add(line.ToString(0, lastSpace).TrimEnd());
                        line.Clear().Append(rest);
                        lineWidth -= widthAtSpace;
                    }
                    else
                    {
                        lines.Add(line.ToString().TrimEnd());
                        line.Clear();
                        lineWidth = 0;
                    }
                    lastSpace = -1;
                    if (g == " " && lineWidth == 0) continue;
                }
                line.Append(g);
                lineWidth += w;
                if (g == " ") { lastSpace = line.Length; widthAtSpace = lineWidth; }
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    private static bool IsWide(int value)
    {
        if (value < 0x1100) return false;
        int lo = 0, hi = Wide.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (value < Wide[mid].From) hi = mid - 1;
            else if (value > Wide[mid].To) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
