using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>Text helpers shared by the model and the actions: the bounded-diagnostic rule and excerpts.</summary>
public static class PanelText
{
    public const int DiagnosticLimit = 180;
    public const int ExcerptLimit = ThreadEventSummary.ExcerptLimit;

    /// <summary>
    /// Reference §2.17: trim lines, drop empty ones, join with spaces, cut to 180 characters with "…";
    /// "unknown diagnostic" when nothing is left. Unlike the original, lines starting with <c>#</c> are kept
    /// (the original dropped them by accident, docs/original-panel.md §7.2).
    /// </summary>
    public static string Bounded(string? text, int limit = DiagnosticLimit)
    {
        if (string.IsNullOrWhiteSpace(text)) return "unknown diagnostic";
        var joined = string.Join(' ', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        return Cut(joined, limit);
    }

    /// <summary>Cuts to <paramref name="limit"/> text elements, ending in "…" when cut (<see cref="Text.TextBounds.Cut"/>).</summary>
    public static string Cut(string text, int limit) => Text.TextBounds.Cut(text, limit);

    /// <summary>A one-line excerpt of a Markdown body: non-heading lines joined, cut to 72 characters.</summary>
    public static string Excerpt(string body) => TextExcerpt.Of(body, ExcerptLimit);
}
