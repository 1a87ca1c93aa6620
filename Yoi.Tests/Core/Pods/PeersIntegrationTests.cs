using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Core.Pods;

/// <summary>Issue 5 acceptance on real <c>yoi pod run</c> processes: registration, discovery and weak notify.</summary>
public class PeersIntegrationTests
{
    private const string SlowEcho = """{"engine":"echo","delay_ms":1500}""";

    private static YoiPaths Paths(TempDir dir) =>
        new(PodProcess.ConfigDir(dir.Path), PodProcess.DataDir(dir.Path), PodProcess.RuntimeDir(dir.Path));

    private static PodMetadataStore Store(TempDir dir) => new(Paths(dir), TimeProvider.System);

    private static PeerMessenger Messenger(TempDir dir)
    {
        var store = Store(dir);
        return new PeerMessenger(new PodDiscovery(store, new PeerLinks(store), TimeSpan.FromMilliseconds(500)));
    }

    [Test]
    public async Task Register_peer_over_the_socket_links_both_and_list_pods_shows_the_peer()
    {
        using var dir = new TempDir();
        using var a = PodProcess.Start(dir.Path, "a");
        using var b = PodProcess.Start(dir.Path, "b");

        var reply = await PodClient.RequestAsync(a.SocketPath, new RegisterPeerMethod("b"));
        Assert.That(reply, Is.TypeOf<PeerRegisteredEvent>(), EventCodec.EncodeToString(reply));
        var result = ((PeerRegisteredEvent)reply).Result;
        Assert.That((result.GetProperty("source").GetString(), result.GetProperty("peer").GetString()), Is.EqualTo(("a", "b")));
        Assert.That(Store(dir).Find("a")!.HasPeer("b") && Store(dir).Find("b")!.HasPeer("a"), Is.True);

        var listed = (PodsListedEvent)await PodClient.RequestAsync(a.SocketPath, new ListPodsMethod());
        var items = listed.Pods.EnumerateArray().Select(i => (i.GetProperty("pod_name").GetString(), i.GetProperty("visibility").GetString(),
            i.GetProperty("live").GetProperty("reachable").GetBoolean())).ToList();
        Assert.That(items, Is.EqualTo(new[] { ("a", "self_pod", true), ("b", "peer", true) }));
    }

    [Test]
    public async Task Self_and_missing_targets_fail_with_the_reference_texts()
    {
        using var dir = new TempDir();
        using var a = PodProcess.Start(dir.Path, "a");
        var self = (ErrorEvent)await PodClient.RequestAsync(a.SocketPath, new RegisterPeerMethod("a"));
        Assert.That((self.Code, self.Message), Is.EqualTo((ErrorCode.InvalidRequest, "pod `a` cannot be registered as a peer of itself")));
        var missing = (ErrorEvent)await PodClient.RequestAsync(a.SocketPath, new RegisterPeerMethod("ghost"));
        Assert.That(missing.Message, Is.EqualTo("pod `ghost` does not exist"));
        Assert.That(Store(dir).Find("a")!.Peers, Is.Empty);
    }

    [Test]
    public async Task Registration_while_the_pod_is_running_is_refused()
    {
        using var dir = new TempDir();
        using var a = PodProcess.Start(dir.Path, "a", ["--engine-spec-json", SlowEcho]);
        using var b = PodProcess.Start(dir.Path, "b");
        await using var connection = await PodConnection.ConnectAsync(a.SocketPath, TimeSpan.FromSeconds(5));
        await connection.ReadSnapshotAsync(TimeSpan.FromSeconds(5));
        Assert.That((await PodClient.SendRunAndConfirmAsync(connection, [new TextSegment("work")])).Kind, Is.EqualTo(RunConfirmationKind.Accepted));
        var refused = (ErrorEvent)await PodClient.RequestAsync(connection, new RegisterPeerMethod("b"));
        Assert.That(refused.Code, Is.EqualTo(ErrorCode.AlreadyRunning));
        Assert.That(refused.Message, Is.EqualTo("Pod discovery/control requests are only handled while the Pod is idle or paused"));
        Assert.That(Store(dir).Find("b")!.Peers, Is.Empty);
    }

