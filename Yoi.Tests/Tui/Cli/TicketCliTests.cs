using System.Diagnostics;
using System.Text.RegularExpressions;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public partial class TicketCliTests
{
    /// <summary>The login name the in-process CLI runs under: events without --author are recorded as this user.</summary>
    private const string User = "tester";

    private static TempDir? _home;

    [OneTimeSetUp]
    public void CreateHome() => _home = new TempDir("yoi-ticket-cli");

    [OneTimeTearDown]
    public void RemoveHome() => _home?.Dispose();

    /// <summary>`yoi ARGS` in-process, as a user with their own yoi home and no Pod around.</summary>
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var result = InProcessYoi.Run(new Dictionary<string, string> { ["YOI_HOME"] = _home!.Path, ["USER"] = User }, args);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    private static string Ok(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.That(code, Is.EqualTo(0), $"yoi {string.Join(' ', args)} failed: {error}");
        return output;
    }

    private static string CreatedId(string output) => output.Trim().Split('\t')[1];

    [Test]
    public void Init_writes_the_starter_config_and_refuses_to_overwrite()
    {
        using var dir = new TempDir();
        Assert.That(Ok("ticket", "init", "--workspace", dir.Path), Is.EqualTo("created\t.yoi/config.json\nensured\t.yoi/tickets\n"));
        Assert.That(File.ReadAllText(dir.Combine(".yoi", ".gitignore")), Is.EqualTo("tickets/.ticket-backend.lock\n"));
        var (code, _, error) = Run("init", "--workspace", dir.Path);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("yoi ticket: ").And.Contain("already exists"));
    }

    [Test]
    public void Round_trip_from_create_to_close_ends_with_doctor_ok()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var id = CreatedId(Ok("ticket", "create", "--title", "Round trip", "--workspace", ws));
        Assert.That(Ok("ticket", "comment", id, "--role", "plan", "--message", "Plan: do it.", "--workspace", ws), Is.EqualTo($"appended\t{id}\tplan\n"));
        Assert.That(Ok("ticket", "review", id, "--approve", "--message", "Looks right.", "--workspace", ws), Is.EqualTo($"reviewed\t{id}\tapprove\n"));
        foreach (var state in new[] { "ready", "queued", "inprogress", "done" })
            Assert.That(Ok("ticket", "state", id, state, "--workspace", ws), state == "queued"
                ? Does.StartWith($"state\t{id}\tqueued\nQueued Ticket {id} without a commit: {ws} is not a git repository;")
                : Is.EqualTo($"state\t{id}\t{state}\n"));
        Assert.That(Ok("ticket", "close", id, "--resolution", "Merged and validated.", "--workspace", ws), Is.EqualTo($"closed\t{id}\nClosed Ticket {id} with the given resolution in resolution.md.\n"));
        Assert.That(Ok("ticket", "doctor", "--workspace", ws), Is.EqualTo("doctor: ok\n"));
        Assert.That(Ok("ticket", "list", "--workspace", ws), Does.Contain($"closed\t{id}\tRound trip\t"));
        Snapshot.Match(File.ReadAllText(Path.Combine(ws, ".yoi", "tickets", id, "thread.md")),
            scrub: t => Timestamp().Replace(t.Replace($"author: {User} ", "author: <user> ", StringComparison.Ordinal), "<ts>"));
    }

    [Test]
    public void Usage_errors_exit_2_and_operation_errors_exit_1()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var id = CreatedId(Ok("ticket", "create", "--title", "t", "--workspace", ws));
        Assert.That(Run("ticket", "comment", id, "--file", "x", "--message", "y", "--workspace", ws).Code, Is.EqualTo(2));
        Assert.That(Run("ticket", "comment", id, "--workspace", ws).Code, Is.EqualTo(2));
        Assert.That(Run("ticket", "review", id, "--approve", "--request-changes", "--message", "m", "--workspace", ws).Code, Is.EqualTo(2));
        var closed = Run("ticket", "state", id, "closed", "--workspace", ws);
        Assert.That((closed.Code, closed.Err), Is.EqualTo((2,
            $"yoi ticket: yoi ticket state {id} closed cannot write resolution.md; use `yoi ticket close {id}` instead (a done Ticket gets the standard resolution; `--resolution <text>` gives your own)\n")));
        var queued = Run("ticket", "state", id, "queued", "--workspace", ws);
        Assert.That(queued.Code, Is.EqualTo(1));
        Assert.That(queued.Err, Does.StartWith("yoi ticket: Queue handoff check `root-ticket-state` failed at ")
            .And.EndWith($": Ticket {id} is planning; only a ready Ticket can be queued (`yoi ticket state {id} ready` first)\n"));
        Assert.That(Run("ticket", "show", "00000000000ZZ", "--workspace", ws).Code, Is.EqualTo(1));
    }

    [Test]
    public void List_is_bounded_and_json_shapes_are_stable()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var a = CreatedId(Ok("ticket", "create", "--title", new string('x', 120), "--workspace", ws));
        var b = CreatedId(Ok("ticket", "create", "--title", "second", "--workspace", ws));
        var list = Ok("ticket", "list", "--limit", "1", "--workspace", ws).Split('\n');
        Assert.That(list[1], Does.Contain(new string('x', 93) + "..."));
        Assert.That(list[2], Is.EqualTo("# truncated: returned 1 of 2; use --all, --limit up to 100 or a narrower --state, then yoi ticket show <id> for details"));
        Assert.That(Ok("ticket", "list", "--json", "--workspace", ws), Does.Contain("\"count\": 2"));
        Assert.That(Ok("ticket", "relation", "add", "--ticket", a, "--kind", "depends_on", "--target", b, "--workspace", ws),
            Is.EqualTo($"relation\t{a}\tdepends_on\t{b}\n"));
        Assert.That(Ok("ticket", "relation", "list", "--workspace", ws), Does.StartWith("ticket\tkind\ttarget\tauthor\tat\tnote\n" + $"{a}\tdepends_on\t{b}\t{User}\t"));
        var show = Ok("ticket", "show", b, "--workspace", ws);
        Assert.That(show, Does.Contain($"### incoming / derived inverse\n- dependency_of {a}"));
        Assert.That(Ok("ticket", "show", a, "--json", "--workspace", ws), Does.Contain("\"reason\": \"depends_on\""));
        Assert.That(Ok("ticket", "doctor", "--json", "--workspace", ws), Does.Contain("\"ok\": true"));
    }

    /// <summary>The generated corpus's report is a snapshot; the real corpus's is only warnings and ends with ok.</summary>
    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public void Doctor_on_the_corpus_is_a_stable_report(CorpusKind kind)
    {
        var ws = TestCorpus.Open(kind).Path;
        var (code, output, error) = Run("ticket", "doctor", "--workspace", ws);
        Assert.That((code, error), Is.EqualTo((0, "")));
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.That(lines[^1], Is.EqualTo("doctor: ok"));
        Assert.That(lines[..^1], Is.All.StartsWith("doctor: warning: "));
        if (kind == CorpusKind.Generated) Snapshot.Match(output, scrub: t => t.Replace(ws, "<corpus>", StringComparison.Ordinal));
    }

    /// <summary>
    /// The list's output over the whole generated corpus (text with every row, and JSON) is a snapshot, so a faster read
    /// path (issue 20: one fstat per file, positioned reads) must print exactly the same bytes.
    /// </summary>
    [Test]
    public void Ticket_list_on_the_generated_corpus_prints_the_same_bytes_as_its_snapshot()
    {
        var ws = TestCorpus.Open(CorpusKind.Generated).Path;
        var text = Ok("ticket", "list", "--all", "--workspace", ws);
        var json = Ok("ticket", "list", "--all", "--json", "--workspace", ws);
        Snapshot.Match(text + "\n--- json ---\n" + json, scrub: t => t.Replace(ws, "<corpus>", StringComparison.Ordinal));
    }

    [Test]
    public void Two_processes_commenting_on_one_ticket_never_corrupt_it()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        Ok("init", "--workspace", ws);
        var id = CreatedId(Ok("ticket", "create", "--title", "contended", "--workspace", ws));
        var succeeded = 0;
        for (var round = 0; round < 3; round++)
        {
            var children = Enumerable.Range(0, 2).Select(n =>
            {
                var start = YoiProcess.StartInfo(["ticket", "comment", id, "--message", $"round {round} writer {n}", "--workspace", ws]);
                start.RedirectStandardInput = false;
                return Process.Start(start)!;
            }).ToList();
            foreach (var child in children)
            {
                var stdout = child.StandardOutput.ReadToEnd();
                var stderr = child.StandardError.ReadToEnd();
                child.WaitForExit();
                if (child.ExitCode == 0) succeeded++;
                else Assert.That(stderr, Does.StartWith("yoi ticket: ticket backend is locked: "), stdout + stderr);
                child.Dispose();
            }
        }
        var record = new TicketStore(Path.Combine(ws, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System }).Show(id);
        Assert.That(succeeded, Is.GreaterThan(0));
        Assert.That(record.Events.Count(e => e.Kind == "comment"), Is.EqualTo(succeeded));
        Assert.That(record.Events.Where(e => e.Kind == "comment").All(e => Regex.IsMatch(e.Body, "^round [0-2] writer [01]$")), Is.True);
        Assert.That(Ok("ticket", "doctor", "--workspace", ws), Is.EqualTo("doctor: ok\n"));
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Timestamp();
}

