using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>
/// Agent output made safe to draw as the agent meant it: tabs expanded to 8-column stops, ANSI escape sequences
/// (colours, cursor moves, OSC titles) removed, other control characters dropped, carriage returns ending a line.
/// </summary>
public static class PlainText
{
    public const int TabStop = 8;

    public static string Clean(string text)
    {
        if (!NeedsCleaning(text)) return text;
        var output = new StringBuilder(text.Length);
        var column = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    output.Append('\n');
                    column = 0;
                    continue;
                case '\t':
                    var spaces = TabStop - column % TabStop;
                    output.Append(' ', spaces);
                    column += spaces;
                    continue;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                    output.Append('\n');
                    column = 0;
                    continue;
                case '\u001b':
                    i = SkipEscape(text, i);
                    continue;
            }
            if (char.IsControl(c)) continue;
            output.Append(c);
            if (!char.IsLowSurrogate(c)) column++;
        }
        return output.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
            if (c != '\n' && char.IsControl(c)) return true;
        return false;
    }

    /// <summary>Returns the index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int SkipEscape(string text, int start)
    {
        if (start + 1 >= text.Length) return start;
        var next = text[start + 1];
        if (next == '[')
        {
            // CSI: parameters and intermediates, then one final byte in @..~.
            for (var i = start + 2; i < text.Length; i++)
                if (text[i] is >= '@' and <= '~') return i;
            return text.Length - 1;
        }
        if (next == ']')
        {
            // OSC: ends with BEL or ESC \.
            for (var i = start + 2; i < text.Length; i++)
            {
                if (text[i] == '\a') return i;
                if (text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '\\') return i + 1;
            }
            return text.Length - 1;
        }
        return start + 1;
    }
}
