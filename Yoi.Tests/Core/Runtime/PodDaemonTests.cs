using System.Text;
using System.Text.Json;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

/// <summary>Integration: real <c>yoi pod run</c> processes and raw sockets.</summary>
[Category("Integration")]
public class PodDaemonTests
{
    private static string[] Echo(int delayMs) => ["--engine-spec-json", $$"""{"engine":"echo","delay_ms":{{delayMs}}}"""];

    private static string[] Command(params string[] argv) =>
        ["--engine-spec-json", JsonSerializer.Serialize(new Dictionary<string, object> { ["engine"] = "command", ["command"] = argv }, JsonContext.Default.DictionaryStringObject)];

    private static PodMetadataStore Store(string root) =>
        new(new YoiPaths(PodProcess.ConfigDir(root), PodProcess.DataDir(root), PodProcess.RuntimeDir(root)), TimeProvider.System);

    private static JsonElement StatusJson(string root, string pod) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(PodProcess.RuntimeDir(root), pod, "status.json"))).RootElement.Clone();

    private static void RunToIdle(PodSocket client, string text)
    {
        client.Send(RunMethod.Text(text));
        client.WaitFor<RunEndEvent>();
        client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle);
    }

    [Test]
    public void Startup_writes_the_ready_line_runtime_files_and_metadata_and_shutdown_exits_0_and_removes_the_dir()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha", ["--role", "coder", "--profile", "default", "--ticket", "T-1"]);
        var runtime = Path.Combine(PodProcess.RuntimeDir(dir.Path), "alpha");
        Assert.That(pod.ReadyLine, Is.EqualTo($"YOI-READY\talpha\t{runtime}/sock"));
        Assert.That(pod.RestOfStdout(TimeSpan.FromSeconds(5)), Is.Empty, "stdout is closed after the ready line");
        Assert.That(File.GetUnixFileMode(runtime), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(File.GetUnixFileMode(pod.SocketPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.ReadAllText(Path.Combine(runtime, "pid")).Trim(), Is.EqualTo(pod.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var status = StatusJson(dir.Path, "alpha");
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("idle"));
        Assert.That(status.GetProperty("pod_name").GetString(), Is.EqualTo("alpha"));
        Assert.That(status.GetProperty("pending_notifications").GetInt32(), Is.Zero);
        var metadata = Store(dir.Path).Find("alpha")!;
        Assert.That((metadata.Role, metadata.Profile, metadata.Ticket, metadata.WorkspaceRoot), Is.EqualTo(("coder", "default", "T-1", PodProcess.Workspace(dir.Path))));
        Assert.That(status.GetProperty("segment_id").GetString(), Is.EqualTo(metadata.Active!.SegmentId));

        var (client, snapshot, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            Assert.That(snapshot.Greeting with { Tools = [] }, Is.EqualTo(new Greeting("alpha", PodProcess.Workspace(dir.Path), "echo", snapshot.Greeting.Model,
                $"workspace {PodProcess.Workspace(dir.Path)}", [], Role: "coder", WorkspaceRoot: PodProcess.Workspace(dir.Path))));
            Assert.That(snapshot.Entries.Single(), Is.TypeOf<SegmentStartEntry>());
            client.Send(new ShutdownMethod());
            client.WaitFor<ShutdownEvent>();
        }
        Assert.That(pod.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(pod.ExitCode, Is.Zero, pod.Stderr);
        Assert.That(Directory.Exists(runtime), Is.False, "the runtime dir is removed on clean exit");
    }

    [Test]
    public void A_second_daemon_with_the_same_name_exits_1_and_leaves_the_live_pod_alone()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha");
        using var second = PodProcess.Launch(dir.Path, "alpha");
        Assert.That(second.WaitForExit(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(second.ExitCode, Is.EqualTo(1));
        Assert.That(second.Stderr, Does.Contain("pod `alpha` is already running"));
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        client.Dispose();
    }

    [Test]
    public void Weak_notify_to_idle_leaves_it_idle_with_zero_turns_and_the_next_run_drains_it_exactly_once()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha", Echo(5));
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new NotifyMethod("build is green", AutoRun: false));
            Assert.That(client.WaitFor<StatusEvent>().PendingNotifications, Is.EqualTo(1));
            client.ExpectSilence(TimeSpan.FromMilliseconds(300));
            Assert.That(StatusJson(dir.Path, "alpha").GetProperty("state").GetString(), Is.EqualTo("idle"));
            Assert.That(StatusJson(dir.Path, "alpha").GetProperty("pending_notifications").GetInt32(), Is.EqualTo(1));
            Assert.That(client.Seen.OfType<TurnStartEvent>(), Is.Empty, "zero turns");

            RunToIdle(client, "next");
            var item = (NotificationItem)client.Seen.OfType<SystemItemEvent>().Single().Item;
            Assert.That(item.Body, Does.StartWith("[Notification]\nbuild is green").And.Contain("not a blocking request"));
            RunToIdle(client, "again");
            Assert.That(client.Seen.OfType<SystemItemEvent>().Count(), Is.EqualTo(1), "drained exactly once");
        }
    }

    [Test]
    public void Notify_with_auto_run_wakes_an_idle_pod_and_queues_without_error_while_running()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha", Echo(400));
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new NotifyMethod("wake") { Id = "n1" });
            Assert.That(client.WaitFor<InvokeStartEvent>().Kind, Is.EqualTo(InvokeKind.Notify));
            client.WaitFor<TurnStartEvent>();
            client.Send(new NotifyMethod("while running") { Id = "n2" });
            client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Running && s.PendingNotifications == 1);
            client.WaitFor<RunEndEvent>();
            client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle);
            Assert.That(client.Seen.OfType<ErrorEvent>(), Is.Empty);
            Assert.That(client.Seen.OfType<TurnStartEvent>().Count(), Is.EqualTo(1), "the queued notify does not start a second turn by itself");
        }
    }

    [Test]
    public void Visible_pod_event_wakes_an_idle_parent_and_shows_as_a_pod_event_system_item()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "parent", Echo(5));
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new PodEventMethod(new TurnEndedPodEvent("child")));
            client.WaitFor<RunEndEvent>();
            var item = (PodEventItem)client.Seen.OfType<SystemItemEvent>().Single().Item;
            Assert.That(item.Event, Is.EqualTo(new TurnEndedPodEvent("child")));
            Assert.That(item.Body, Does.Contain("[Notification]\npod `child` finished a turn"));
            Assert.That(client.Seen.OfType<TurnStartEvent>().Count(), Is.EqualTo(1));
            Assert.That(client.Seen.OfType<InvokeStartEvent>().Single().Kind, Is.EqualTo(InvokeKind.PodEvent));
        }
    }

    [Test]
    public void Scope_sub_delegated_updates_children_is_reemitted_upward_and_creates_no_item_turn_or_wake()
    {
        using var dir = new TempDir();
        using var parent = new FakeParent(dir.Combine("parent.sock"));
        using var pod = PodProcess.Start(dir.Path, "mid", [.. Echo(5), "--parent-socket", parent.SocketPath]);
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            var scope = new[] { new ScopeRule("/w/src", ScopePermission.Write) };
            client.Send(new PodEventMethod(new ScopeSubDelegatedPodEvent("child", "grand", "/tmp/grand.sock", scope)));
            var reemitted = (PodEventMethod)parent.Next();
            Assert.That(reemitted.Event, Is.EqualTo(new ScopeSubDelegatedPodEvent("mid", "grand", "/tmp/grand.sock", scope)));
            var child = Store(dir.Path).Find("mid")!.SpawnedChildren.Single();
            Assert.That((child.PodName, child.SocketPath), Is.EqualTo(("grand", "/tmp/grand.sock")));

            client.Send(new PodEventMethod(new ScopeSubDelegatedPodEvent("child", "grand", "/tmp/grand.sock", scope)));
            client.ExpectSilence(TimeSpan.FromMilliseconds(400));
            parent.ExpectNothing(TimeSpan.FromMilliseconds(100));
            Assert.That(client.Seen.Where(e => e is not SnapshotEvent), Is.Empty, "no status change, no system item, no turn");
        }
        var (again, snapshot, _) = PodSocket.Open(pod.SocketPath);
        again.Dispose();
        Assert.That(snapshot.Entries.OfType<SystemItemEntry>(), Is.Empty);
        Assert.That(snapshot.Entries.OfType<NotifyQueuedEntry>(), Is.Empty);
    }

    [Test]
    public void Parent_originated_runs_report_turn_ended_upward_and_notification_turns_stay_silent_and_exit_reports_shut_down()
    {
        using var dir = new TempDir();
        using var parent = new FakeParent(dir.Combine("parent.sock"));
        using var pod = PodProcess.Start(dir.Path, "kid", [.. Echo(5), "--parent-socket", parent.SocketPath]);
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            RunToIdle(client, "task");
            Assert.That(((PodEventMethod)parent.Next()).Event, Is.EqualTo(new TurnEndedPodEvent("kid")));
            client.Send(new NotifyMethod("self"));
            client.WaitFor<RunEndEvent>(r => client.Seen.OfType<InvokeStartEvent>().Any(i => i.Kind == InvokeKind.Notify));
            parent.ExpectNothing(TimeSpan.FromMilliseconds(500));
        }
        pod.Signal(Libc.SIGTERM);
        Assert.That(pod.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(pod.ExitCode, Is.Zero, pod.Stderr);
        Assert.That(((PodEventMethod)parent.Next()).Event, Is.EqualTo(new ShutDownPodEvent("kid")));
    }

    [Test]
    public void A_one_shot_sender_after_a_2_MiB_snapshot_still_delivers_its_method()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "big", Echo(0));
        var big = new string('x', 2 * 1024 * 1024);
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client) RunToIdle(client, big);

        var (oneShot, snapshot, _) = PodSocket.Open(pod.SocketPath);
        Assert.That(snapshot.Entries.OfType<UserInputEntry>().Single().Segments.Single(), Is.EqualTo(new TextSegment(big)));
        oneShot.Send(new NotifyMethod("after big snapshot", AutoRun: false));
        oneShot.Dispose();

        using (var impatient = PodSocket.Connect(pod.SocketPath))
        {
            // Writes before reading anything: the server reads methods while it is still writing the snapshot.
            impatient.Send(new NotifyMethod("before reading", AutoRun: false));
            Poll.Until(() => StatusJson(dir.Path, "big").GetProperty("pending_notifications").GetInt32() == 2, TimeSpan.FromSeconds(10), "both notifies queued");
        }
    }

    [Test]
    public void Kill_9_with_5_queued_weak_notifies_then_restore_by_name_drains_all_5_exactly_once()
    {
        using var dir = new TempDir();
        using (var pod = PodProcess.Start(dir.Path, "durable", Echo(0)))
        {
            var (client, _, _) = PodSocket.Open(pod.SocketPath);
            using (client)
            {
                for (var i = 1; i <= 5; i++) client.Send(new NotifyMethod($"weak {i}", AutoRun: false));
                client.WaitFor<StatusEvent>(s => s.PendingNotifications == 5);
            }
            pod.KillHard();
        }
        Assert.That(File.Exists(Path.Combine(PodProcess.RuntimeDir(dir.Path), "durable", "sock")), Is.True, "kill -9 leaves a stale socket");

        using (var restored = PodProcess.Start(dir.Path, "durable", Echo(0)))
        {
            var (client, snapshot, _) = PodSocket.Open(restored.SocketPath);
            using (client)
            {
                Assert.That(snapshot.PendingNotifications, Is.EqualTo(5));
                RunToIdle(client, "after restore");
                Assert.That(client.Seen.OfType<SystemItemEvent>().Select(s => ((NotificationItem)s.Item).Message),
                    Is.EqualTo(new[] { "weak 1", "weak 2", "weak 3", "weak 4", "weak 5" }));
                Assert.That(client.Seen.OfType<TextDoneEvent>().Single().Text, Does.StartWith("echo: received 1 message, 5 notifications"));
                client.Send(new ShutdownMethod());
                client.WaitFor<ShutdownEvent>();
            }
            Assert.That(restored.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        }

        using var third = PodProcess.Start(dir.Path, "durable", Echo(0));
        var (last, again, _) = PodSocket.Open(third.SocketPath);
        using (last)
        {
            Assert.That(again.PendingNotifications, Is.Zero);
            RunToIdle(last, "once more");
            Assert.That(last.Seen.OfType<SystemItemEvent>(), Is.Empty, "none drained twice");
            Assert.That(again.Entries.OfType<UserInputEntry>().Count(), Is.EqualTo(1), "history was restored");
        }
    }

    [Test]
    public void A_torn_session_log_tail_is_ignored_on_restore_and_reported_once_as_an_alert()
    {
        using var dir = new TempDir();
        string logPath;
        using (var pod = PodProcess.Start(dir.Path, "torn", Echo(0)))
        {
            var (client, _, _) = PodSocket.Open(pod.SocketPath);
            using (client) RunToIdle(client, "kept");
            pod.KillHard();
            var active = Store(dir.Path).Find("torn")!.Active!;
            logPath = new YoiPaths(null, PodProcess.DataDir(dir.Path), null).SessionLogPath(active.SessionId, active.SegmentId!);
        }
        File.AppendAllText(logPath, """{"kind":"user_input","segm""", Encoding.UTF8);

        using (var restored = PodProcess.Start(dir.Path, "torn", Echo(0)))
        {
            var (client, snapshot, alerts) = PodSocket.Open(restored.SocketPath);
            client.Dispose();
            Assert.That(alerts.Single().Message, Does.Contain("torn tail"));
            Assert.That(snapshot.Entries.OfType<UserInputEntry>().Single().Segments, Is.EqualTo(new[] { new TextSegment("kept") }));
            var (second, _, _) = PodSocket.Open(restored.SocketPath);
            using (second) RunToIdle(second, "appended cleanly");
            restored.Signal(Libc.SIGTERM);
            Assert.That(restored.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        }
        using var third = PodProcess.Start(dir.Path, "torn", Echo(0));
        var (c3, s3, a3) = PodSocket.Open(third.SocketPath);
        c3.Dispose();
        Assert.That(a3, Is.Empty, "reported once");
        Assert.That(s3.Entries.OfType<UserInputEntry>().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Command_engine_runs_a_turn_end_to_end_and_cancel_stops_a_long_running_command()
    {
        using var dir = new TempDir();
        using (var pod = PodProcess.Start(dir.Path, "cmd", Command("sh", "-c", "cat; echo; echo done")))
        {
            var (client, snapshot, _) = PodSocket.Open(pod.SocketPath);
            using (client)
            {
                Assert.That(snapshot.Greeting.Provider, Is.EqualTo("command"));
                RunToIdle(client, "hello");
                Assert.That(client.Seen.OfType<TextDoneEvent>().Single().Text, Is.EqualTo("hello\ndone\n"));
            }
        }
        using var slow = PodProcess.Start(dir.Path, "slow", Command("sh", "-c", "sleep 30"));
        var (c, _, _) = PodSocket.Open(slow.SocketPath);
        using (c)
        {
            c.Send(RunMethod.Text("go"));
            c.WaitFor<TurnStartEvent>();
            c.Send(new CancelMethod());
            c.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle, TimeSpan.FromSeconds(10));
            Assert.That(c.Seen.OfType<ErrorEvent>().Single().Message, Is.EqualTo("turn cancelled"));
        }
    }

    [Test]
    public void A_failing_command_reports_provider_error_with_its_stderr()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "bad", Command("sh", "-c", "echo broken >&2; exit 4"));
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(RunMethod.Text("x"));
            var error = client.WaitFor<ErrorEvent>();
            Assert.That(error.Code, Is.EqualTo(ErrorCode.ProviderError));
            Assert.That(error.Message, Does.Contain("exited with code 4").And.Contain("broken"));
            Assert.That(client.Seen.OfType<AlertEvent>().Single().Alert.Message, Is.EqualTo("engine: broken"));
            client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle);
        }
    }

    [Test]
    public void Garbage_and_oversized_lines_get_invalid_request_and_other_clients_are_unaffected()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "robust", Echo(0));
        var (other, _, _) = PodSocket.Open(pod.SocketPath);
        var (bad, _, _) = PodSocket.Open(pod.SocketPath);
        using (other)
        using (bad)
        {
            bad.SendRaw("{not-json}\n{\"bad\":\"json\"}\n{\"method\":\"fly\"}\n"u8.ToArray());
            for (var i = 0; i < 3; i++)
            {
                var error = bad.WaitFor<ErrorEvent>();
                Assert.That(error.Code, Is.EqualTo(ErrorCode.InvalidRequest));
                Assert.That(error.Message, Does.StartWith("invalid method: "));
            }
            bad.Send(new UnsupportedMethod("compact") { Id = "u" });
            Assert.That(bad.WaitFor<ErrorEvent>().Message, Is.EqualTo("unsupported method: compact"));
            RunToIdle(bad, "the connection stays open");

            var huge = new byte[17 * 1024 * 1024];
            Array.Fill(huge, (byte)'a');
            var sending = Task.Run(() =>
            {
                try { bad.SendRaw(huge); }
                catch (IOException) { }
            });
            var tooLong = bad.WaitFor<ErrorEvent>(e => e.Message == "frame exceeds 16 MiB", TimeSpan.FromSeconds(20));
            Assert.That(tooLong.Code, Is.EqualTo(ErrorCode.InvalidRequest));
            Assert.That(bad.TryNext(TimeSpan.FromSeconds(10)), Is.Null, "that connection is closed");
            sending.Wait(TimeSpan.FromSeconds(10));

            Assert.That(other.Seen.OfType<ErrorEvent>(), Is.Empty, "errors go only to the offending socket");
            RunToIdle(other, "still fine");
            var (fresh, _, _) = PodSocket.Open(pod.SocketPath);
            fresh.Dispose();
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
