using System.Text;
using CsCheck;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Tickets;

public class FrontmatterTests
{
    [Test]
    public void Typed_nulls_lists_and_quoted_strings_are_preserved()
    {
        var fm = Frontmatter.Parse("---\ntitle: \"legacy\"\nassignee: ~\nreadiness: '~'\nrisk_flags: ['1', '42']\nqueued_by: null\n---\n\nbody\n");
        Assert.Multiple(() =>
        {
            Assert.That(fm.Text("title"), Is.EqualTo("legacy"));
            Assert.That(fm["assignee"]!.IsNull, Is.True);
            Assert.That(fm.Text("readiness"), Is.EqualTo("~"));
            Assert.That(fm["risk_flags"]!.List, Is.EqualTo(new[] { "1", "42" }));
            Assert.That(fm["queued_by"]!.IsNull, Is.True);
            Assert.That(fm.Body, Is.EqualTo("body\n"));
        });
    }

    [Test]
    public void Numeric_looking_strings_round_trip_as_strings()
    {
        var text = Frontmatter.Render([new("title", FrontmatterValue.Of("123")), new("assignee", FrontmatterValue.Of("42")),
            new("risk_flags", FrontmatterValue.Of(["1", "it's"]))], "b");
        Assert.That(text, Is.EqualTo("---\ntitle: '123'\nassignee: '42'\nrisk_flags: ['1', 'it''s']\n---\n\nb\n"));
        var fm = Frontmatter.Parse(text);
        Assert.That(fm.Text("title"), Is.EqualTo("123"));
        Assert.That(fm["risk_flags"]!.List, Is.EqualTo(new[] { "1", "it's" }));
    }

    [TestCase("labels: ticket\n", "must be a YAML sequence or null")]
    [TestCase("state: almost\n", "invalid state 'almost'")]
    [TestCase("state: intake\n", "invalid state 'intake'")]
    [TestCase("title: [unclosed\n", "invalid YAML frontmatter")]
    [TestCase("assignee: 42\n", "must be a YAML string or null, found number")]
    [TestCase("nested:\n  a: b\n", "found a mapping")]
    public void Bad_frontmatter_is_a_schema_error(string yaml, string message)
    {
        var ex = Assert.Throws<TicketException>(() => TicketMetadata.From(Frontmatter.Parse($"---\ntitle: 't'\n{yaml}---\n")));
        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.Kind, Is.EqualTo(TicketErrorKind.Schema));
    }

    /// <summary>
    /// Regression (random input, CsCheck seed 8pU0D7sP2yc1): a tab-indented first key makes YamlDotNet's parser end the
    /// mapping after a lone key, and its node builder threw ArgumentException, which escaped as a crash.
    /// </summary>
    [TestCase("\t: a\n")]
    [TestCase(" \t: a\n")]
    [TestCase("\t: \tx\u001b[a#\\u b#c>I&a >\n")]
    public void A_tab_indented_first_key_is_a_schema_error_with_the_reason(string yaml)
    {
        var ex = Assert.Throws<TicketException>(() => Frontmatter.Parse($"---\n{yaml}---\n"));
        Assert.That(ex!.Kind, Is.EqualTo(TicketErrorKind.Schema));
        Assert.That(ex.Message, Does.StartWith("invalid YAML frontmatter: a mapping key has no value").And.Contain("tabs"));
    }

    [Test]
    public void Legacy_workflow_state_intake_reads_as_planning()
    {
        var meta = TicketMetadata.From(Frontmatter.Parse("---\ntitle: 't'\nworkflow_state: intake\n---\n"));
        Assert.That((meta.State, meta.LegacyIntake, meta.StatePresent), Is.EqualTo((TicketState.Planning, true, false)));
    }

    [Test]
    public void Update_rewrites_only_the_changed_lines_and_appends_missing_keys()
    {
        const string text = "---\ntitle: \"keep \\\"me\\\"\"\nstate: 'ready'\n# a comment\nupdated_at: 'old'\n---\n\nbody\n";
        var updated = Frontmatter.Update(text, [new("state", FrontmatterValue.Of("queued")), new("queued_by", FrontmatterValue.Of("yoi ticket"))]);
        Assert.That(updated, Is.EqualTo("---\ntitle: \"keep \\\"me\\\"\"\nstate: 'queued'\n# a comment\nupdated_at: 'old'\nqueued_by: 'yoi ticket'\n---\n\nbody\n"));
    }

    /// <summary>
    /// Regression (reliability suite, hostile files): YamlDotNet throws InvalidOperationException rather than a
    /// YamlException for some unterminated flow collections, which escaped the tolerant list and crashed it.
    /// </summary>
    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public void An_unterminated_flow_collection_before_real_frontmatter_is_a_schema_error_for_every_corpus_item(CorpusKind kind)
    {
        var corpus = TestCorpus.Open(kind);
        var items = Directory.EnumerateFiles(corpus.Tickets, "item.md", SearchOption.AllDirectories).ToList();
        Assert.That(items, Has.Count.EqualTo(corpus.Expect.Records));
        foreach (var item in items)
        {
            var text = File.ReadAllText(item);
            var broken = "---\ntitle: [unclosed\nstate: {\n" + text[4..];
            var ex = Assert.Throws<TicketException>(() => TicketMetadata.From(Frontmatter.Parse(broken)), item);
            Assert.That(ex!.Kind, Is.EqualTo(TicketErrorKind.Schema), item);
        }
    }

    /// <summary>
    /// The summary read parses only the frontmatter from the bytes (the body is never decoded): for any text made of
    /// delimiter lines, CR/LF, YAML-ish pieces and arbitrary characters, it gives the fields <see cref="Frontmatter.Parse"/>
    /// gives, or the same error.
    /// </summary>
    [Test]
    public void Parsing_only_the_head_from_bytes_agrees_with_parsing_the_whole_text()
    {
        var piece = Gen.OneOf(Gen.OneOf("---", "---\r", "---\r\r", " ---", "\n", "\r\n", "title: 't'", "state: ready", "risk_flags: ['a']", ": x", "\t", "日本語", "é"),
            Gen.Char[' ', '~'].Select(c => c.ToString()));
        piece.Array[0, 24].Select(p => string.Concat(p)).Sample(text =>
        {
            string Outcome(Func<Frontmatter> parse)
            {
                try { return string.Join("|", parse().Fields.Select(f => $"{f.Key}={f.Value.Text}/{f.Value.IsNull}/{string.Join(",", f.Value.List ?? [])}")); }
                catch (TicketException ex) { return "error: " + ex.Message; }
            }
            Assert.That(Outcome(() => Frontmatter.ParseHead(Encoding.UTF8.GetBytes(text))), Is.EqualTo(Outcome(() => Frontmatter.Parse(text))), text);
        }, iter: 3_000, threads: 1);
    }
}
