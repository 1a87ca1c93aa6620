using System.Text;

namespace Yoi.Core.Tickets;

/// <summary>Bounded one-line text: the cut rule (text elements, "…") and the Markdown-body excerpt rows show.</summary>
public static class TextExcerpt
{
    /// <summary>A one-line excerpt of a Markdown body: trimmed non-empty lines not starting with <c>#</c>, joined with spaces, cut.</summary>
    public static string Of(string body, int limit)
    {
        var excerpt = new Builder(limit);
        var pos = 0;
        while (pos <= body.Length)
        {
            var end = body.IndexOf('\n', pos);
            if (excerpt.Add(end < 0 ? body.AsSpan(pos) : body.AsSpan(pos, end - pos))) break;
            if (end < 0) break;
            pos = end + 1;
        }
        return excerpt.Result();
    }

    /// <summary>
    /// The excerpt of a body given line by line (<see cref="Of"/> over lines that are never joined into a body). Joins
    /// only as much as decides the excerpt (a body can be megabytes; a row shows 72 characters): once the joined prefix
    /// holds at least <c>limit</c> text elements, its cut equals the cut of the whole join; when it holds fewer (combining
    /// marks), every line is joined.
    /// </summary>
    public sealed class Builder(int limit)
    {
        private readonly StringBuilder _joined = new();
        private readonly int _decidedLength = limit * 4 + 16;
        private bool _needsEveryLine;
        private string? _result;

        /// <summary>Adds one line of the body (without its <c>\n</c>); true once the excerpt is decided and further lines cannot change it.</summary>
        public bool Add(ReadOnlySpan<char> line)
        {
            if (_result is not null) return true;
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#') return false;
            if (_joined.Length > 0) _joined.Append(' ');
            _joined.Append(line);
            if (_needsEveryLine || _joined.Length <= _decidedLength) return false;
            var prefix = _joined.ToString();
            if (HoldsTextElements(prefix, limit))
            {
                _result = Text.TextBounds.Cut(prefix, limit);
                return true;
            }
            _needsEveryLine = true;
            return false;
        }

        private static bool HoldsTextElements(string text, int count)
        {
            var pos = 0;
            for (var seen = 0; seen < count; seen++)
            {
                if (pos >= text.Length) return false;
                pos += System.Globalization.StringInfo.GetNextTextElementLength(text.AsSpan(pos));
            }
            return true;
        }

        public string Result() => _result ?? Text.TextBounds.Cut(_joined.ToString(), limit);
    }
}