    [Test]
    public async Task Weak_notify_to_a_live_peer_is_delivered_without_waking_it()
    {
        using var dir = new TempDir();
        using var a = PodProcess.Start(dir.Path, "a");
        using var b = PodProcess.Start(dir.Path, "b");
        new PeerLinks(Store(dir)).Register("a", "b");

        var delivery = await Messenger(dir).SendWeakAsync("a", "b", "build is green");
        Assert.That(delivery.ToString(), Is.EqualTo("delivered"));
        ProbeResult probe = null!;
        await Poll.UntilAsync(async () => (probe = await PodClient.ProbeAsync(b.SocketPath, TimeSpan.FromSeconds(2))).PendingNotifications == 1,
            TimeSpan.FromSeconds(5), "the notification to be queued");
        Assert.That(probe.Status, Is.EqualTo(PodStatus.Idle), "queued, not run");
        using var socket = PodSocket.Open(b.SocketPath).Socket;
        socket.ExpectSilence(TimeSpan.FromMilliseconds(400));
        Assert.That(socket.Seen.OfType<TurnStartEvent>(), Is.Empty);
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(PodProcess.DataDir(dir.Path), "sessions"), "*.jsonl", SearchOption.AllDirectories)
            .Single(f => File.ReadAllText(f).Contains("\"pod_name\":\"b\"", StringComparison.Ordinal)));
        Assert.That(log, Does.Contain("\"notify_queued\"").And.Contain("build is green"));
    }

    [Test]
    public async Task Weak_notify_skips_children_missing_pods_and_stopped_peers_without_starting_anything()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        using var a = PodProcess.Start(dir.Path, "a");
        using (var stopped = PodProcess.Start(dir.Path, "stopped"))
        {
            new PeerLinks(store).Register("a", "stopped");
            stopped.Signal(Yoi.Core.Interop.Libc.SIGTERM);
            Assert.That(stopped.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        }
        using var child = PodProcess.Start(dir.Path, "child");
        store.Update("a", m => m! with { SpawnedChildren = [new SpawnedChild("child", child.SocketPath, [], "")] });

        var messenger = Messenger(dir);
        Assert.That((await messenger.SendWeakAsync("a", "child", "x")).ToString(), Is.EqualTo("skipped: target pod is visible as SpawnedChild, not peer"));
        Assert.That((await messenger.SendWeakAsync("a", "ghost", "x")).Outcome, Is.EqualTo(WeakNotifyOutcome.SkippedMissing));
        var notLive = await messenger.SendWeakAsync("a", "stopped", "x");
        Assert.That(notLive.Outcome, Is.EqualTo(WeakNotifyOutcome.SkippedNotLive));
        Assert.That(notLive.ToString(), Does.StartWith("skipped: target peer is not live/reachable"));
        Assert.That((await PodClient.ProbeAsync(Paths(dir).PodSocketPath("stopped"), TimeSpan.FromMilliseconds(300))).Reachable, Is.False, "nothing was restored");
        Assert.That((await PodClient.ProbeAsync(child.SocketPath, TimeSpan.FromSeconds(2))).PendingNotifications, Is.Zero);
    }

    [Test]
    public async Task Peer_message_wakes_the_peer_with_the_labelled_text_and_refuses_non_peers()
    {
        using var dir = new TempDir();
        using var a = PodProcess.Start(dir.Path, "a");
        using var b = PodProcess.Start(dir.Path, "b");
        using var c = PodProcess.Start(dir.Path, "c");
        new PeerLinks(Store(dir)).Register("a", "b");
        using var watch = PodSocket.Open(b.SocketPath).Socket;

        await Messenger(dir).SendPeerMessageAsync("a", "b", "hello");
        var item = watch.WaitFor<SystemItemEvent>();
        Assert.That(((NotificationItem)item.Item).Message, Is.EqualTo("[Peer message from `a`]\nhello"));
        Assert.That(watch.Seen.OfType<InvokeStartEvent>().Single().Kind, Is.EqualTo(InvokeKind.Notify), "auto_run woke the idle peer");

        var ex = Assert.ThrowsAsync<DiscoveryException>(() => Messenger(dir).SendPeerMessageAsync("a", "c", "hi"))!;
        Assert.That(ex.Message, Is.EqualTo("pod `c` is not visible to this Pod"));
    }

    [Test]
    public void An_orchestrator_ticket_state_change_notifies_a_live_companion_once_and_show_does_not()
    {
        using var dir = new TempDir();
        var ws = QueuedTicketWorkspace.Create(dir.Path);
        var (workspace, id, companion, orchestrator) = (ws.Workspace, ws.TicketId, ws.Companion, ws.Orchestrator);
        using var companionPod = PodProcess.Start(dir.Path, companion);
        using var orchestratorPod = PodProcess.Start(dir.Path, orchestrator);
        Assert.That(Store(dir).Find(companion)!.Peers, Is.Empty, "no link before");
        using var watch = PodSocket.Open(companionPod.SocketPath).Socket;

        // A generous notice budget: this test is about what is delivered, not how fast (a loaded machine may take seconds).
        var asOrchestrator = ws.AsOrchestrator(("YOI_NOTICE_BUDGET_MS", "20000"));
        var state = InProcessYoi.Run(asOrchestrator, "ticket", "--workspace", workspace, "state", id, "inprogress");
        Assert.That(state.ExitCode, Is.Zero, state.Stderr);
        Assert.That(state.Stdout, Does.EndWith($"notice\t{companion}\tdelivered\n"), "the CLI reports the delivery");
        var status = watch.WaitFor<StatusEvent>(s => s.PendingNotifications == 1);
        Assert.That(status.Status, Is.EqualTo(PodStatus.Idle), "weak: queued, never woken");
        Assert.That(Store(dir).Find(companion)!.HasPeer(orchestrator) && Store(dir).Find(orchestrator)!.HasPeer(companion), Is.True, "link created");

        Assert.That(InProcessYoi.Run(asOrchestrator, "ticket", "--workspace", workspace, "show", id).ExitCode, Is.Zero);
        watch.ExpectSilence(TimeSpan.FromMilliseconds(500));
        Assert.That(watch.Seen.OfType<StatusEvent>().Count(s => s.PendingNotifications > 1), Is.Zero, "show delivers nothing");
        var sessions = Directory.GetFiles(Path.Combine(PodProcess.DataDir(dir.Path), "sessions"), "*.jsonl", SearchOption.AllDirectories);
        var queued = sessions.SelectMany(File.ReadAllLines).Where(l => l.Contains("\"notify_queued\"", StringComparison.Ordinal)).ToList();
        Assert.That(queued, Has.Count.EqualTo(1));
        Assert.That(queued[0], Does.Contain("state/queued->inprogress").And.Contain("auto_run=false").And.Contain("title: Route me"));
    }
}
