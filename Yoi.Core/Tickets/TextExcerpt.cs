
namespace Yoi.Core.Tickets;

/// <summary>Bounded one-line text: the cut rule (text elements, "…") and the Markdown-body excerpt rows show.</summary>
public static class TextExcerpt
{
    /// <summary>A one-line excerpt of a Markdown body: trimmed non-empty lines not starting with <c>#</c>, joined with spaces, cut.</summary>
    public static string Of(string body, int limit)
    {
        var joined = string.Join(' ', body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        return Text.TextBounds.Cut(joined, limit);
    }
}
