using Yoi.Core.Engines;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Core.Engines;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Core.Runtime;

public class ControllerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private static ErrorEvent ReplyTo(ControllerHarness h, string id) => h.Sink.WaitFor<ErrorEvent>(e => e.ReplyTo == id);

    [Test]
    public void A_user_run_emits_events_in_the_documented_order()
    {
        using var h = new ControllerHarness();
        h.Send(RunMethod.Text("hello"));
        h.Sink.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle);
        var names = h.Sink.Events.Select(e => e is StatusEvent s ? $"status:{s.Status}" : e is InvokeStartEvent i ? $"invoke_start:{i.Kind}" : e.Name)
            .Where(n => n != "text_delta").ToList();
        Assert.That(names, Is.EqualTo(new[]
        {
            "status:Running", "invoke_start:UserSend", "user_message", "turn_start", "text_done", "turn_end", "run_end", "status:Idle",
        }));
        Assert.That(h.Sink.Events.OfType<TextDeltaEvent>().Count(), Is.GreaterThan(1), "the echo answer is streamed in several deltas");
        Assert.That(h.Sink.Events.OfType<TextDoneEvent>().Single().Text, Is.EqualTo("echo: received 1 message, 0 notifications: hello"));
        Assert.That(h.LogEntries().Select(e => e.GetType().Name), Is.EqualTo(new[]
        {
            "SegmentStartEntry", "InvokeEntry", "UserInputEntry", "AssistantItemEntry", "TurnEndEntry", "RunCompletedEntry",
        }));
    }

    [Test]
    public void Idle_rejects_resume_cancel_and_pause_with_the_reference_codes_and_reply_ids()
    {
        using var h = new ControllerHarness();
        h.Send(new ResumeMethod { Id = "r" });
        h.Send(new CancelMethod { Id = "c" });
        h.Send(new PauseMethod { Id = "p" });
        Assert.That(ReplyTo(h, "r"), Is.EqualTo(new ErrorEvent(ErrorCode.NotPaused, "Pod is not paused") { ReplyTo = "r" }));
        Assert.That(ReplyTo(h, "c"), Is.EqualTo(new ErrorEvent(ErrorCode.NotRunning, "Pod is not running") { ReplyTo = "c" }));
        Assert.That(ReplyTo(h, "p"), Is.EqualTo(new ErrorEvent(ErrorCode.NotRunning, "Pod is not running") { ReplyTo = "p" }));
        Assert.That(h.Controller.Status, Is.EqualTo(PodStatus.Idle));
    }

    [Test]
    public void Running_rejects_run_resume_and_discovery_but_queues_notifies_without_error()
    {
        using var h = new ControllerHarness(Long);
        h.StartLongRun();
        h.Send(new RunMethod([new TextSegment("again")]) { Id = "run2" });
        h.Send(new ResumeMethod { Id = "res" });
        h.Send(new ListPodsMethod { Id = "lp" });
        h.Send(new RestorePodMethod("x") { Id = "rp" });
        h.Send(new RegisterPeerMethod("x") { Id = "peer" });
        h.Send(new NotifyMethod("while running") { Id = "n" });
        Assert.That(ReplyTo(h, "run2").Code, Is.EqualTo(ErrorCode.AlreadyRunning));
        Assert.That(ReplyTo(h, "run2").Message, Is.EqualTo(Controller.AlreadyRunningMessage));
        Assert.That(ReplyTo(h, "res").Code, Is.EqualTo(ErrorCode.AlreadyRunning));
        foreach (var id in new[] { "lp", "rp", "peer" })
            Assert.That(ReplyTo(h, id), Is.EqualTo(new ErrorEvent(ErrorCode.AlreadyRunning, Controller.DiscoveryWhileRunningMessage) { ReplyTo = id }));
        Assert.That(h.Sink.Events.OfType<ErrorEvent>().Any(e => e.ReplyTo == "n"), Is.False, "notify while running is not an error");
        Assert.That(h.Queue.Count, Is.EqualTo(1));
        Assert.That(h.Controller.Status, Is.EqualTo(PodStatus.Running));
    }

    [Test]
    public void Idle_discovery_methods_reach_the_control_seam_and_reply_only_with_their_id()
    {
        using var h = new ControllerHarness();
        h.Send(new ListPodsMethod { Id = "lp" });
        var reply = ReplyTo(h, "lp");
        Assert.That(reply.Code, Is.EqualTo(ErrorCode.InvalidRequest));
        Assert.That(reply.Message, Does.Contain("`list_pods` is not available yet"));
    }

    [Test]
    public void Unsupported_methods_are_invalid_requests()
    {
        using var h = new ControllerHarness();
        h.Send(new UnsupportedMethod("compact") { Id = "x" });
        Assert.That(ReplyTo(h, "x"), Is.EqualTo(new ErrorEvent(ErrorCode.InvalidRequest, "unsupported method: compact") { ReplyTo = "x" }));
    }

    [Test]
    public void Cancel_while_running_returns_to_idle_and_records_run_errored()
    {
        using var h = new ControllerHarness(Long);
        h.StartLongRun();
        h.Send(new CancelMethod());
        h.WaitForStatus(PodStatus.Idle);
        Assert.That(h.Sink.Events.OfType<ErrorEvent>().Single().Code, Is.EqualTo(ErrorCode.Internal));
        Assert.That(h.LogEntries().OfType<RunErroredEntry>().Single().Interrupted, Is.True);
    }

    [Test]
    public void Pause_then_paused_rules_then_resume_runs_to_idle()
    {
        using var h = new ControllerHarness(Long);
        h.StartLongRun();
        h.Send(new PauseMethod());
        h.WaitForStatus(PodStatus.Paused);
        Assert.That(h.Sink.Events.OfType<RunEndEvent>().Single().Result, Is.EqualTo(RunResult.Paused));
        Assert.That(h.Sink.Events.OfType<TurnEndEvent>().Single().Result, Is.EqualTo(TurnResult.Paused));

        h.Sink.Clear();
        h.Send(new PauseMethod { Id = "p2" });
        h.Send(new CancelMethod { Id = "c" });
        h.Send(new NotifyMethod("queued while paused") { Id = "n" });
        Assert.That(ReplyTo(h, "c").Code, Is.EqualTo(ErrorCode.NotRunning));
        Assert.That(h.Sink.Events.OfType<ErrorEvent>().Any(e => e.ReplyTo is "p2" or "n"), Is.False, "pause is idempotent, notify only queues");
        Assert.That(h.Controller.Status, Is.EqualTo(PodStatus.Paused), "a notify does not wake a paused Pod");
        Assert.That(h.Queue.Count, Is.EqualTo(1));

        h.Send(new ResumeMethod());
        h.Sink.WaitFor<TurnStartEvent>();
        h.Send(new CancelMethod());
        h.WaitForStatus(PodStatus.Idle);
        Assert.That(h.Queue.Count, Is.Zero, "the resumed turn drained the queue");
        Assert.That(h.LogEntries().OfType<SystemItemEntry>().Single().Item, Is.TypeOf<NotificationItem>());
    }

    [Test]
    public void Run_while_paused_starts_a_new_user_turn()
    {
        using var h = new ControllerHarness(Long);
        h.StartLongRun();
        h.Send(new PauseMethod());
        h.WaitForStatus(PodStatus.Paused);
        h.Sink.Clear();
        h.Send(RunMethod.Text("fresh"));
        h.Sink.WaitFor<UserMessageEvent>();
        h.WaitForStatus(PodStatus.Running);
    }

    [Test]
    public void Weak_notify_to_idle_queues_durably_and_the_next_run_drains_it_exactly_once()
    {
        using var h = new ControllerHarness();
        h.Send(new NotifyMethod("note", AutoRun: false));
        Assert.That(h.LogEntries().OfType<NotifyQueuedEntry>().Single().Message, Is.EqualTo("note"), "durable before the method returns");
        Assert.That(h.Controller.Status, Is.EqualTo(PodStatus.Idle));
        Assert.That(h.Controller.Turns, Is.Zero);
        Assert.That(h.StatusWrites.Last(), Is.EqualTo((PodStatus.Idle, 1)));

        h.Send(RunMethod.Text("go"));
        h.Sink.WaitFor<RunEndEvent>();
        h.WaitForStatus(PodStatus.Idle);
        var item = (NotificationItem)h.Sink.Events.OfType<SystemItemEvent>().Single().Item;
        Assert.That(item.Body, Does.StartWith("[Notification]\nnote\n\n").And.Contain("not a blocking request"));
        Assert.That(h.Sink.Events.OfType<TextDoneEvent>().Single().Text, Is.EqualTo("echo: received 1 message, 1 notification: go [note]"));

        h.Sink.Clear();
        h.Send(RunMethod.Text("again"));
        h.Sink.WaitFor<RunEndEvent>();
        Assert.That(h.Sink.Events.OfType<SystemItemEvent>(), Is.Empty, "drained once");
    }

    [Test]
    public void Notify_with_auto_run_wakes_an_idle_pod_with_a_notify_invoke()
    {
        using var h = new ControllerHarness();
        h.Send(new NotifyMethod("wake up"));
        h.Sink.WaitFor<RunEndEvent>();
        h.WaitForStatus(PodStatus.Idle);
        Assert.That(h.Sink.Events.OfType<InvokeStartEvent>().Single().Kind, Is.EqualTo(InvokeKind.Notify));
        Assert.That(h.Sink.Events.OfType<SystemItemEvent>().Single().Item, Is.TypeOf<NotificationItem>());
    }

    [Test]
    public void Visible_pod_event_wakes_idle_and_scope_sub_delegated_is_control_plane_only()
    {
        using var h = new ControllerHarness();
        h.Send(new PodEventMethod(new ScopeSubDelegatedPodEvent("child", "grand", "/tmp/g.sock", [new ScopeRule("/w", ScopePermission.Write)])));
        Assert.That(h.Controller.Status, Is.EqualTo(PodStatus.Idle));
        Assert.That(h.Queue.Count, Is.Zero);
        Assert.That(h.Store.Find("pod")!.SpawnedChildren.Single().PodName, Is.EqualTo("grand"));

        h.Send(new PodEventMethod(new TurnEndedPodEvent("child")));
        h.Sink.WaitFor<RunEndEvent>();
        h.WaitForStatus(PodStatus.Idle);
        var item = (PodEventItem)h.Sink.Events.OfType<SystemItemEvent>().Single().Item;
        Assert.That(item.Event, Is.EqualTo(new TurnEndedPodEvent("child")));
        Assert.That(item.Body, Does.Contain("pod `child` finished a turn"));
        Assert.That(h.Sink.Events.OfType<InvokeStartEvent>().Single().Kind, Is.EqualTo(InvokeKind.PodEvent));
    }

    [Test]
    public void Running_visible_pod_event_enters_the_queue_and_shut_down_reclaims_the_child()
    {
        using var h = new ControllerHarness(Long);
        h.Store.Update("pod", _ => new PodMetadata
        {
            PodName = "pod",
            SpawnedChildren = [new SpawnedChild("child", "/tmp/c.sock", [new ScopeRule("/w", ScopePermission.Write)], "")],
        });
        h.StartLongRun();
        h.Send(new PodEventMethod(new ShutDownPodEvent("child")));
        Assert.That(h.Queue.Count, Is.EqualTo(1));
        var metadata = h.Store.Find("pod")!;
        Assert.That(metadata.SpawnedChildren, Is.Empty);
        Assert.That(metadata.ReclaimedChildren.Single().PodName, Is.EqualTo("child"));
    }

    [Test]
    public void Shutdown_while_running_cancels_the_turn_then_broadcasts_shutdown()
    {
        using var h = new ControllerHarness(Long);
        h.StartLongRun();
        h.Send(new ShutdownMethod());
        h.Sink.WaitFor<ShutdownEvent>();
        Assert.That(h.Sink.Events[^1], Is.TypeOf<ShutdownEvent>());
    }

    [Test]
    public void Resume_after_pause_continues_the_paused_request_instead_of_an_empty_turn()
    {
        using var dir = new TempDir();
        var agent = new CommandEngine(["sh", "-c", "cat; echo; sleep 30"], new EngineContext("pod", "/x.sock", null, dir.Path, null, "s", Launcher: YoiProcess.Executable), TimeProvider.System);
        using var h = new ControllerHarness(engine: agent);
        h.Send(RunMethod.Text("refactor the parser"));
        h.Sink.WaitFor<TextDeltaEvent>(e => e.Text.Contains("refactor the parser", StringComparison.Ordinal));
        h.Send(new PauseMethod());
        h.WaitForStatus(PodStatus.Paused);
        h.Sink.Clear();
        h.Send(new ResumeMethod());
        // The agent's echo may arrive in several deltas: wait until the streamed text holds the whole continuation.
        string Streamed() => string.Concat(h.Sink.Events.OfType<TextDeltaEvent>().Select(e => e.Text));
        Poll.Until(() => Streamed().Contains("The request was:\n\nrefactor the parser", StringComparison.Ordinal), TimeSpan.FromSeconds(20),
            "the resumed turn continues the paused request");
        Assert.That(Streamed(), Does.Contain("paused by the user"));
        h.Send(new CancelMethod());
        h.WaitForStatus(PodStatus.Idle);
    }
}
