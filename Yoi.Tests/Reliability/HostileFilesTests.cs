using System.Diagnostics;
using System.Text;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Reliability;

/// <summary>
/// Reliability 4: mutated copies of a Ticket corpus (the generated one, and the real 2026-06 one where present). Every mutated record becomes an invalid placeholder or a
/// doctor error with a reason; nothing crashes (library and CLI); every untouched record loads exactly as before.
/// </summary>
[Category(Reliability.Category)]
public class HostileFilesTests
{
    private sealed record Mutation(string Kind, Action<string, Random> Apply);

    private static readonly Mutation[] Mutations =
    [
        new("truncated item.md frontmatter", (dir, r) => Truncate(Path.Combine(dir, "item.md"), r, insideFrontmatter: true)),
        new("bad YAML", (dir, _) => Replace(Path.Combine(dir, "item.md"), "---\n", "---\ntitle: [unclosed\nstate: {\n", once: true)),
        new("bad UTF-8 in item.md", (dir, r) => InsertBytes(Path.Combine(dir, "item.md"), r, [0xC3, 0x28, 0xFF])),
        new("bad UTF-8 in thread.md", (dir, r) => InsertBytes(Path.Combine(dir, "thread.md"), r, [0xE2, 0x82])),
        new("NUL and control bytes in frontmatter", (dir, _) => Replace(Path.Combine(dir, "item.md"), "title:", "title\0\u0001:", once: true)),
        new("item.md missing", (dir, _) => File.Delete(Path.Combine(dir, "item.md"))),
        new("item.md is a directory", (dir, _) => { File.Delete(Path.Combine(dir, "item.md")); Directory.CreateDirectory(Path.Combine(dir, "item.md")); }),
        new("item.md symlink leaves the root", (dir, _) => Relink(Path.Combine(dir, "item.md"), "/etc/hostname")),
        new("thread.md symlink leaves the root", (dir, _) => Relink(Path.Combine(dir, "thread.md"), "../../../../outside.md")),
        new("artifact symlink leaves the root", (dir, _) =>
        {
            Directory.CreateDirectory(Path.Combine(dir, "artifacts"));
            File.CreateSymbolicLink(Path.Combine(dir, "artifacts", "escape"), "/etc");
        }),
        new("50 MB item.md body", (dir, _) => AppendBig(Path.Combine(dir, "item.md"), 50)),
        new("50 MB thread.md", (dir, _) => AppendBig(Path.Combine(dir, "thread.md"), 50)),
        new("item.md is a FIFO", (dir, _) => Fifo(Path.Combine(dir, "item.md"))),
        new("thread.md is a FIFO", (dir, _) => Fifo(Path.Combine(dir, "thread.md"))),
        new("relations.json is not JSON", (dir, _) =>
        {
            Directory.CreateDirectory(Path.Combine(dir, "artifacts"));
            File.WriteAllText(Path.Combine(dir, "artifacts", TicketRelations.FileName), "{\"relations\": [ {\"kind\": ");
        }),
    ];

