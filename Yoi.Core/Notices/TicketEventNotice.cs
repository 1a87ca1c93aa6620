using System.Text;

namespace Yoi.Core.Notices;

/// <summary>
/// The bounded weak notice an Orchestrator sends the workspace Companion about a Ticket lifecycle event
/// (reference §5.4): title 96, summary 160, event 80 characters (whitespace collapsed, control characters
/// removed, "…" on truncation), whole message at most 768 characters. Never carries tool bodies or errors.
/// </summary>
public static class TicketEventNotice
{
    public const int TitleLimit = 96;
    public const int SummaryLimit = 160;
    public const int EventLimit = 80;
    public const int MessageLimit = 768;

    public static string Build(string ticketId, string title, string state, string eventKind, string summary, string reference)
    {
        var message = string.Join('\n',
            "Ticket event notice (weak; auto_run=false)",
            $"ticket: {Clean(ticketId, 40)}",
            $"title: {Clean(title, TitleLimit)}",
            $"state: {Clean(state, 40)}",
            $"event: {Clean(eventKind, EventLimit)}",
            $"summary: {Clean(summary, SummaryLimit)}",
            $"ref: {Clean(reference, 200)}");
        return Truncate(message, MessageLimit);
    }

    /// <summary>Removes control characters, collapses whitespace to single spaces, cuts to <paramref name="limit"/> with "…".</summary>
    public static string Clean(string text, int limit)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c) || c is '\u200b' or '\u2028' or '\u2029') continue;
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return Truncate(builder.ToString(), limit);
    }

    private static string Truncate(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = limit - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut] + "…";
    }
}