public class TicketCrashTests
{
    /// <summary>
    /// Regression (reliability suite, crash injection): an in-place append killed mid-write left half an event in
    /// thread.md, which doctor reported as a malformed event forever. The thread is now replaced atomically.
    /// </summary>
    [Test]
    public void A_comment_killed_mid_append_leaves_thread_md_byte_identical_and_doctor_clean()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        var root = Path.Combine(ws, ".yoi", "tickets");
        Directory.CreateDirectory(root);
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        var id = store.Create(new NewTicket("crash"));
        store.Comment(id, "comment", "committed before the crash");
        var threadPath = Path.Combine(root, id, "thread.md");
        var before = File.ReadAllBytes(threadPath);
        Assert.That(CommentKilledMidAppend(ws, id).ExitCode, Is.EqualTo(137), "the child was killed at the crash point");
        Assert.That(File.ReadAllBytes(threadPath), Is.EqualTo(before));
        store.Comment(id, "comment", "after the crash");
        Assert.That(TicketDoctor.Run(store).Diagnostics.Where(d => d.Severity == DoctorSeverity.Error).Select(d => d.Message), Is.Empty);
        Assert.That(store.Show(id).Events.Select(e => e.Body), Is.EqualTo(new[] { store.Show(id).Events[0].Body, "committed before the crash", "after the crash" }));
    }

    [Test]
    public void A_crash_mid_append_keeps_earlier_events_and_the_next_append_starts_cleanly()
    {
        using var dir = new TempDir();
        var ws = dir.Path;
        var root = Path.Combine(ws, ".yoi", "tickets");
        Directory.CreateDirectory(root);
        var id = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System }).Create(new NewTicket("crash"));
        Assert.That(CommentKilledMidAppend(ws, id).ExitCode, Is.Not.EqualTo(0), "the child should have been killed mid-append");
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        Assert.That(store.Show(id).Events.Select(e => e.Kind), Is.EqualTo(new[] { "create" }));
        store.Comment(id, "comment", "after the crash");
        var events = store.Show(id).Events;
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { "create", "comment" }));
        Assert.That(events[1].Body, Is.EqualTo("after the crash"));
        Assert.That(store.Show(id).Meta.State, Is.EqualTo(TicketState.Planning));
    }

    /// <summary>Runs <c>yoi ticket comment</c> with the crash point armed inside the Ticket event append.</summary>
    private static YoiResult CommentKilledMidAppend(string workspace, string id) =>
        YoiProcess.Run(["ticket", "comment", id, "--message", "torn", "--workspace", workspace],
            new Dictionary<string, string> { [Yoi.Core.Storage.CrashPoint.Variable] = Yoi.Core.Storage.CrashPoint.TicketEventMidAppend });
}
