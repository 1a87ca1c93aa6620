using Yoi.Core.Protocol;
using Yoi.Core.Runtime;

namespace Yoi.Tests.Core.Runtime;

public class NotifyQueueTests
{
    private static NotifyQueuedEntry Queued(string id) => new(id, "notification", "m" + id) { Ts = "t" };

    [Test]
    public void Rebuild_keeps_queued_ids_not_consumed_by_system_items_in_order()
    {
        var entries = new LogEntry[]
        {
            Queued("1"), Queued("2"),
            new SystemItemEntry(new NotificationItem("m1", "b"), ["1"]) { Ts = "t" },
            Queued("3"),
        };
        var queue = NotifyQueue.Rebuild(entries);
        Assert.That(queue.Items.Select(i => i.Id), Is.EqualTo(new[] { "2", "3" }));
    }

    [Test]
    public void Past_the_cap_the_oldest_is_dropped_and_the_drain_records_an_overflow_item_naming_them()
    {
        var queue = new NotifyQueue();
        for (var i = 0; i < NotifyQueue.Capacity + 3; i++) queue.Add(new PendingNotification($"n{i}", $"msg{i}", null));
        Assert.That(queue.Count, Is.EqualTo(NotifyQueue.Capacity));
        var drained = queue.Drain();
        Assert.That(drained.Items[0].Id, Is.EqualTo("n3"));
        var entries = drained.ToEntries("t");
        var overflow = (NotificationOverflowItem)entries[0].Item;
        Assert.That(overflow.Dropped, Is.EqualTo(3));
        Assert.That(entries[0].NotifyIds, Is.EqualTo(new[] { "n0", "n1", "n2" }));
        Assert.That(entries, Has.Count.EqualTo(NotifyQueue.Capacity + 1));
        Assert.That(queue.Count, Is.Zero);
        Assert.That(NotifyQueue.Rebuild(Enumerable.Range(0, NotifyQueue.Capacity + 3)
            .Select(i => (LogEntry)Queued($"n{i}")).Concat(entries)).Count, Is.Zero, "dropped ids count as consumed on restore");
    }

    [Test]
    public void Pod_event_items_wrap_the_rendered_event()
    {
        var item = new PendingNotification("1", null, new ErroredPodEvent("kid", "boom")).ToItem();
        Assert.That(item.Body, Does.StartWith("[Notification]\npod `kid` errored: boom\n\n"));
    }
}
