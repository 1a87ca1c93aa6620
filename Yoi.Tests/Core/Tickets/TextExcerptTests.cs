using CsCheck;
using Yoi.Core.Tickets;

namespace Yoi.Tests.Core.Tickets;

public class TextExcerptTests
{
    /// <summary>The join as the excerpt is defined: every trimmed non-empty line not starting with '#', joined with spaces, then cut.</summary>
    private static string Reference(string body, int limit) =>
        Yoi.Core.Text.TextBounds.Cut(string.Join(' ', body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))), limit);

    [Test]
    public void The_excerpt_of_any_body_equals_the_cut_of_the_whole_join_though_it_stops_joining_early()
    {
        var piece = Gen.OneOf(Gen.OneOf("\n", "\r\n", "# heading", "  ", "\u0301", "\u0301\u0301\u0301\u0301", "👩‍💻", "🇯🇵", "日本語のテキスト", "word "),
            Gen.Char[' ', '~'].Select(c => c.ToString()));
        Gen.Select(piece.Array[0, 200].Select(p => string.Concat(p)), Gen.Int[2, 80]).Sample((body, limit) =>
            Assert.That(TextExcerpt.Of(body, limit), Is.EqualTo(Reference(body, limit)), body), iter: 3_000, threads: 1);
    }

    [Test]
    public void A_long_body_of_combining_marks_keeps_the_whole_join_rule()
    {
        var body = "a" + new string('\u0301', 2_000) + "\nb";
        Assert.That(TextExcerpt.Of(body, 72), Is.EqualTo(Reference(body, 72)));
    }
}
