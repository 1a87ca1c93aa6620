using Yoi.Core.Text;

namespace Yoi.Core.Notices;

/// <summary>
/// The bounded weak notice an Orchestrator sends the workspace Companion about a Ticket lifecycle event
/// (docs/original-core.md §5.4): title 96, summary 160, event 80 characters (whitespace collapsed, control characters
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
        return TextBounds.Cut(message, MessageLimit);
    }

    /// <summary>One line: control characters removed, whitespace collapsed, cut to <paramref name="limit"/> with "…" (<see cref="TextBounds.OneLine"/>).</summary>
    public static string Clean(string text, int limit) => TextBounds.OneLine(text, limit);
}
