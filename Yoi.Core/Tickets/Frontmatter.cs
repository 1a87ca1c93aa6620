using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Yoi.Core.Tickets;

/// <summary>
/// <c>item.md</c>: a <c>---</c> line, YAML frontmatter (strings, nulls and string lists only), a closing
/// <c>---</c> line, then the Markdown body. Writes single-quoted values; updates rewrite only the changed lines.
/// </summary>
public sealed partial class Frontmatter
{
    private Frontmatter(IReadOnlyList<KeyValuePair<string, FrontmatterValue>> fields, string body)
    {
        Fields = fields;
        Body = body;
    }

    /// <summary>Every key in file order (the raw map).</summary>
    public IReadOnlyList<KeyValuePair<string, FrontmatterValue>> Fields { get; }

    /// <summary>The body after the closing <c>---</c> and the one blank line we write after it.</summary>
    public string Body { get; }

    public FrontmatterValue? this[string key]
    {
        get
        {
            // A loop, not LINQ: a summary read looks up about 20 keys per Ticket (no closure or enumerator each time).
            for (var i = 0; i < Fields.Count; i++)
                if (Fields[i].Key == key) return Fields[i].Value;
            return null;
        }
    }

    public bool Has(string key) => this[key] is not null;

    public string? Text(string key) => this[key]?.Text;

    public static Frontmatter Parse(string text)
    {
        var (yaml, body) = Split(text);
        return new Frontmatter(ParseYaml(yaml), body);
    }

    /// <summary>
    /// The frontmatter of <c>item.md</c> from its (already validated) UTF-8 bytes without decoding the body (<see cref="Body"/>
    /// is empty): what a summary read needs. Same rules and errors as <see cref="Parse"/>.
    /// </summary>
    public static Frontmatter ParseHead(ReadOnlySpan<byte> utf8)
    {
        var firstEnd = utf8.IndexOf((byte)'\n');
        if (firstEnd < 0 || !IsDelimiter(utf8[..firstEnd]))
            throw new TicketException(TicketErrorKind.Schema, "item.md must start with a line that is exactly '---'");
        var pos = firstEnd + 1;
        while (pos <= utf8.Length)
        {
            var next = utf8[pos..].IndexOf((byte)'\n');
            var line = next < 0 ? utf8[pos..] : utf8.Slice(pos, next);
            if (IsDelimiter(line)) return new Frontmatter(ParseYaml(Encoding.UTF8.GetString(utf8[(firstEnd + 1)..pos])), "");
            if (next < 0) break;
            pos += next + 1;
        }
        throw new TicketException(TicketErrorKind.Schema, "item.md frontmatter has no closing '---' line");
    }

    private static bool IsDelimiter(ReadOnlySpan<byte> line) => line.TrimEnd((byte)'\r').SequenceEqual("---"u8);

