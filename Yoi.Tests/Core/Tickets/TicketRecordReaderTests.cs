using System.Text;
using CsCheck;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Corpus;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Tickets;

/// <summary>
/// The one record loader in its two shapes: the summary a panel row is built from must equal the summary of the full
/// record (whose latest event comes from the whole-thread parse), field by field and row by row, on the generated corpus,
/// the real one (where present) and a generated corpus with broken records; plus awkward threads for the latest-event parse.
/// </summary>
public class TicketRecordReaderTests
{
    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public void Summary_and_full_loads_of_a_corpus_give_the_same_rows(CorpusKind kind)
    {
        var corpus = TestCorpus.Open(kind);
        var (valid, invalid) = CompareBothWays(corpus.Tickets);
        Assert.That((valid, invalid), Is.EqualTo((corpus.Expect.Records, 0)));
    }

    [Test]
    public void Summary_and_full_loads_reach_the_same_verdict_on_broken_records()
    {
        using var dir = new TempDir("yoi-reader");
        var corpus = TestCorpus.Workspace(dir.Combine("ws"), new CorpusOptions { Seed = 7, Count = 400, Broken = true });
        var (valid, invalid) = CompareBothWays(corpus.Tickets);
        Assert.That(invalid, Is.EqualTo(corpus.Expect.Broken.Count));
        Assert.That(valid + invalid, Is.EqualTo(Directory.GetDirectories(corpus.Tickets).Length));
    }

    [Test]
    public void The_stamps_a_load_records_equal_the_stamp_pass_so_unchanged_records_are_not_reread()
    {
        var store = new TicketStore(TestCorpus.Workspace().Tickets, new TicketStoreOptions { Time = TimeProvider.System });
        var reader = store.Reader();
        foreach (var recordDir in store.RecordDirectories())
            Assert.That(reader.Summary(recordDir).Summary!.Stamps, Is.EqualTo(TicketStore.Stamp(recordDir)), recordDir);
    }

    [Test]
    public void A_summary_reread_with_its_previous_summary_parses_only_the_changed_file()
    {
        using var dir = new TempDir("yoi-reader");
        var root = dir.Combine(".yoi", "tickets");
        var recordDir = TestCorpus.Workspace().CopyRecordTo(root, ^1);
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        Assert.That(store.RecordDirectories(), Is.EqualTo(new[] { recordDir }));
        var before = store.Reader().Summary(recordDir).Summary!;
        File.AppendAllText(Path.Combine(recordDir, "thread.md"), ThreadEvents.Render(
            new NewThreadEvent("comment", [new("author", "t"), new("at", "2026-06-21T00:00:00Z")], "Comment", "appended later"), first: false));

        var after = store.Reader().Summary(recordDir, before).Summary!;

        Assert.That(after.LatestEvent!.Excerpt, Is.EqualTo("appended later"));
        Assert.That(after.Meta, Is.SameAs(before.Meta), "item.md is unchanged, so its YAML is not parsed again");
        Assert.That(after.Relations, Is.SameAs(before.Relations));
        Assert.That(after.Stamps.Thread, Is.Not.EqualTo(before.Stamps.Thread));
    }

