namespace Yoi.Core.Tickets;

/// <summary>
/// The fast path of the frontmatter parse: the line shapes yoi and the Ticket files it meets write — one
/// <c>key: value</c> per line, the value <c>'single-quoted'</c>, <c>"double-quoted"</c> without escapes, a flow list of
/// single-quoted strings (<c>['a', 'b']</c>, <c>[]</c>), <c>null</c>, <c>~</c> or nothing. It accepts nothing YAML would
/// read differently: any other line (plain scalars, escapes, comments, indentation, control or line-separator
/// characters, a repeated key, CR line ends) makes it return null, and the caller parses the whole frontmatter with
/// YamlDotNet, which also gives every error. So the accepted grammar and the messages stay YamlDotNet's; this only saves
/// its scanner's per-document cost (about 13 KB allocated per Ticket, most of what a summary read allocated).
/// </summary>
internal static class FrontmatterLines
{
    private const int MaxKeyLength = 64;

    /// <summary>The fields of <paramref name="yaml"/> (the text between the <c>---</c> lines) or null when any line is outside the fast path.</summary>
    public static List<KeyValuePair<string, FrontmatterValue>>? TryParse(string yaml)
    {
        if (yaml.Length == 0) return null;
        var fields = new List<KeyValuePair<string, FrontmatterValue>>();
        var pos = 0;
        while (pos < yaml.Length)
        {
            var end = yaml.IndexOf('\n', pos);
            if (end < 0 || !TryLine(yaml.AsSpan(pos, end - pos), out var key, out var value)) return null;
            foreach (var field in fields)
                if (field.Key == key) return null;
            fields.Add(new(key, value));
            pos = end + 1;
        }
        return fields;
    }

    private static bool TryLine(ReadOnlySpan<char> line, out string key, out FrontmatterValue value)
    {
        key = "";
        value = FrontmatterValue.Null;
        var colon = line.IndexOf(':');
        if (colon < 1 || colon > MaxKeyLength || !IsKey(line[..colon])) return false;
        key = line[..colon].ToString();
        var rest = line[(colon + 1)..];
        if (rest.Length == 0) return true;
        if (rest[0] != ' ') return false;
        rest = rest[1..];
        if (rest is "null" or "~") return true;
        if (rest.Length == 0) return false;
        if (rest[0] is '\'' or '"')
        {
            if (!TryQuoted(rest, out var text, out var used) || used != rest.Length) return false;
            value = FrontmatterValue.Of(text);
            return true;
        }
        if (rest[0] != '[') return false;
        if (rest is "[]")
        {
            value = FrontmatterValue.Of(Array.Empty<string>());
            return true;
        }
        var items = new List<string>();
        var at = 1;
        while (true)
        {
            if (at >= rest.Length || rest[at] != '\'' || !TryQuoted(rest[at..], out var item, out var used)) return false;
            items.Add(item);
            at += used;
            if (rest[at..] is "]")
            {
                value = FrontmatterValue.Of(items);
                return true;
            }
            if (!rest[at..].StartsWith(", ", StringComparison.Ordinal)) return false;
            at += 2;
        }
    }

    /// <summary>A quoted scalar at the start of <paramref name="span"/>: single-quoted (<c>''</c> is a quote) or double-quoted without escapes.</summary>
    private static bool TryQuoted(ReadOnlySpan<char> span, out string text, out int used)
    {
        text = "";
        used = 0;
        var quote = span[0];
        var builder = new System.Text.StringBuilder(span.Length);
        var i = 1;
        while (i < span.Length)
        {
            var c = span[i];
            if (c == quote)
            {
                if (quote == '\'' && i + 1 < span.Length && span[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }
                text = builder.ToString();
                used = i + 1;
                return true;
            }
            if (quote == '"' && c == '\\') return false;
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                builder.Append(c).Append(span[i + 1]);
                i += 2;
                continue;
            }
            if (!IsPlainPrintable(c)) return false;
            builder.Append(c);
            i++;
        }
        return false;
    }

    /// <summary>Printable characters YAML reads as themselves (no tab, controls, BOM, surrogates or line separators).</summary>
    private static bool IsPlainPrintable(char c) =>
        c is >= ' ' and <= '~' || (c >= '\u00A0' && c <= '\uD7FF' && c != '\u2028' && c != '\u2029') || (c >= '\uE000' && c <= '\uFFFD' && c != '\uFEFF');

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (key[0] is not ((>= 'a' and <= 'z') or '_')) return false;
        foreach (var c in key)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return false;
        return true;
    }
}
