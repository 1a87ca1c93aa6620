using System.Globalization;
using System.Text;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

/// <summary>Integration: the optional <c>hello</c> first line against a real <c>yoi pod run</c> daemon (protocol.md "Lean one-shot connections").</summary>
[Category("Integration")]
public class ConnectHelloTests
{
    private const int LongLog = 10_000;

    [Test]
    public async Task A_raw_client_that_sends_nothing_first_gets_the_full_snapshot_and_a_client_that_asks_for_no_entries_gets_none_from_a_pod_with_10000_entries()
    {
        using var dir = new TempDir("yoi-hello");
        using (var fresh = PodProcess.Start(dir.Path, "longlog"))
        {
            await PodClient.ConnectAndSendAsync(fresh.SocketPath, new ShutdownMethod());
            Poll.Until(() => fresh.HasExited, TimeSpan.FromSeconds(20), "the Pod exits on shutdown");
        }
        // 10,000 more committed entries in the Pod's session log (written by the product's own log writer), then restore.
        var log = Directory.EnumerateFiles(Path.Combine(PodProcess.DataDir(dir.Path), "sessions"), "*.jsonl", SearchOption.AllDirectories)
            .OrderBy(File.GetLastWriteTimeUtc).Last();
        var entries = Enumerable.Range(0, LongLog)
            .Select(i => (LogEntry)new PendingNotification($"id-{i}", "old " + i.ToString(CultureInfo.InvariantCulture), null).ToEntry("2026-12-01T00:00:00.000Z"))
            .ToList();
        new SessionLog(log, TimeProvider.System).Append(entries);

        using var pod = PodProcess.Start(dir.Path, "longlog");

        // An old client: connects and says nothing; it gets today's prelude, every entry included.
        var (raw, full, _) = PodSocket.Open(pod.SocketPath, silent: true);
        raw.Dispose();
        Assert.That(full.Entries, Has.Count.GreaterThanOrEqualTo(LongLog));
        Assert.That(full.PendingNotifications, Is.EqualTo(NotifyQueue.Capacity), "10,000 queued, the oldest past the cap dropped");

        // A raw NDJSON client that writes the hello line itself.
        using (var lean = PodSocket.Connect(pod.SocketPath))
        {
            lean.SendRaw(Encoding.UTF8.GetBytes("{\"method\":\"hello\",\"params\":{\"entries\":false}}\n"));
            var snapshot = lean.WaitFor<SnapshotEvent>();
            Assert.That(snapshot.Entries, Is.Empty);
            Assert.That(snapshot.PendingNotifications, Is.EqualTo(full.PendingNotifications));
            Assert.That(snapshot.Status, Is.EqualTo(PodStatus.Idle));
            Assert.That(snapshot.Greeting.PodName, Is.EqualTo("longlog"));
        }

        // The product's one-shot path asks for the lean snapshot too.
        await using (var connection = await PodConnection.ConnectAsync(pod.SocketPath, TimeSpan.FromSeconds(5), SnapshotEntries.Omitted))
        {
            var snapshot = await connection.ReadSnapshotAsync(TimeSpan.FromSeconds(5));
            Assert.That(snapshot.Entries, Is.Empty);
            Assert.That(snapshot.PendingNotifications, Is.EqualTo(full.PendingNotifications));
        }
        var probe = await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(2));
        Assert.That(probe.PendingNotifications, Is.EqualTo(full.PendingNotifications));
    }

    [Test]
    public void A_replies_only_client_gets_no_prelude_and_no_broadcasts_and_its_notify_is_acknowledged_once_on_disk()
    {
        using var dir = new TempDir("yoi-hello");
        using var pod = PodProcess.Start(dir.Path, "quiet");
        var (watcher, _, _) = PodSocket.Open(pod.SocketPath);
        using (watcher)
        using (var lean = PodSocket.Connect(pod.SocketPath))
        {
            // Pipelined: the hello and the notify in one write, nothing read before.
            lean.SendRaw(Encoding.UTF8.GetBytes("{\"method\":\"hello\",\"params\":{\"subscribe\":false}}\n" +
                "{\"method\":\"notify\",\"params\":{\"message\":\"durable first\",\"auto_run\":false},\"id\":\"n1\"}\n"));
            var ack = lean.WaitFor<NotifyQueuedEvent>(e => e.ReplyTo == "n1");
            Assert.That(ack.PendingNotifications, Is.EqualTo(1));
            // The acknowledgement comes after the commit: the entry is in the session log on disk when it arrives.
            var logged = Directory.EnumerateFiles(Path.Combine(PodProcess.DataDir(dir.Path), "sessions"), "*.jsonl", SearchOption.AllDirectories)
                .SelectMany(f => SessionLog.Read(f).Entries.OfType<NotifyQueuedEntry>()).Select(e => e.Message).ToList();
            Assert.That(logged, Is.EqualTo(new[] { "durable first" }));
            // The subscribed client saw the status change; the replies-only one saw nothing but its reply.
            Assert.That(watcher.WaitFor<StatusEvent>(s => s.PendingNotifications == 1).PendingNotifications, Is.EqualTo(1));
            lean.ExpectSilence(TimeSpan.FromMilliseconds(300));
            Assert.That(lean.Seen.Select(e => e.Name), Is.EqualTo(new[] { "notify_queued" }), "no greeting, snapshot or status on a replies-only connection");
        }
    }

    [Test]
    public async Task The_one_shot_notify_returns_only_after_the_pod_acknowledged_it_and_a_notify_without_id_gets_no_reply()
    {
        using var dir = new TempDir("yoi-hello");
        using var pod = PodProcess.Start(dir.Path, "acks");
        await PodClient.ConnectAndSendAsync(pod.SocketPath, new NotifyMethod("one", AutoRun: false));
        var probe = await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(5));
        Assert.That(probe.PendingNotifications, Is.EqualTo(1), "queued (and counted) by the time the one-shot returned");

        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new NotifyMethod("two", AutoRun: false));
            client.WaitFor<StatusEvent>(s => s.PendingNotifications == 2);
            client.ExpectSilence(TimeSpan.FromMilliseconds(300));
            Assert.That(client.Seen.OfType<NotifyQueuedEvent>(), Is.Empty, "the original protocol's notify (no id) gets no reply");
        }
    }

    [Test]
    public void A_hello_after_the_first_line_is_refused_on_that_connection_only()
    {
        using var dir = new TempDir("yoi-hello");
        using var pod = PodProcess.Start(dir.Path, "late");
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new HelloMethod(Entries: false) { Id = "h2" });
            var error = client.WaitFor<ErrorEvent>(e => e.ReplyTo == "h2");
            Assert.That(error.Code, Is.EqualTo(ErrorCode.InvalidRequest));
            Assert.That(error.Message, Is.EqualTo(ConnectHello.LateMessage));
            client.Send(new CancelMethod { Id = "c1" });
            Assert.That(client.WaitFor<ErrorEvent>(e => e.ReplyTo == "c1").Code, Is.EqualTo(ErrorCode.NotRunning), "the connection keeps working");
        }
    }
}
