using Yoi.Core.Tickets;
using Yoi.Corpus;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Tickets;

/// <summary>The whole corpus through the tolerant list and doctor: the generated one always, the real one where present.</summary>
public class TicketFixtureTests
{
    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public void Every_corpus_record_loads_through_the_tolerant_list(CorpusKind kind)
    {
        var corpus = TestCorpus.Open(kind);
        var listing = new TicketStore(corpus.Tickets, new TicketStoreOptions { Time = TimeProvider.System }).ListTolerant();
        Assert.Multiple(() =>
        {
            Assert.That(listing.Records, Has.Count.EqualTo(corpus.Expect.Records));
            Assert.That(listing.Invalid, Is.Empty);
            foreach (var state in Enum.GetValues<TicketState>())
                Assert.That(listing.Records.Count(r => r.Meta.State == state), Is.EqualTo(corpus.Expect.State(state.Name())), state.Name());
            Assert.That(listing.Records.Sum(r => r.Events.Count), Is.EqualTo(corpus.Expect.Events));
            Assert.That(listing.Records.Count(r => r.Relations.Count > 0), Is.EqualTo(corpus.Expect.WithRelations));
            Assert.That(listing.Records.Count(r => r.Plans.Count > 0), Is.EqualTo(corpus.Expect.WithPlans));
        });
        var legacy = listing.Records.Single(r => r.Id == corpus.Expect.LegacyMigratedId);
        Assert.That(legacy.Events.Select(e => e.Kind), Does.Contain("migration"));
        Assert.That(legacy.Meta.Assignee, Is.Null);
    }

    [Test]
    public void Every_generated_broken_record_becomes_an_invalid_placeholder_and_the_valid_ones_still_load()
    {
        using var dir = new TempDir("yoi-corpus-broken");
        var corpus = TestCorpus.Workspace(dir.Path, new CorpusOptions { Broken = true });
        var store = new TicketStore(corpus.Tickets, new TicketStoreOptions { Time = TimeProvider.System });

        var listing = store.ListTolerant();

        Assert.That(listing.Records, Has.Count.EqualTo(corpus.Expect.Records));
        Assert.That(listing.Invalid.Select(i => Path.GetFileName(i.Directory)), Is.EquivalentTo(corpus.Expect.Broken.Select(b => b.DirectoryName)));
        Assert.That(listing.Invalid.Select(i => i.Reason), Is.All.Not.Empty);
        var report = TicketDoctor.Run(store);
        foreach (var broken in corpus.Expect.Broken)
            Assert.That(report.Diagnostics.Where(d => d.Severity == DoctorSeverity.Error && d.Path is { } p && p.Contains(broken.DirectoryName, StringComparison.Ordinal)),
                Is.Not.Empty, $"doctor reports the broken record ({broken.Kind})");
    }

    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public void Broken_records_become_invalid_placeholders_with_redacted_reasons(CorpusKind kind)
    {
        var corpus = TestCorpus.Open(kind);
        using var dir = new TempDir();
        var root = dir.Combine(".yoi", "tickets");
        corpus.CopyTicketsTo(root);
        string Bad(ulong n) => Path.Combine(root, TicketId.Encode(2_000_000_000_000 + n));
        void Item(string recordDir, string text)
        {
            Directory.CreateDirectory(recordDir);
            File.WriteAllText(Path.Combine(recordDir, "item.md"), text);
        }
        const string ok = "---\ntitle: 'ok'\nstate: 'planning'\ncreated_at: 'x'\nupdated_at: 'x'\n---\n\nbody\n";
        Item(Bad(1), "---\ntitle: [unclosed\n---\n");
        Item(Bad(2), "---\ntitle: 't'\nstate: 'almost'\n---\n");
        Directory.CreateDirectory(Bad(3));
        File.WriteAllText(Path.Combine(Bad(3), "thread.md"), "");
        Item(Path.Combine(root, "not-a-ticket"), ok);
        Item(Bad(5), ok);
        Directory.CreateDirectory(Path.Combine(Bad(5), "artifacts"));
        File.CreateSymbolicLink(Path.Combine(Bad(5), "artifacts", "escape"), "../../../..");
        var outside = dir.Combine("outside", TicketId.Encode(2_000_000_000_006));
        Item(outside, ok);
        File.CreateSymbolicLink(Bad(6), outside);
        Item(Bad(7), ok);
        using (var big = new FileStream(Path.Combine(Bad(7), "item.md"), FileMode.Open)) big.SetLength(50L * 1024 * 1024);
        Directory.CreateDirectory(Bad(8));
        File.WriteAllBytes(Path.Combine(Bad(8), "item.md"), [.. "---\ntitle: '"u8.ToArray(), 0xff, 0xfe, .. "'\n---\n"u8.ToArray()]);

        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        var listing = store.ListTolerant();
        Assert.That(listing.Records, Has.Count.EqualTo(corpus.Expect.Records));
        Assert.That(listing.Invalid.Select(i => $"{i.Label}: {i.Reason}"), Is.EqualTo(new[]
        {
            $"{TicketId.Encode(2_000_000_000_001)}: invalid ticket record schema",
            $"{TicketId.Encode(2_000_000_000_002)}: invalid ticket record schema",
            $"{TicketId.Encode(2_000_000_000_003)}: ticket record is missing",
            $"{TicketId.Encode(2_000_000_000_005)}: invalid ticket record identity",
            $"{TicketId.Encode(2_000_000_000_006)}: invalid ticket record identity",
            $"{TicketId.Encode(2_000_000_000_007)}: invalid ticket record schema",
            $"{TicketId.Encode(2_000_000_000_008)}: invalid ticket record schema",
            "invalid ticket record: invalid ticket record identity",
        }));
        Assert.That(listing.Invalid.Select(i => i.Detail), Has.Some.Contains("is not valid UTF-8").And.Some.Contains("the limit is 4 MiB")
            .And.Some.Contains("invalid state 'almost'"));
        // An artifact link leaving the root (Bad(5)) is only seen by a full load (show, doctor), which lists the artifacts.
        Assert.That(store.LoadRecord(Bad(5)).Invalid!.Detail, Does.Contain("resolves outside"));

        var report = TicketDoctor.Run(store);
        Assert.That(report.ErrorCount, Is.GreaterThanOrEqualTo(8));
        Assert.That(report.Diagnostics.Where(d => d.Severity == DoctorSeverity.Error).All(d => d.Path is not null), Is.True);
    }
}
