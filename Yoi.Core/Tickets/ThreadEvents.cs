using System.Buffers;
using System.Text;

namespace Yoi.Core.Tickets;

/// <summary>
/// The <c>thread.md</c> format: each event is <c>&lt;!-- event: k key: value … --&gt;</c>, a blank line,
/// <c>## heading</c>, a blank line, the body, a blank line and <c>---</c>. Values are bare unless empty or
/// containing whitespace, <c>"</c>, <c>\</c> or <c>--&gt;</c>; then double-quoted with <c>\"</c>/<c>\\</c> escapes.
/// </summary>
public static class ThreadEvents
{
    public const int MaxReasonBytes = 1024;
    public const int MaxBodyBytes = 16 * 1024;

    public static readonly string[] CommentRoles = ["comment", "plan", "decision", "implementation_report"];

    /// <summary>The heading a kind gets (create/close depend on the record language).</summary>
    public static string Heading(string kind, bool japanese = false, string? status = null) => kind switch
    {
        "create" => japanese ? "作成" : "Created",
        "comment" => "Comment",
        "plan" => "Plan",
        "decision" => "Decision",
        "implementation_report" => "Implementation report",
        "review" => status switch
        {
            "approve" => "Review: approve",
            "request_changes" => "Review: request changes",
            _ => $"Review: {status}",
        },
        "state_changed" => "State changed",
        "intake_summary" => "Intake summary",
        "status_changed" => "Status changed",
        "close" or "closed" => japanese ? "完了" : "Closed",
        _ => kind,
    };

    /// <summary>Validates an event before anything is written; throws a Conflict error naming the bad part.</summary>
    public static void Validate(NewThreadEvent ev)
    {
        CheckValue("event", ev.Kind);
        if (ev.Kind.Length == 0 || ev.Kind.Any(char.IsWhiteSpace))
            throw Conflict($"thread event kind '{ev.Kind}' must be non-empty without whitespace");
        foreach (var (key, value) in ev.Attributes)
        {
            if (key.Length == 0 || key.Any(char.IsWhiteSpace) || key.Contains(':', StringComparison.Ordinal))
                throw Conflict($"thread event attribute key '{key}' must be non-empty without whitespace or ':'");
            CheckValue(key, value);
        }
        if (ev.Heading.Contains('\n', StringComparison.Ordinal) || ev.Heading.Contains('\r', StringComparison.Ordinal))
            throw Conflict("thread event heading must be a single line");
        if (ev.Kind == "state_changed")
        {
            foreach (var key in new[] { "from", "to", "reason", "author" })
                if (string.IsNullOrEmpty(ev.Attributes.FirstOrDefault(a => a.Key == key).Value))
                    throw Conflict($"state_changed event needs a non-empty {key}");
            var reason = ev.Attributes.First(a => a.Key == "reason").Value;
            if (Encoding.UTF8.GetByteCount(reason) > MaxReasonBytes) throw Conflict($"state change reason exceeds {MaxReasonBytes} bytes");
            if (Encoding.UTF8.GetByteCount(ev.Body) > MaxBodyBytes) throw Conflict($"state change body exceeds {MaxBodyBytes} bytes");
        }
        if (ev.Kind == "intake_summary")
        {
            if (ev.Body.Trim().Length == 0) throw Conflict("intake summary must not be empty");
            if (Encoding.UTF8.GetByteCount(ev.Body) > MaxBodyBytes) throw Conflict($"intake summary exceeds {MaxBodyBytes} bytes");
        }
        if (ev.Body.ReplaceLineEndings("\n").Split('\n').Any(l => l.Trim() == "---"))
            throw Conflict("event body must not contain a line that is only '---' (it ends an event in thread.md); use '***' for a rule");
    }

    /// <summary>
    /// Renders one block. <paramref name="first"/> omits the leading newline (the create event). thread.md is written
    /// with LF line ends: the body's CR, CRLF and Unicode line breaks become LF, so it reads back line for line (a lone
    /// CR before a CRLF was lost on reading: CsCheck seeds 2W0R6D1ppj41, 7riJGJBbopT1).
    /// </summary>
    public static string Render(NewThreadEvent ev, bool first)
    {
        Validate(ev);
        var sb = new StringBuilder();
        if (!first) sb.Append('\n');
        sb.Append("<!-- event: ").Append(QuoteValue(ev.Kind));
        foreach (var (key, value) in ev.Attributes) sb.Append(' ').Append(key).Append(": ").Append(QuoteValue(value));
        sb.Append(" -->\n\n## ").Append(ev.Heading).Append("\n\n").Append(ev.Body.ReplaceLineEndings("\n")).Append("\n\n---\n");
        return sb.ToString();
    }

