using CsCheck;
using Yoi.Core.Tickets;

namespace Yoi.Tests.Core.Tickets;

/// <summary>
/// The frontmatter fast path accepts nothing YamlDotNet reads differently: on generated frontmatter (the shapes yoi writes,
/// near misses and hostile characters) it either declines or gives exactly YamlDotNet's fields.
/// </summary>
public class FrontmatterLinesTests
{
    /// <summary>Mostly text the fast path takes, sometimes a character or sequence YAML treats specially.</summary>
    private static readonly Gen<string> Text = Gen.Frequency(
            (16, Gen.Char[' ', '~'].Select(c => c.ToString())),
            (4, Gen.OneOf("日本語のタイトル", "👩‍💻", "🇯🇵", "é", "\u0301", "\u00a0", "\u3000", "''", "\ufffd", "null", "true", "12", "~", " #", ": ", "- ", "2026-06-11T03:20:32Z")),
            (1, Gen.OneOf("\t", "\\n", "\u0085", "\u2028", "\u2029", "\ufeff", "\u0001", "\u007f", "\u009f", "\ud800", "\udc00", "\uffff", "\n", "\r")))
        .Array[0, 10].Select(p => string.Concat(p));

    private static readonly Gen<string> Value = Gen.Frequency(
        (6, Text.Select(t => "'" + t.Replace("'", "''", StringComparison.Ordinal) + "'")),
        (3, Text.Select(t => "\"" + t.Replace("\"", "", StringComparison.Ordinal) + "\"")),
        (3, Text.Array[0, 4].Select(items => "[" + string.Join(", ", items.Select(i => "'" + i.Replace("'", "''", StringComparison.Ordinal) + "'")) + "]")),
        (2, Gen.OneOf("null", "~", "", "[]")),
        (1, Text.Select(t => "'" + t + "'")),
        (1, Text.Select(t => "\"" + t + "\"")),
        (1, Text),
        (1, Gen.OneOf("Null", "NULL", "[ ]", "['a','b']", "['a',  'b']", "[ 'a' ]", "['a', ]", "['a'", "[\"a\"]", "['a'] # c", "'a' # c", "'a' ", "'a'b'", "{}", "&x 'a'", "*x", "!!str 'a'")));

    private static readonly Gen<string> Line = Gen.Select(
        Gen.Frequency(
            (12, Gen.Select(Gen.OneOf("title", "state", "risk_flags", "queued_at", "null", "true", "x", "_k"), Gen.Int[0, 30], (k, n) => n < 10 ? k + n : k)),
            (1, Gen.OneOf("Title", "a-b", "a.b", "", " title", "\ttitle", "日本", "? a", "- a", "<<", "'k'", new string('k', 70)))),
        Gen.Frequency((12, Gen.Const(": ")), (1, Gen.OneOf(":", ":  ", " : ", ":\t"))),
        Value,
        Gen.Frequency((12, Gen.Const("\n")), (1, Gen.OneOf("\r\n", " \n", "\t\n", "", " # c\n"))),
        (key, separator, value, end) => key + separator + value + end);

    [Test]
    public void The_fast_path_declines_or_gives_exactly_what_YamlDotNet_gives_on_any_frontmatter()
    {
        var accepted = 0;
        Gen.OneOf(Line.Array[0, 6], Gen.Select(Line, Line, (a, b) => new[] { a, a, b })).Select(lines => string.Concat(lines)).Sample(yaml =>
        {
            var fast = FrontmatterLines.TryParse(yaml);
            if (fast is null) return;
            accepted++;
            string reference;
            try { reference = Describe(Frontmatter.ParseYamlDocument(yaml)); }
            catch (TicketException ex) { reference = "error: " + ex.Message; }
            Assert.That(Describe(fast), Is.EqualTo(reference), yaml);
        }, iter: 50_000, threads: 1);
        Assert.That(accepted, Is.GreaterThan(2_500), "the generator reaches the fast path often enough to test it");
        TestContext.Out.WriteLine($"{accepted} of 50,000 generated frontmatters took the fast path");
    }

    [Test]
    public void Frontmatter_that_yoi_writes_takes_the_fast_path_with_the_same_fields()
    {
        var printable = Gen.OneOf(Gen.Char[' ', '~'].Select(c => c.ToString()), Gen.OneOf("日本語", "👩‍💻", "''", "\"", "é\u0301"))
            .Array[0, 12].Select(p => string.Concat(p));
        var value = Gen.OneOf(printable.Select(FrontmatterValue.Of), printable.Array[0, 4].Select(l => FrontmatterValue.Of(l)), Gen.Const(FrontmatterValue.Null));
        var key = Gen.OneOf("title", "state", "created_at", "updated_at", "assignee", "readiness", "risk_flags", "queued_by", "queued_at");
        Gen.Select(key, value).Array[1, 9].Sample(fields =>
        {
            var unique = fields.DistinctBy(f => f.Item1).Select(f => new KeyValuePair<string, FrontmatterValue>(f.Item1, f.Item2)).ToList();
            var rendered = Frontmatter.Render(unique, "body");
            var yaml = rendered["---\n".Length..(rendered.IndexOf("\n---\n", StringComparison.Ordinal) + 1)];
            var fast = FrontmatterLines.TryParse(yaml);
            Assert.That(fast, Is.Not.Null, yaml);
            Assert.That(Describe(fast!), Is.EqualTo(Describe(Frontmatter.ParseYamlDocument(yaml))), yaml);
            Assert.That(Describe(fast!), Is.EqualTo(Describe(unique)), yaml);
        }, iter: 3_000, threads: 1);
    }

    private static string Describe(IEnumerable<KeyValuePair<string, FrontmatterValue>> fields) =>
        string.Join("|", fields.Select(f => $"{f.Key}={f.Value.Text ?? "<none>"}/{f.Value.IsNull}/{(f.Value.List is null ? "<no list>" : string.Join(",", f.Value.List))}"));
}
