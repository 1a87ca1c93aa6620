using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Yoi.Core.Tickets;
using Yoi.Corpus;
using Yoi.Tests.Support;

namespace Yoi.Tests.Corpus;

/// <summary>The generator itself: deterministic by seed, and the default corpus has every shape the real records have.</summary>
public partial class TicketCorpusTests
{
    [Test]
    public void The_same_seed_writes_byte_identical_files_and_another_seed_does_not()
    {
        using var dir = new TempDir("yoi-corpus-seed");
        var a = TicketCorpus.Write(dir.Combine("a"), new CorpusOptions { Count = 60, Broken = true });
        var b = TicketCorpus.Write(dir.Combine("b"), new CorpusOptions { Count = 60, Broken = true });
        var c = TicketCorpus.Write(dir.Combine("c"), new CorpusOptions { Count = 60, Broken = true, Seed = 7 });

        Assert.That(Digest(dir.Combine("b")), Is.EqualTo(Digest(dir.Combine("a"))));
        Assert.That(b, Is.EqualTo(a).Using<CorpusFacts>((x, y) => x.Ids.SequenceEqual(y.Ids) && x.Bytes == y.Bytes && x.Events == y.Events));
        Assert.That(Digest(dir.Combine("c")), Is.Not.EqualTo(Digest(dir.Combine("a"))));
        Assert.That(c.Ids, Has.Count.EqualTo(60));
    }

    [Test]
    public void The_default_corpus_has_every_shape_of_the_real_records()
    {
        var corpus = TestCorpus.Workspace();
        var facts = corpus.Facts!;
        var items = Texts(corpus.Tickets, "item.md");
        var threads = Texts(corpus.Tickets, "thread.md");
        var relations = Texts(corpus.Tickets, "relations.json");
        var plans = Texts(corpus.Tickets, "orchestration-plan.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(facts.Records, Is.EqualTo(CorpusOptions.DefaultCount));
            Assert.That(facts.Styles.Keys, Is.EquivalentTo(new[] { "legacy", "mixed", "doublequoted", "current", "plain" }), "frontmatter styles");
            Assert.That(facts.States.Keys, Is.EquivalentTo(new[] { "planning", "ready", "queued", "inprogress", "done", "closed" }));
            Assert.That(facts.EventKinds.Keys, Is.SupersetOf(new[]
            {
                "create", "migration", "intake_summary", "state_changed", "comment", "plan", "decision", "implementation_report",
                "review", "fix", "status_changed", "close",
            }));
            Assert.That(facts.ReviewsWithoutValidStatus, Is.Positive, "legacy review events");
            Assert.That(facts.ClosedWithoutResolution, Is.Positive, "closed records without resolution.md, as in the real corpus");
            Assert.That(new[] { facts.WithRelations, facts.WithPlans, facts.FreeFormArtifacts, facts.Resolutions }, Has.All.Positive);

            // Quoting and text shapes, read from the files themselves.
            Assert.That(items, Has.Some.Contains("title: \"").And.Some.Contains("title: '").And.Some.Match(@"\ntitle: [^'""]"), "title quoting styles");
            Assert.That(items, Has.Some.Match(@"\ntitle: "".*\nstate: '"), "double and single quotes in one file");
            Assert.That(items, Has.Some.Contains("''").And.Some.Contains("\\\""), "'' and \\\" escapes");
            Assert.That(items, Has.Some.Contains("assignee: null").And.Some.Contains("risk_flags: ['").And.Some.Contains("readiness: '").And.Some.Contains("queued_by: "));
            Assert.That(items, Has.Some.Contains("## Migration reference"));
            Assert.That(items.Select(Title), Has.Some.Match(@"^\P{IsCJKUnifiedIdeographs}*$").And.Some.Match(@"^[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}（）・、 ]+$")
                .And.Some.Match(@"[A-Za-z].*[\p{IsCJKUnifiedIdeographs}]"), "English, Japanese and mixed titles");
            Assert.That(threads, Has.Some.Contains("author: \"yoi ticket\"").And.Some.Contains("author: yoi ticket at:"), "quoted and legacy unquoted authors");
            Assert.That(threads, Has.Some.Contains("field: workflow_state").And.Some.Contains("field: state"));
            Assert.That(threads, Has.Some.Contains("result: approve").And.Some.Contains("status: request_changes").And.Some.Contains("<!-- event: closed "));
            Assert.That(threads, Has.Some.Contains("## 作成").And.Some.Contains("## 完了"));
            Assert.That(threads, Has.Some.Match(@"---\nid: [^\n]*\nslug: "), "text outside any event");
            Assert.That(relations, Has.Some.Contains("\"depends_on\"").And.Some.Contains("\"related\""));
            Assert.That(plans, Has.Some.Contains("\"accepted_plan\"").And.Some.Contains("\"waiting_capacity_note\"").And.Some.Contains("\"related_ticket\""));
            Assert.That(Directory.GetDirectories(corpus.Tickets).Select(d => File.Exists(Path.Combine(d, "artifacts", ".gitkeep"))), Is.All.True);
        });
    }

    [Test]
    public void Ids_are_valid_unique_and_in_creation_order()
    {
        var corpus = TestCorpus.Workspace();
        var names = Directory.GetDirectories(corpus.Tickets).Select(Path.GetFileName).ToList();
        Assert.That(names, Is.All.Matches<string>(TicketId.IsValid));
        var created = new TicketStore(corpus.Tickets, new TicketStoreOptions { Time = TimeProvider.System }).ListTolerant().Records.Select(r => (r.Id, r.Meta.CreatedAt)).ToList();
        Assert.That(created.Select(c => c.CreatedAt), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(created.Select(c => c.Id), Is.Unique.And.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    private static string Title(string item) => TitleLine().Match(item).Groups[1].Value.Trim('"', '\'');

    [GeneratedRegex(@"\ntitle: (.*)\n")]
    private static partial Regex TitleLine();

    private static List<string> Texts(string root, string name) =>
        [.. Directory.EnumerateFiles(root, name, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    private static string Digest(string root) => string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(f => $"{Path.GetRelativePath(root, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