    public static string QuoteValue(string value)
    {
        var bare = value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\')
            && !value.Contains("-->", StringComparison.Ordinal);
        return bare ? value : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Parses every event; lines outside events are ignored. Never throws.</summary>
    public static IReadOnlyList<ThreadEvent> Parse(string text)
    {
        var lines = text.Split('\n');
        var events = new List<ThreadEvent>();
        var i = 0;
        while (i < lines.Length)
        {
            var trimmed = lines[i].Trim();
            if (!IsHeader(trimmed)) { i++; continue; }
            var headerLine = i + 1;
            var attributes = ParseHeader(trimmed[5..^4]);
            i++;
            while (i < lines.Length && lines[i].Trim().Length == 0) i++;
            string? heading = null;
            if (i < lines.Length && lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                heading = lines[i][3..].TrimEnd('\r');
                i++;
                while (i < lines.Length && lines[i].Trim().Length == 0) i++;
            }
            var body = new StringBuilder();
            while (i < lines.Length && lines[i].Trim() != "---" && !IsHeader(lines[i].Trim()))
            {
                body.Append(lines[i].TrimEnd('\r')).Append('\n');
                i++;
            }
            if (i < lines.Length && lines[i].Trim() == "---") i++;
            var kind = attributes.FirstOrDefault(a => a.Key == "event").Value ?? "";
            if (kind == "closed") kind = "close";
            events.Add(new ThreadEvent(kind, heading, body.ToString().TrimEnd('\n'),
                attributes.Where(a => a.Key != "event").ToList(), headerLine));
        }
        return events;
    }

    /// <summary>
    /// The summary of the last event of <paramref name="utf8"/> (valid UTF-8), equal to
    /// <c>ThreadEventSummary.Of(Parse(text)[^1])</c> without splitting or decoding the events before it and without
    /// building the event's body: every header line starts an event, so the last line that is a header starts the last
    /// one; its header, heading and only as many body lines as decide the excerpt are read (the tail is decoded into a
    /// pooled buffer). Null when there is no event.
    /// </summary>
    public static ThreadEventSummary? LatestSummary(ReadOnlySpan<byte> utf8)
    {
        var lineStart = LatestHeaderStart(utf8);
        if (lineStart < 0) return null;
        var tail = utf8[lineStart..];
        var buffer = ArrayPool<char>.Shared.Rent(tail.Length);
        try
        {
            ReadOnlySpan<char> text = buffer.AsSpan(0, Encoding.UTF8.GetChars(tail, buffer));
            var lines = new LineCursor(text);
            var attributes = ParseHeader(lines.Next().Trim()[5..^4].ToString());
            while (lines.HasMore && lines.Peek().Trim().Length == 0) lines.Next();
            string? heading = null;
            if (lines.HasMore && lines.Peek().StartsWith("## ", StringComparison.Ordinal))
            {
                heading = lines.Next()[3..].TrimEnd('\r').ToString();
                while (lines.HasMore && lines.Peek().Trim().Length == 0) lines.Next();
            }
            var excerpt = new TextExcerpt.Builder(ThreadEventSummary.ExcerptLimit);
            while (lines.HasMore && lines.Peek().Trim() is var trimmed && !trimmed.SequenceEqual("---") && !IsHeader(trimmed))
                if (excerpt.Add(lines.Next())) break;
            var kind = attributes.FirstOrDefault(a => a.Key == "event").Value ?? "";
            if (kind == "closed") kind = "close";
            string? Attribute(string key) => attributes.FirstOrDefault(a => a.Key == key) is { Key: not null } pair ? pair.Value : null;
            return new ThreadEventSummary(kind, heading, Attribute("author"), Attribute("at"), utf8[..lineStart].Count((byte)'\n') + 1, excerpt.Result());
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Where the last header line of <paramref name="utf8"/> starts (searching backwards for <c>&lt;!-- </c>), or -1.</summary>
    private static int LatestHeaderStart(ReadOnlySpan<byte> utf8)
    {
        var end = utf8.Length;
        while (end > 0)
        {
            var at = utf8[..end].LastIndexOf("<!-- "u8);
            if (at < 0) return -1;
            var lineStart = utf8[..at].LastIndexOf((byte)'\n') + 1;
            var lineLength = utf8[lineStart..].IndexOf((byte)'\n');
            var line = Encoding.UTF8.GetString(lineLength < 0 ? utf8[lineStart..] : utf8.Slice(lineStart, lineLength));
            if (IsHeader(line.Trim())) return lineStart;
            end = lineStart;
        }
        return -1;
    }

    /// <summary>The lines of a text as <c>Split('\n')</c> gives them, one at a time, without copying.</summary>
    private ref struct LineCursor(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _pos;

        public readonly bool HasMore => _pos <= _text.Length;

        public readonly ReadOnlySpan<char> Peek()
        {
            var end = _text[_pos..].IndexOf('\n');
            return end < 0 ? _text[_pos..] : _text.Slice(_pos, end);
        }

        public ReadOnlySpan<char> Next()
        {
            var line = Peek();
            _pos += line.Length + 1;
            return line;
        }
    }

    private static bool IsHeader(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith("<!-- ", StringComparison.Ordinal) && trimmed.EndsWith(" -->", StringComparison.Ordinal) && trimmed.Length >= 9;

    /// <summary>Reads <c>key: value</c> pairs; values may be double-quoted; tokens without a trailing ':' are skipped.</summary>
    public static List<KeyValuePair<string, string>> ParseHeader(string inner)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (i < inner.Length)
        {
            while (i < inner.Length && char.IsWhiteSpace(inner[i])) i++;
            var start = i;
            while (i < inner.Length && !char.IsWhiteSpace(inner[i])) i++;
            var token = inner[start..i];
            if (token.Length < 2 || !token.EndsWith(':')) continue;
            while (i < inner.Length && char.IsWhiteSpace(inner[i])) i++;
            pairs.Add(new(token[..^1], ReadValue(inner, ref i)));
        }
        return pairs;
    }

    private static string ReadValue(string inner, ref int i)
    {
        if (i >= inner.Length) return "";
        if (inner[i] != '"')
        {
            var start = i;
            while (i < inner.Length && !char.IsWhiteSpace(inner[i])) i++;
            return inner[start..i];
        }
        var sb = new StringBuilder();
        i++;
        while (i < inner.Length && inner[i] != '"')
        {
            if (inner[i] == '\\' && i + 1 < inner.Length) i++;
            sb.Append(inner[i]);
            i++;
        }
        i++;
        return sb.ToString();
    }

    private static void CheckValue(string key, string value)
    {
        if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) || value.Contains("-->", StringComparison.Ordinal))
            throw Conflict($"thread event attribute '{key}' must not contain a line break or '-->'");
    }

    private static TicketException Conflict(string message) => new(TicketErrorKind.Conflict, message);
}
