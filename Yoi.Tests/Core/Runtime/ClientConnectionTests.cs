using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

/// <summary>Integration: one-shot clients against a real <c>yoi pod run</c> daemon.</summary>
[Category("Integration")]
public class ClientConnectionTests
{
    [Test]
    public async Task Every_written_one_shot_notify_is_queued_even_when_the_sender_closes_while_live_events_are_in_flight()
    {
        // 8 senders connect, read the prelude, write a notify and close at once. Meanwhile the Pod broadcasts a
        // status event per queued notify to every open connection, so it often writes to a client that has just
        // closed. That write failing must not discard the notify the client already wrote.
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha");
        const int senders = 8, perSender = 40;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < perSender; i++)
                await PodClient.ConnectAndSendAsync(pod.SocketPath, new NotifyMethod($"n s{s} i{i}", AutoRun: false));
        })));

        var pending = 0;
        try
        {
            await Poll.UntilAsync(async () =>
            {
                pending = (await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(2))).PendingNotifications;
                return pending >= senders * perSender;
            }, TimeSpan.FromSeconds(10), $"{senders * perSender} pending notifications");
        }
        finally
        {
            TestContext.Out.WriteLine($"pending notifications: {pending}");
        }

        var paths = new YoiPaths(PodProcess.ConfigDir(dir.Path), PodProcess.DataDir(dir.Path), PodProcess.RuntimeDir(dir.Path));
        var active = new PodMetadataStore(paths, TimeProvider.System).Find("alpha")!.Active!;
        var queued = SessionLog.Read(paths.SessionLogPath(active.SessionId, active.SegmentId!)).Entries.OfType<NotifyQueuedEntry>()
            .Select(e => e.Message).ToList();
        Assert.That(queued, Has.Count.EqualTo(senders * perSender));
        Assert.That(queued.Distinct().Count(), Is.EqualTo(senders * perSender), "each notify is queued exactly once");
    }

    [Test]
    public async Task A_replies_only_client_that_never_reads_its_replies_is_dropped_and_the_Pod_keeps_answering()
    {
        // hello{subscribe:false}, then methods that each get a reply (`cancel` while idle: not_running) and never a
        // read: once the socket buffers are full the Pod's reply write cannot complete, and after its budget the client
        // is dropped — the Pod neither blocks on it nor queues replies without bound.
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha");
        using var client = PodSocket.Connect(pod.SocketPath);
        client.Send(new HelloMethod(Entries: false, Subscribe: false));
        var line = MethodCodec.Encode(new CancelMethod { Id = "c" }).Concat("\n"u8.ToArray()).ToArray();
        var batch = Enumerable.Repeat(line, 256).SelectMany(b => b).ToArray();
        var writing = Task.Run(() =>
        {
            try
            {
                for (var i = 0; i < 4_000; i++) client.Stream.Write(batch);
                return "wrote everything";
            }
            catch (IOException ex) { return ex.Message; }
        });
        Assert.That(await writing.WaitAsync(TimeSpan.FromSeconds(30)), Is.Not.EqualTo("wrote everything"), "the Pod closed the connection");
        Poll.Until(() => pod.Stderr.Contains("client does not read its replies"), TimeSpan.FromSeconds(10), "the drop in the Pod log");
        var probe = await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(5));
        Assert.That(probe.Status, Is.EqualTo(PodStatus.Idle));
    }

    [Test]
    public async Task A_slow_viewer_stays_connected_through_a_10000_line_burst_and_ends_with_every_line()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha", ["--engine-spec-json", """{"engine":"command","command":["seq","1","10000"]}"""]);
        await using var viewer = await PodConnection.ConnectAsync(pod.SocketPath, TimeSpan.FromSeconds(5));
        await viewer.ReadSnapshotAsync(TimeSpan.FromSeconds(5));
        await viewer.SendAsync(RunMethod.Text("burst"));
        await Task.Delay(1500); // the view is busy and reads nothing while the agent prints 10,000 lines
        var text = new System.Text.StringBuilder();
        var events = 0;
        while (true)
        {
            var e = await viewer.ReadEventAsync(TimeSpan.FromSeconds(20)) ?? throw new AssertionException("the Pod dropped the viewer");
            events++;
            if (e is SnapshotEvent snapshot)
            {
                // Caught up from the session log: the history replaces what was streamed so far.
                text.Clear();
                foreach (var entry in snapshot.Entries.OfType<AssistantItemEntry>()) text.Append(entry.Text);
            }
            if (e is TextDeltaEvent delta) text.Append(delta.Text);
            if (e is TextDoneEvent done) text.Clear().Append(done.Text);
            if (e is RunEndEvent) break;
        }
        Assert.That(text.ToString(), Is.EqualTo(string.Concat(Enumerable.Range(1, 10_000).Select(i => $"{i}\n"))));
        Assert.That(events, Is.LessThan(300), "deltas coalesce: a burst is a few events, not one per line");
    }
}
