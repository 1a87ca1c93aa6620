using System.Text;

namespace Yoi.Core.Tickets;

/// <summary>Bounded one-line text: the cut rule (text elements, "…") and the Markdown-body excerpt rows show.</summary>
public static class TextExcerpt
{
    /// <summary>Cuts to <paramref name="limit"/> characters (text elements), ending in "…" when cut.</summary>
    public static string Cut(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var builder = new StringBuilder(limit);
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var count = 0;
        while (enumerator.MoveNext() && count < limit - 1)
        {
            builder.Append(enumerator.GetTextElement());
            count++;
        }
        return count < limit - 1 ? text : builder.Append('…').ToString();
    }

    /// <summary>A one-line excerpt of a Markdown body: trimmed non-empty lines not starting with <c>#</c>, joined with spaces, cut.</summary>
    public static string Of(string body, int limit)
    {
        var joined = string.Join(' ', body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        return Cut(joined, limit);
    }
}
