using System.Diagnostics;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Reliability;

/// <summary>
/// A real full filesystem: the data directory of a live Pod is a 2 MiB tmpfs that the test fills to the last byte.
/// A turn whose reply cannot be recorded ends as <c>run_errored</c> naming "no space left", a send while the disk is
/// full is refused, the session log never holds an invalid line, and once the space is freed the same Pod process
/// answers the next send. A claim taken on the full disk fails naming the file and leaves nothing behind.
/// </summary>
[Category(Reliability.Category)]
public class FullDiskTests
{
    private static readonly string[] SlowEcho = ["--engine-spec-json", """{"engine":"echo","delay_ms":700}"""];

    [Test]
    public void A_send_on_a_full_disk_is_refused_or_errored_the_log_stays_valid_and_the_pod_answers_again_once_space_is_freed()
    {
        if (Tmpfs.SkipReason() is { } reason) Assert.Ignore(reason);
        using var dir = new TempDir("yoi-full");
        var watch = Stopwatch.StartNew();
        using var disk = Tmpfs.Mount(PodProcess.DataDir(dir.Path), "2m");
        var paths = new YoiPaths(PodProcess.ConfigDir(dir.Path), PodProcess.DataDir(dir.Path), PodProcess.RuntimeDir(dir.Path));
        var env = new Dictionary<string, string>
        {
            ["YOI_DATA_DIR"] = paths.Data,
            ["YOI_RUNTIME_DIR"] = paths.Runtime,
            ["YOI_CONFIG_DIR"] = paths.Config,
        };
        using var pod = PodProcess.Start(dir.Path, "full", SlowEcho);
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using var _client = client;
        var active = new PodMetadataStore(paths, TimeProvider.System).Find("full")!.Active!;
        var logPath = paths.SessionLogPath(active.SessionId, active.SegmentId!);

        // 1. A turn is accepted with space, then the disk fills while the engine works: its reply (8 KiB, more than the
        //    log's last page can still take) cannot be recorded, so the turn ends as run_errored with the reason.
        var big = new string('x', 8192);
        client.Send(RunMethod.Text("first " + big));
        client.WaitFor<TurnStartEvent>();
        var filled = disk.Fill();
        var errored = client.WaitFor<ErrorEvent>(e => e.ReplyTo is null, TimeSpan.FromSeconds(30));
        Assert.That(errored.Message, Does.Contain("no space left").And.Contain(logPath), "the attached view is told why, naming the log");
        client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle);
        AssertNoInvalidLine(logPath);

        // 2. A send while the disk is still full: refused before it is acknowledged, with the reason.
        var refused = YoiProcess.Run(["pod", "send", "full", "second " + big], env, PodProcess.Workspace(dir.Path));
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Stdout + refused.Stderr);
        Assert.That(refused.Stderr, Does.Contain("no space left on device").And.Contain("rejected the run"));
        AssertNoInvalidLine(logPath);
        Assert.That(SessionLog.Read(logPath).Entries.OfType<UserInputEntry>().Select(u => Segment.Flatten(u.Segments)),
            Has.None.StartWith("second "), "the refused run left nothing in the log");

        // 3. A claim on the full disk fails naming the file, and leaves no claim and no temp file.
        var workspace = PodProcess.Workspace(dir.Path);
        var claim = YoiProcess.Run(["claim", "take", "T1", "--pod", "full", "--workspace", workspace], env, workspace);
        Assert.That(claim.ExitCode, Is.Not.Zero);
        Assert.That(claim.Stdout + claim.Stderr, Does.Contain("no space left on device").And.Contain("T1.json"));
        Assert.That(Directory.EnumerateFiles(paths.Data, "*T1*", SearchOption.AllDirectories), Is.Empty, "no claim and no temp file");

        // 4. Space is freed: the same Pod process (no restart) records the owed outcome and answers the next send.
        disk.Free();
        var accepted = YoiProcess.Run(["pod", "send", "full", "third after freeing"], env, workspace);
        Assert.That(accepted.ExitCode, Is.Zero, accepted.Stdout + accepted.Stderr);
        var reply = client.WaitFor<TextDoneEvent>(t => t.Text.Contains("third after freeing", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        client.WaitFor<RunEndEvent>(r => r.Result == RunResult.Finished, TimeSpan.FromSeconds(30));
        Assert.That(pod.HasExited, Is.False, "the Pod never restarted");

        var read = SessionLog.Read(logPath);
        Assert.That(read.Damage, Is.Null, "no invalid line anywhere in the log");
        var errors = read.Entries.OfType<RunErroredEntry>().ToList();
        Assert.That(errors.Select(e => e.Message), Has.Exactly(1).Contain("no space left"), "the first turn ended as run_errored with the reason");
        Assert.That(read.Entries.OfType<AssistantItemEntry>().Select(a => a.Text), Has.Exactly(1).EqualTo(reply.Text), "the next send got its reply, recorded");
        Assert.That(read.Entries.OfType<InvokeEntry>().Count(), Is.EqualTo(read.Entries.Count(e => e is RunCompletedEntry or RunErroredEntry)),
            "every recorded turn is closed");
        Reliability.Report("full disk", ("tmpfs", "2MiB"), ("filler_bytes", filled), ("first_turn", "run_errored:no space left"),
            ("send_while_full", "refused"), ("claim_while_full", "refused"), ("after_free", "answered"), ("log_invalid_lines", 0),
            ("elapsed", Reliability.Seconds(watch)));
    }

    private static void AssertNoInvalidLine(string logPath) =>
        Assert.That(SessionLog.Read(logPath).Damage, Is.Null, $"{logPath} has no invalid or partial line");
}