    [TestCase("regular")]
    [TestCase("absent")]
    [TestCase("fifo")]
    [TestCase("directory")]
    [TestCase("symlink inside")]
    [TestCase("symlink outside")]
    [TestCase("dangling symlink")]
    public void A_summary_stamps_resolution_md_with_the_verdict_of_a_full_load(string shape)
    {
        using var dir = new TempDir("yoi-reader");
        var root = dir.Combine(".yoi", "tickets");
        var recordDir = TestCorpus.Workspace().CopyRecordTo(root, 0);
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        Assert.That(store.RecordDirectories(), Is.EqualTo(new[] { recordDir }));
        var resolution = Path.Combine(recordDir, "resolution.md");
        File.Delete(resolution);
        File.WriteAllText(dir.Combine("outside.md"), "outside\n");
        Directory.CreateDirectory(Path.Combine(recordDir, "artifacts"));
        File.WriteAllText(Path.Combine(recordDir, "artifacts", "inside.md"), "inside\n");
        switch (shape)
        {
            case "regular": File.WriteAllText(resolution, "done\n"); break;
            case "fifo":
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [resolution]))
                {
                    mkfifo.WaitForExit();
                    Assert.That(mkfifo.ExitCode, Is.Zero);
                }
                break;
            case "directory": Directory.CreateDirectory(resolution); break;
            case "symlink inside": File.CreateSymbolicLink(resolution, Path.Combine("artifacts", "inside.md")); break;
            case "symlink outside": File.CreateSymbolicLink(resolution, dir.Combine("outside.md")); break;
            case "dangling symlink": File.CreateSymbolicLink(resolution, "nowhere.md"); break;
        }

        var summary = store.Reader().Summary(recordDir);
        var full = store.Reader().Full(recordDir);

        Assert.That(summary.Invalid?.Detail, Is.EqualTo(full.Invalid?.Detail));
        Assert.That(summary.Summary?.Stamps, Is.EqualTo(full.Record?.Summary.Stamps));
        Assert.That(summary.Summary?.HasResolution, Is.EqualTo(full.Record?.Summary.HasResolution));
        Assert.That(summary.Summary?.Stamps.Resolution is not null, Is.EqualTo(shape is "regular" or "symlink inside"), "which shapes count as a resolution");
    }

    [TestCase("")]
    [TestCase("no events at all\n")]
    [TestCase("<!-- event: create -->\n\n## Created\n\nfirst\n\n---\n")]
    [TestCase("<!-- event: create -->\n\n## Created\n\nbody with <!-- an html comment --> inline\n<!-- not closed\n\n---\n")]
    [TestCase("<!-- event: a -->\n\nno heading, no rule\n   <!-- event: b at: \"x y\" -->  \r\n## B\r\n\r\nsecond\r\n")]
    [TestCase("<!-- event: a -->\n\n## A\n\nx\n\n---\ntrailing text outside events\n<!-- just a comment\n")]
    [TestCase("<!-- event: a -->\n\n## A\n\nx\n\n---\n<!-- event: closed -->\n\n## 完了\n\n日本語の本文\n\n---\n")]
    public void The_latest_event_summary_equals_the_summary_of_the_last_event_of_the_whole_parse(string thread)
    {
        var whole = ThreadEvents.Parse(thread);
        var latest = ThreadEvents.LatestSummary(Encoding.UTF8.GetBytes(thread));
        Assert.That(latest, Is.EqualTo(whole.Count == 0 ? null : ThreadEventSummary.Of(whole[^1])));
    }

    [Test]
    public void The_latest_event_summary_of_any_thread_equals_the_summary_of_the_last_event_of_the_whole_parse()
    {
        var piece = Gen.OneOf(
            Gen.OneOf("\n", "\r\n", "\r", "---", " --- ", "\u3000---", "## ", "# heading", "  ", "\t", "\u00a0", "\u0301\u0301\u0301",
                "👩‍💻", "日本語の本文", "word ", "<!-- ", " -->", "<!-- event: comment author: a at: \"2026 06\" -->",
                "<!-- event: closed -->", "<!-- x -->", "author: ", "\\\""),
            Gen.Char[' ', '~'].Select(c => c.ToString()));
        var longLine = Gen.Int[0, 400].Select(n => new string('x', n));
        Gen.OneOf(piece, longLine).Array[0, 120].Select(p => string.Concat(p)).Sample(thread =>
        {
            var whole = ThreadEvents.Parse(thread);
            Assert.That(ThreadEvents.LatestSummary(Encoding.UTF8.GetBytes(thread)), Is.EqualTo(whole.Count == 0 ? null : ThreadEventSummary.Of(whole[^1])), thread);
        }, iter: 3_000, threads: 1);
    }

    /// <summary>Loads every record both ways with one reader each; returns the valid and invalid counts (verdicts must agree).</summary>
    private static (int Valid, int Invalid) CompareBothWays(string root)
    {
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        var summaries = store.Reader();
        var fulls = store.Reader();
        int valid = 0, invalid = 0;
        var differences = new List<string>();
        foreach (var dir in store.RecordDirectories())
        {
            var slim = summaries.Summary(dir);
            var full = fulls.Full(dir);
            if (slim.Invalid?.Reason != full.Invalid?.Reason) differences.Add($"{dir}: summary {slim.Invalid?.Detail ?? "valid"}, full {full.Invalid?.Detail ?? "valid"}");
            if (full.Record is null || slim.Summary is null)
            {
                invalid++;
                continue;
            }
            var fromSlim = Describe(slim.Summary);
            var fromFull = Describe(full.Record.Summary);
            if (fromSlim != fromFull) differences.Add($"{dir}:\n  summary: {fromSlim}\n  full:    {fromFull}");
            valid++;
        }
        Assert.That(differences, Is.Empty);
        return (valid, invalid);
    }

    /// <summary>Every field of the summary and the row derived from it, as text.</summary>
    private static string Describe(TicketSummary s)
    {
        var row = TicketRowBuilder.Build(s, [], [], null, null, [], [], s.LatestEvent?.Kind, s.LatestEvent?.Excerpt);
        return string.Join(" | ", s.Id, s.Directory, s.Meta with { RiskFlags = [] }, string.Join(",", s.Meta.RiskFlags),
            string.Join(";", s.Relations), string.Join(",", s.PlanKinds), s.LatestEvent, s.HasResolution, s.Stamps,
            row with { Blockers = [], RelationNotices = [], IntakePods = [], RelatedPods = [] });
    }
}
