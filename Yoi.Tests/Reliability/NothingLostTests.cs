using System.Diagnostics;
using System.Globalization;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Reliability;

/// <summary>Reliability 6: weak notifies to a Pod that is SIGKILLed and restored midway are drained exactly once.</summary>
[Category(Reliability.Category)]
public class NothingLostTests
{
    private const int Senders = 8;

    [Test]
    public async Task Every_acknowledged_weak_notify_from_8_concurrent_senders_is_drained_into_history_exactly_once_after_a_kill_and_restore()
    {
        // 8 senders at once, so the Pod group-commits their notify_queued entries (several per fsync); the Pod is SIGKILLed
        // while batches are in flight. Total stays under the queue capacity (1024) so nothing may be dropped by design.
        var total = Reliability.Count(reduced: 400, full: 1000);
        var perSender = total / Senders;
        var killAt = total / 2;
        using var dir = new TempDir("yoi-lost");
        var watch = Stopwatch.StartNew();
        var ledger = new Ledger();
        var next = new int[Senders];

        using (var first = PodProcess.Start(dir.Path, "sink"))
        {
            var killed = 0;
            await SendAllAsync(first.SocketPath, next, perSender, ledger, afterAck: () =>
            {
                if (ledger.AcknowledgedCount >= killAt && Interlocked.Exchange(ref killed, 1) == 0) first.KillHard();
            });
            Assert.That(killed, Is.EqualTo(1), "the Pod was killed while senders were writing");
        }
        var inFlightAtKill = ledger.InFlight.Count;

        int restoredPending;
        using (var restored = PodProcess.Start(dir.Path, "sink"))
        {
            var (client, snapshot, _) = PodSocket.Open(restored.SocketPath);
            using (client)
            {
                restoredPending = snapshot.PendingNotifications;
                Assert.That(restoredPending, Is.GreaterThanOrEqualTo(ledger.AcknowledgedCount), "the restored queue holds every acknowledged notify");
                await SendAllAsync(restored.SocketPath, next, perSender, ledger, afterAck: () => { });
                client.Send(RunMethod.Text("drain the queue") with { Id = "drain" });
                client.WaitFor<RunEndEvent>(timeout: TimeSpan.FromMinutes(3));
                client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle, TimeSpan.FromMinutes(1));
            }
            var (after, afterSnapshot, _) = PodSocket.Open(restored.SocketPath);
            after.Dispose();
            Assert.That(afterSnapshot.PendingNotifications, Is.Zero, "the drain emptied the queue");
        }
        watch.Stop();

        var acknowledged = ledger.Acknowledged.ToHashSet(StringComparer.Ordinal);
        var sentButUnconfirmed = ledger.InFlight.ToHashSet(StringComparer.Ordinal);
        var drained = DrainedMessages(PodProcess.DataDir(dir.Path));
        var counts = drained.GroupBy(m => m, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = acknowledged.Where(m => !counts.ContainsKey(m)).ToList();
        var duplicated = counts.Where(c => c.Value > 1).Select(c => $"{c.Key}×{c.Value}").ToList();
        var unconfirmedKept = sentButUnconfirmed.Count(counts.ContainsKey);
        var strangers = counts.Keys.Where(m => !acknowledged.Contains(m) && !sentButUnconfirmed.Contains(m)).ToList();
        Reliability.Report("nothing lost", ("senders", Senders), ("notifies_sent", next.Sum()), ("acknowledged", acknowledged.Count), ("killed_after", killAt),
            ("in_flight_at_kill", inFlightAtKill), ("in_flight_kept", unconfirmedKept), ("pending_after_restore", restoredPending),
            ("drained", drained.Count), ("lost", lost.Count), ("duplicated", duplicated.Count), ("elapsed", Reliability.Seconds(watch)));

        Assert.Multiple(() =>
        {
            Assert.That(next.Sum(), Is.EqualTo(perSender * Senders), "every sender wrote all its notifies");
            Assert.That(acknowledged, Has.Count.EqualTo(perSender * Senders - sentButUnconfirmed.Count), "every notify outside the killed batches was acknowledged");
            Assert.That(lost, Is.Empty, "acknowledged notifies missing from history");
            Assert.That(duplicated, Is.Empty, "notifies drained more than once");
            Assert.That(strangers, Is.Empty, "history holds only notifies that were sent");
        });
    }

    private static string Message(int sender, int i) =>
        "notify-s" + sender.ToString(CultureInfo.InvariantCulture) + "-" + i.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>What every sender wrote: acknowledged, or written and never acknowledged (the Pod died first).</summary>
    private sealed class Ledger
    {
        private readonly Lock _gate = new();
        private readonly List<string> _acknowledged = [];
        private readonly List<string> _inFlight = [];

        public int AcknowledgedCount { get { lock (_gate) return _acknowledged.Count; } }
        public IReadOnlyList<string> Acknowledged { get { lock (_gate) return [.. _acknowledged]; } }
        public IReadOnlyList<string> InFlight { get { lock (_gate) return [.. _inFlight]; } }

        public void Written(IEnumerable<string> messages) { lock (_gate) _inFlight.AddRange(messages); }

        public void Confirmed(IReadOnlyCollection<string> messages)
        {
            lock (_gate)
            {
                foreach (var m in messages) _inFlight.Remove(m);
                _acknowledged.AddRange(messages);
            }
        }
    }

    /// <summary>
    /// The senders, each sending one-shot weak notifies through the product's path (<see cref="PodClient.NotifyAsync"/>: a
    /// replies-only connection, the notify written at once, then its <c>notify_queued</c>, which the Pod sends only after
    /// the entry is fsync'd; concurrent notifies share an fsync), from <paramref name="next"/> up to
    /// <paramref name="perSender"/>. A returned call is an acknowledgement; a sender whose Pod dies stops, and its
    /// unanswered notify stays "in flight".
    /// </summary>
    private static Task SendAllAsync(string socket, int[] next, int perSender, Ledger ledger, Action afterAck) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            while (next[sender] < perSender)
            {
                var message = Message(sender, next[sender]);
                ledger.Written([message]);
                next[sender]++;
                try
                {
                    await PodClient.NotifyAsync(socket, new NotifyMethod(message, AutoRun: false));
                }
                catch (PodClientException) { return; } // the Pod died before confirming: the notify stays in flight
                ledger.Confirmed([message]);
                afterAck();
            }
        })));

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
