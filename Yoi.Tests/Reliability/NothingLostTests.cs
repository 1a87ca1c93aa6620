using System.Diagnostics;
using System.Globalization;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Reliability;

/// <summary>Reliability 6: weak notifies to a Pod that is SIGKILLed and restored midway are drained exactly once.</summary>
[Category(Reliability.Category)]
public class NothingLostTests
{
    [Test]
    public void Every_acknowledged_weak_notify_is_drained_into_history_exactly_once_after_a_kill_and_restore()
    {
        var total = Reliability.Count(reduced: 200, full: 1000);
        var killAt = total / 2;
        using var dir = new TempDir("yoi-lost");
        var watch = Stopwatch.StartNew();
        var acknowledged = new List<string>();
        var sentButUnconfirmed = new List<string>();
        var next = 0;

        using (var first = PodProcess.Start(dir.Path, "sink"))
        {
            var (client, snapshot, _) = PodSocket.Open(first.SocketPath);
            using (client)
            {
                Assert.That(snapshot.PendingNotifications, Is.Zero);
                next = SendConfirmed(client, next, killAt, baseline: 0, acknowledged);
                // Pipeline a burst without waiting and kill the Pod while it is still committing it.
                var burst = Math.Min(50, total - next);
                for (var i = 0; i < burst; i++) client.Send(new NotifyMethod(Message(next + i), AutoRun: false));
                sentButUnconfirmed.AddRange(Enumerable.Range(next, burst).Select(Message));
                next += burst;
                first.KillHard();
            }
        }

        int restoredPending;
        using (var restored = PodProcess.Start(dir.Path, "sink"))
        {
            var (client, snapshot, _) = PodSocket.Open(restored.SocketPath);
            using (client)
            {
                restoredPending = snapshot.PendingNotifications;
                Assert.That(restoredPending, Is.GreaterThanOrEqualTo(acknowledged.Count), "the restored queue holds every acknowledged notify");
                next = SendConfirmed(client, next, total, baseline: restoredPending, acknowledged);
                client.Send(RunMethod.Text("drain the queue") with { Id = "drain" });
                client.WaitFor<RunEndEvent>(timeout: TimeSpan.FromMinutes(3));
                client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle, TimeSpan.FromMinutes(1));
            }
            var (after, afterSnapshot, _) = PodSocket.Open(restored.SocketPath);
            after.Dispose();
            Assert.That(afterSnapshot.PendingNotifications, Is.Zero, "the drain emptied the queue");
        }
        watch.Stop();

        var drained = DrainedMessages(PodProcess.DataDir(dir.Path));
        var counts = drained.GroupBy(m => m, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = acknowledged.Where(m => !counts.ContainsKey(m)).ToList();
        var duplicated = counts.Where(c => c.Value > 1).Select(c => $"{c.Key}×{c.Value}").ToList();
        var unconfirmedKept = sentButUnconfirmed.Count(counts.ContainsKey);
        var strangers = counts.Keys.Where(m => !acknowledged.Contains(m) && !sentButUnconfirmed.Contains(m)).ToList();
        Reliability.Report("nothing lost", ("notifies_sent", next), ("acknowledged", acknowledged.Count), ("killed_after", killAt),
            ("in_flight_at_kill", sentButUnconfirmed.Count), ("in_flight_kept", unconfirmedKept), ("pending_after_restore", restoredPending),
            ("drained", drained.Count), ("lost", lost.Count), ("duplicated", duplicated.Count), ("elapsed", Reliability.Seconds(watch)));

        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Has.Count.EqualTo(total - sentButUnconfirmed.Count), "every notify outside the killed burst was acknowledged");
            Assert.That(lost, Is.Empty, "acknowledged notifies missing from history");
            Assert.That(duplicated, Is.Empty, "notifies drained more than once");
            Assert.That(strangers, Is.Empty, "history holds only notifies that were sent");
        });
    }

    private static string Message(int i) => "notify-" + i.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>
    /// Sends notifies [from, to) one at a time; each counts as acknowledged once the Pod broadcast the status whose
    /// pending count includes it (the status is published only after the fsync'd <c>notify_queued</c> append).
    /// </summary>
    private static int SendConfirmed(PodSocket client, int from, int to, int baseline, List<string> acknowledged)
    {
        for (var i = from; i < to; i++)
        {
            client.Send(new NotifyMethod(Message(i), AutoRun: false));
            var expected = baseline + (i - from) + 1;
            client.WaitFor<StatusEvent>(s => s.PendingNotifications >= expected);
            acknowledged.Add(Message(i));
        }
        return to;
    }

    /// <summary>The message of every drained notification in every session log segment on disk.</summary>
    private static List<string> DrainedMessages(string dataDir)
    {
        var messages = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dataDir, "sessions"), "*.jsonl", SearchOption.AllDirectories))
        {
            var read = SessionLog.Read(file);
            messages.AddRange(read.Entries.OfType<SystemItemEntry>().Select(e => e.Item).OfType<NotificationItem>().Select(n => n.Message));
        }
        return messages;
    }
}
