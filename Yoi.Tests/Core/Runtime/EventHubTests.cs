using Yoi.Core.Protocol;
using Yoi.Core.Runtime;

namespace Yoi.Tests.Core.Runtime;

public class EventHubTests
{
    private sealed class BoundedSink(int capacity) : IEventSink
    {
        public List<Event> Events { get; } = [];
        public string? DroppedFor { get; private set; }

        public bool TryEnqueue(Event e)
        {
            if (Events.Count >= capacity) return false;
            Events.Add(e);
            return true;
        }

        public void Drop(string reason) => DroppedFor = reason;
    }

    private static EventHub Hub() => new(new Greeting("p", "/", "echo", "echo", "", []), [new SegmentStartEntry("s", "g", "p") { Ts = "t" }]);

    private static Alert Alert(int i) => new(AlertLevel.Warn, AlertSource.Pod, $"msg-{i}", i);

    [Test]
    public void The_prelude_is_buffered_alerts_then_one_snapshot_with_status_and_pending_count()
    {
        var hub = Hub();
        hub.Alert(Alert(1));
        hub.SetStatus(PodStatus.Paused, 3);
        var prelude = hub.Subscribe(new BoundedSink(10));
        Assert.That(prelude[0], Is.EqualTo(new AlertEvent(Alert(1))));
        var snapshot = (SnapshotEvent)prelude[1];
        Assert.That((snapshot.Status, snapshot.PendingNotifications, snapshot.Entries.Count), Is.EqualTo((PodStatus.Paused, 3, 1)));
    }

    [Test]
    public void Alerts_past_512_evict_the_oldest()
    {
        var hub = Hub();
        for (var i = 0; i < 562; i++) hub.Alert(Alert(i));
        Assert.That(hub.BufferedAlerts, Has.Count.EqualTo(EventHub.AlertCapacity));
        Assert.That(hub.BufferedAlerts[0].Message, Is.EqualTo("msg-50"));
    }

    [Test]
    public void Committed_entries_go_to_the_snapshot_or_live_never_both()
    {
        var hub = Hub();
        hub.Commit(new UserInputEntry([new TextSegment("before")]) { Ts = "t" });
        var sink = new BoundedSink(10);
        var snapshot = (SnapshotEvent)hub.Subscribe(sink)[^1];
        hub.Commit(new UserInputEntry([new TextSegment("after")]) { Ts = "t" });
        hub.Commit(new TurnEndEntry(1) { Ts = "t" });
        Assert.That(snapshot.Entries.OfType<UserInputEntry>().Single().Segments, Is.EqualTo(new[] { new TextSegment("before") }));
        Assert.That(sink.Events, Is.EqualTo(new Event[] { new UserMessageEvent([new TextSegment("after")]) }), "turn_end has no live event");
    }

    [Test]
    public void A_sink_that_refuses_events_is_dropped_and_others_keep_receiving()
    {
        var hub = Hub();
        var slow = new BoundedSink(2);
        var fast = new BoundedSink(100);
        hub.Subscribe(slow);
        hub.Subscribe(fast);
        for (var i = 0; i < 5; i++) hub.Broadcast(new TextDeltaEvent($"{i}"));
        Assert.That(slow.DroppedFor, Does.Contain("reads neither events nor replies"));
        Assert.That(hub.SubscriberCount, Is.EqualTo(1));
        Assert.That(fast.Events, Has.Count.EqualTo(5));
    }
}