    /// <summary>Directory renames: each invalid id must become a placeholder / doctor error, never a Ticket.</summary>
    private static readonly string[] InvalidIds = ["NOT-A-TICKET", "00001kskbp8z8", "00001KSKBP8Z8X", "ＡＢＣ", "-rf", "00001KSKBP8Z8 "];

    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public void Mutated_corpus_tickets_become_invalid_records_or_doctor_errors_and_valid_tickets_stay_valid(CorpusKind corpusKind)
    {
        var corpus = TestCorpus.Open(corpusKind);
        var perKind = Reliability.Count(reduced: 2, full: 12);
        using var dir = new TempDir("yoi-hostile-files");
        var workspace = dir.Combine("ws");
        var root = Path.Combine(workspace, ".yoi", "tickets");
        corpus.CopyTicketsTo(root);
        File.WriteAllText(dir.Combine("outside.md"), "outside the workspace\n");
        var baseline = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System }).ListTolerant().Records.ToDictionary(r => r.Id, Fingerprint, StringComparer.Ordinal);
        Assert.That(baseline, Has.Count.EqualTo(corpus.Expect.Records));

        var random = new Random(20260601);
        var ids = baseline.Keys.OrderBy(_ => random.Next()).ToList();
        var mutated = new Dictionary<string, string>(StringComparer.Ordinal); // record dir → mutation kind
        var next = 0;
        foreach (var mutation in Mutations)
        {
            for (var i = 0; i < perKind; i++)
            {
                var recordDir = Path.Combine(root, ids[next++]);
                mutation.Apply(recordDir, random);
                mutated[recordDir] = mutation.Kind;
            }
        }
        foreach (var bad in InvalidIds)
        {
            var from = Path.Combine(root, ids[next++]);
            var to = Path.Combine(root, bad);
            Directory.Move(from, to);
            mutated[to] = $"invalid id '{bad}'";
        }
        var outsideRecord = dir.Combine("elsewhere", ids[next]);
        Directory.CreateDirectory(Path.GetDirectoryName(outsideRecord)!);
        Directory.Move(Path.Combine(root, ids[next]), outsideRecord);
        Directory.CreateSymbolicLink(Path.Combine(root, ids[next]), outsideRecord);
        mutated[Path.Combine(root, ids[next++])] = "record directory symlink leaves the root";

        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        var watch = Stopwatch.StartNew();
        var listed = Task.Run(store.ListTolerant);
        Assert.That(listed.Wait(TimeSpan.FromMinutes(2)), Is.True, "the tolerant list finished (a FIFO must not block it)");
        var listing = listed.Result;
        var listTime = watch.Elapsed;
        var doctored = Task.Run(() => TicketDoctor.Run(store));
        Assert.That(doctored.Wait(TimeSpan.FromMinutes(2)), Is.True, "doctor finished");
        var report = doctored.Result;
        var artifactEscapes = ArtifactEscapes(store, ids[^1]);

        var unexplained = new List<string>();
        foreach (var (recordDir, kind) in mutated)
        {
            var invalid = listing.Invalid.FirstOrDefault(i => i.Directory == recordDir);
            var doctorErrors = report.Diagnostics.Where(d => d.Severity == DoctorSeverity.Error && d.Path is { } p
                && (p == recordDir || p.StartsWith(recordDir + "/", StringComparison.Ordinal))).ToList();
            var explained = (invalid is not null && invalid.Reason.Length > 0 && invalid.Detail.Length > 0) || doctorErrors.Count > 0;
            if (!explained) unexplained.Add($"{kind}: {recordDir}");
        }
        var used = ids.Take(next).ToHashSet(StringComparer.Ordinal);
        var untouched = baseline.Keys.Where(id => !used.Contains(id)).ToList();
        var loaded = listing.Records.ToDictionary(r => r.Id, Fingerprint, StringComparer.Ordinal);
        var changed = untouched.Where(id => !loaded.TryGetValue(id, out var f) || f != baseline[id]).ToList();

        var cliList = YoiProcess.Run(["ticket", "--workspace", workspace, "list", "--json"], timeout: TimeSpan.FromMinutes(2));
        var cliStrict = YoiProcess.Run(["ticket", "--workspace", workspace, "list", "--strict"], timeout: TimeSpan.FromMinutes(2));
        var cliDoctor = YoiProcess.Run(["ticket", "--workspace", workspace, "doctor"], timeout: TimeSpan.FromMinutes(2));

        Reliability.Report($"hostile files ({corpusKind.ToString().ToLowerInvariant()} corpus)", ("corpus_records", baseline.Count), ("mutation_kinds", Mutations.Length + 2),
            ("mutated_records", mutated.Count), ("invalid_placeholders", listing.Invalid.Count),
            ("doctor_errors", report.ErrorCount), ("unexplained", unexplained.Count), ("valid_untouched", untouched.Count - changed.Count),
            ("valid_changed", changed.Count), ("artifact_escapes_refused", artifactEscapes.Refused), ("artifact_escapes_tried", artifactEscapes.Tried),
            ("tolerant_list_time", Reliability.Ms(listTime)), ("cli_list_exit", cliList.ExitCode), ("cli_doctor_exit", cliDoctor.ExitCode));

        Assert.Multiple(() =>
        {
            Assert.That(unexplained, Is.Empty, "every mutated record is an invalid placeholder or has a doctor error");
            Assert.That(changed, Is.Empty, "untouched records load exactly as before");
            Assert.That(untouched, Has.Count.EqualTo(corpus.Expect.Records - used.Count));
            Assert.That(artifactEscapes.Refused, Is.EqualTo(artifactEscapes.Tried), "artifact paths with `..` or leaving the record are refused");
            Assert.That(listing.Invalid.Select(i => i.Label), Is.All.Matches<string>(l => TicketId.IsValid(l) || l == TicketRecordLoader.InvalidLabel),
                "a placeholder never shows an invalid id as if it were one");
            Assert.That(listing.Invalid.Select(i => i.Reason), Is.All.Not.Empty);
            Assert.That(cliList.ExitCode, Is.Zero, "ticket list lists the valid records and reports the invalid ones");
            using (var listed = System.Text.Json.JsonDocument.Parse(cliList.Stdout))
                Assert.That(listed.RootElement.GetProperty("invalid").GetArrayLength(), Is.Positive.And.LessThanOrEqualTo(listing.Invalid.Count),
                    "invalid records are reported (a record broken only in its artifacts is a show/doctor error, not a list error)");
            Assert.That(cliList.Stderr, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(cliStrict.ExitCode, Is.EqualTo(3), "--strict turns invalid records into a distinct exit code");
            Assert.That(cliStrict.Stdout, Does.Contain("invalid record(s) not listed").And.Contain("doctor"));
            Assert.That(cliDoctor.ExitCode, Is.EqualTo(1), cliDoctor.Stderr);
            Assert.That(cliDoctor.Stdout + cliDoctor.Stderr, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "));
        });
    }

    private static (int Tried, int Refused) ArtifactEscapes(TicketStore store, string validId)
    {
        string[] paths = ["../item.md", "../../" + validId + "/item.md", "a/../../item.md", "/etc/passwd", "..", ".", "./x", "..\\item.md", "escape/hostname"];
        var refused = 0;
        foreach (var path in paths)
        {
            try
            {
                store.ReadArtifact(validId, path);
            }
            catch (TicketException)
            {
                refused++;
            }
        }
        return (paths.Length, refused);
    }

    private static string Fingerprint(TicketRecord r) =>
        $"{r.Id}|{r.Meta.Title}|{r.Meta.State}|{r.Events.Count}|{r.Relations.Count}|{r.Plans.Count}|{r.Artifacts.Count}|{r.Resolution?.Length}";

    private static void Truncate(string path, Random random, bool insideFrontmatter)
    {
        var bytes = File.ReadAllBytes(path);
        var end = insideFrontmatter ? Encoding.UTF8.GetString(bytes).IndexOf("\n---", 4, StringComparison.Ordinal) : bytes.Length;
        var cut = random.Next(1, Math.Max(2, end));
        File.WriteAllBytes(path, bytes[..cut]);
    }

    private static void Replace(string path, string find, string with, bool once)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, at < 0 ? with + text : text[..at] + with + text[(at + find.Length)..]);
        _ = once;
    }

    private static void InsertBytes(string path, Random random, byte[] bad)
    {
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var at = random.Next(0, bytes.Length + 1);
        File.WriteAllBytes(path, [.. bytes[..at], .. bad, .. bytes[at..]]);
    }

    private static void Fifo(string path)
    {
        File.Delete(path);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero);
    }

    private static void Relink(string path, string target)
    {
        File.Delete(path);
        File.CreateSymbolicLink(path, target);
    }

    private static void AppendBig(string path, int megabytes)
    {
        using var stream = new FileStream(path, FileMode.Append);
        var line = Encoding.UTF8.GetBytes(new string('あ', 1000) + "\n");
        var target = (long)megabytes * 1024 * 1024;
        while (stream.Length < target) stream.Write(line);
    }
}
