using System.Text;

namespace Yoi.Corpus;

/// <summary>
/// Builds one <c>thread.md</c> as the backends wrote it: the first block without a blank line before it, every
/// later block after one, header values bare or double-quoted (written here, independently of the product's writer).
/// </summary>
internal sealed class ThreadBuilder(DateTime start, Random random, TicketCorpus.FactsBuilder facts)
{
    private readonly StringBuilder _text = new();

    /// <summary>The time of the last event (the record's <c>updated_at</c>).</summary>
    public DateTime Clock { get; private set; } = start;

    public string Text => _text.ToString();

    /// <summary>
    /// Appends one event <paramref name="minutesLater"/> after the previous one. <paramref name="rawAuthor"/> is written
    /// as given (so the legacy unquoted <c>yoi ticket</c> can be written); other values are quoted when needed.
    /// </summary>
    public void Event(string kind, string rawAuthor, string heading, string body, int minutesLater = -1, params (string Key, string Value)[] extra)
    {
        if (_text.Length > 0) Clock = Clock.AddMinutes(minutesLater >= 0 ? minutesLater : random.Next(3, 900)).AddSeconds(random.Next(60));
        if (_text.Length > 0) _text.Append('\n');
        _text.Append("<!-- event: ").Append(kind).Append(" author: ").Append(rawAuthor).Append(" at: ").Append(TicketCorpus.Stamp(Clock));
        foreach (var (key, value) in extra) _text.Append(' ').Append(key).Append(": ").Append(Quote(value));
        _text.Append(" -->\n\n## ").Append(heading).Append("\n\n");
        if (body.Length > 0) _text.Append(body).Append("\n\n");
        _text.Append("---\n");
        TicketCorpus.FactsBuilder.Count(facts.EventKinds, kind == "closed" ? "close" : kind);
    }

    /// <summary>Lines outside any event (readers ignore them), such as a legacy header pasted after a separator.</summary>
    public void Outside(string lines) => _text.Append(lines).Append('\n');

    /// <summary>Bare unless empty or containing whitespace, <c>"</c>, <c>\</c> or <c>--&gt;</c>; else double-quoted with escapes.</summary>
    public static string Quote(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\') && !value.Contains("-->", StringComparison.Ordinal)
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
