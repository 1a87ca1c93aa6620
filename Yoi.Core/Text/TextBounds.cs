using System.Globalization;
using System.Text;

namespace Yoi.Core.Text;

/// <summary>
/// The one way yoi bounds text for people and notices: counted in text elements (a letter with its combining marks, an
/// emoji, a surrogate pair is one), never cut inside one, ending in "…" when something was cut. Terminal columns are
/// another measure (<c>Yoi.Tui/Terminal/CellWidth</c>); this is about how much text, not how wide it draws.
/// </summary>
public static class TextBounds
{
    public const string Ellipsis = "…";

    /// <summary>Cuts to at most <paramref name="limit"/> text elements, the last one "…" when anything was cut.</summary>
    public static string Cut(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var end = 0;
        var count = 0;
        while (end < text.Length && count < limit - 1)
        {
            end += StringInfo.GetNextTextElementLength(text.AsSpan(end));
            count++;
        }
        return count < limit - 1 ? text : string.Concat(text.AsSpan(0, end), Ellipsis);
    }

    /// <summary>
    /// One line of at most <paramref name="limit"/> text elements: control characters and zero-width spaces dropped,
    /// every whitespace run (line breaks included) one space, no leading or trailing space, "…" when cut. Reads no more
    /// of a huge text than the bound needs.
    /// </summary>
    public static string OneLine(string? text, int limit)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var room = limit * 4 + 4;
        var builder = new StringBuilder(Math.Min(text.Length, room));
        var pendingSpace = false;
        var stopped = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c) || c == '\u200b') continue;
            if (builder.Length >= room)
            {
                stopped = true;
                break;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        var line = builder.ToString();
        var cut = Cut(line, limit);
        // Stopped early but every element fitted (very long elements): still say that text was left out.
        return stopped && ReferenceEquals(cut, line) ? Cut(line, new StringInfo(line).LengthInTextElements) : cut;
    }
}