    /// <summary>Renders a whole new <c>item.md</c>: fields in the given order, a blank line, the body, a final newline.</summary>
    public static string Render(IEnumerable<KeyValuePair<string, FrontmatterValue>> fields, string body)
    {
        var sb = new StringBuilder("---\n");
        foreach (var (key, value) in fields) sb.Append(key).Append(": ").Append(value.Render()).Append('\n');
        sb.Append("---\n\n").Append(body);
        if (!body.EndsWith('\n')) sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Rewrites only the frontmatter lines whose key is updated; keys not present are inserted before the
    /// closing <c>---</c>. Line order and every other byte stay as they were.
    /// </summary>
    public static string Update(string text, IReadOnlyList<KeyValuePair<string, FrontmatterValue>> updates)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count == 0 || lines[0].TrimEnd('\r') != "---")
            throw new TicketException(TicketErrorKind.Schema, "item.md does not start with a '---' line");
        var close = lines.FindIndex(1, l => l.TrimEnd('\r') == "---");
        if (close < 0) throw new TicketException(TicketErrorKind.Schema, "item.md frontmatter has no closing '---' line");
        var pending = updates.ToList();
        for (var i = 1; i < close; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var key = lines[i][..colon].Trim();
            var match = pending.FindIndex(u => u.Key == key);
            if (match < 0) continue;
            lines[i] = $"{key}: {pending[match].Value.Render()}";
            pending.RemoveAt(match);
        }
        lines.InsertRange(close, pending.Select(u => $"{u.Key}: {u.Value.Render()}"));
        return string.Join('\n', lines);
    }

    /// <summary>A single-quoted YAML scalar (<c>'</c> doubled).</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static (string Yaml, string Body) Split(string text)
    {
        var firstEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstEnd < 0 || text[..firstEnd].TrimEnd('\r') != "---")
            throw new TicketException(TicketErrorKind.Schema, "item.md must start with a line that is exactly '---'");
        var pos = firstEnd + 1;
        while (pos <= text.Length)
        {
            var end = text.IndexOf('\n', pos);
            var line = end < 0 ? text[pos..] : text[pos..end];
            if (line.TrimEnd('\r') == "---")
            {
                var yaml = text[(firstEnd + 1)..pos];
                var body = end < 0 ? "" : text[(end + 1)..];
                if (body.StartsWith('\n')) body = body[1..];
                else if (body.StartsWith("\r\n", StringComparison.Ordinal)) body = body[2..];
                return (yaml, body);
            }
            if (end < 0) break;
            pos = end + 1;
        }
        throw new TicketException(TicketErrorKind.Schema, "item.md frontmatter has no closing '---' line");
    }

    private static List<KeyValuePair<string, FrontmatterValue>> ParseYaml(string yaml) =>
        FrontmatterLines.TryParse(yaml) ?? ParseYamlDocument(yaml);

    /// <summary>The whole YAML grammar (and every error message), through YamlDotNet's representation model.</summary>
    internal static List<KeyValuePair<string, FrontmatterValue>> ParseYamlDocument(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new TicketException(TicketErrorKind.Schema, $"invalid YAML frontmatter: {OneLine(ex.Message)}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (not a YamlException) for some unterminated flow collections.
            throw new TicketException(TicketErrorKind.Schema, $"invalid YAML frontmatter: {OneLine(ex.Message)}", ex);
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's parser emits a mapping whose only key has no value for a tab-indented key (`\t: a`), and
            // its node builder then throws this on the unexpected mapping end (CsCheck seed 8pU0D7sP2yc1).
            throw new TicketException(TicketErrorKind.Schema,
                "invalid YAML frontmatter: a mapping key has no value (check the indentation; YAML does not allow tabs there)", ex);
        }
        var fields = new List<KeyValuePair<string, FrontmatterValue>>();
        if (stream.Documents.Count == 0) return fields;
        if (stream.Documents.Count > 1) throw new TicketException(TicketErrorKind.Schema, "frontmatter must be a single YAML document");
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Style: ScalarStyle.Plain } emptyRoot && IsNullScalar(emptyRoot)) return fields;
        if (root is not YamlMappingNode map)
            throw new TicketException(TicketErrorKind.Schema, "frontmatter must be a YAML mapping");
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw new TicketException(TicketErrorKind.Schema, "frontmatter keys must be strings");
            if (fields.Any(f => f.Key == key))
                throw new TicketException(TicketErrorKind.Schema, $"frontmatter field `{key}` appears twice");
            fields.Add(new(key, ToValue(key, valueNode)));
        }
        return fields;
    }

    private static FrontmatterValue ToValue(string key, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                if (scalar.Style == ScalarStyle.Plain && IsNullScalar(scalar)) return FrontmatterValue.Null;
                if (scalar.Style == ScalarStyle.Plain && NonStringPlain().IsMatch(scalar.Value ?? ""))
                    throw new TicketException(TicketErrorKind.Schema,
                        $"frontmatter field `{key}` must be a YAML string or null, found {(BoolPlain().IsMatch(scalar.Value!) ? "bool" : "number")}");
                return FrontmatterValue.Of(scalar.Value ?? "");
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode s || (s.Style == ScalarStyle.Plain && IsNullScalar(s)))
                        throw new TicketException(TicketErrorKind.Schema, $"frontmatter field `{key}` must be a sequence of strings");
                    items.Add(s.Value ?? "");
                }
                return FrontmatterValue.Of(items);
            default:
                throw new TicketException(TicketErrorKind.Schema, $"frontmatter field `{key}` must be a string, a sequence of strings or null, found a mapping");
        }
    }

    private static bool IsNullScalar(YamlScalarNode scalar) =>
        scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^(true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NonStringPlain();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BoolPlain();
}
