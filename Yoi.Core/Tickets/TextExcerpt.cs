using System.Text;

namespace Yoi.Core.Tickets;

/// <summary>Bounded one-line text: the cut rule (text elements, "…") and the Markdown-body excerpt rows show.</summary>
public static class TextExcerpt
{
    /// <summary>A one-line excerpt of a Markdown body: trimmed non-empty lines not starting with <c>#</c>, joined with spaces, cut.</summary>
    public static string Of(string body, int limit)
    {
        // Joins only as much as decides the excerpt (a body can be megabytes; a row shows 72 characters): once the joined
        // prefix holds at least `limit` text elements, its cut equals the cut of the whole join.
        var joined = new StringBuilder();
        var decided = limit * 4 + 16;
        var pos = 0;
        while (pos <= body.Length)
        {
            var end = body.IndexOf('\n', pos);
            var line = (end < 0 ? body.AsSpan(pos) : body.AsSpan(pos, end - pos)).Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                if (joined.Length > 0) joined.Append(' ');
                joined.Append(line);
                if (joined.Length > decided)
                {
                    var prefix = joined.ToString();
                    if (new System.Globalization.StringInfo(prefix).LengthInTextElements >= limit) return Text.TextBounds.Cut(prefix, limit);
                    return Text.TextBounds.Cut(string.Join(' ', body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))), limit);
                }
            }
            if (end < 0) break;
            pos = end + 1;
        }
        return Text.TextBounds.Cut(joined.ToString(), limit);
    }
}
