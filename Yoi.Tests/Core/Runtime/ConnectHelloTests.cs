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
