using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>One queued, not yet drained notification: a free-text notify or an agent-visible PodEvent.</summary>
public sealed record PendingNotification(string Id, string? Message, PodEvent? Event)
{
    public string Kind => Event is null ? "notification" : "pod_event";

    /// <summary>The short text (the message, or the rendered event).</summary>
    public string Text => Message ?? Event?.Render() ?? "";

    public SystemItem ToItem() => Event is null
        ? new NotificationItem(Message ?? "", NotifyWrapper.Wrap(Message ?? ""))
        : new PodEventItem(Event, NotifyWrapper.Wrap(Event.Render()));

    public NotifyQueuedEntry ToEntry(string ts) => new(Id, Kind, Message, Event) { Ts = ts };

    public static PendingNotification FromEntry(NotifyQueuedEntry entry) => new(entry.Id, entry.Event is null ? entry.Message ?? "" : null, entry.Event);
}

/// <summary>What a drain hands to the turn: the items in FIFO order and the ids dropped past the cap since the last drain.</summary>
public sealed record DrainedNotifications(IReadOnlyList<PendingNotification> Items, IReadOnlyList<string> DroppedIds)
{
    public bool IsEmpty => Items.Count == 0 && DroppedIds.Count == 0;

    /// <summary>The <c>system_item</c> entries that record this drain; each names the queued ids it consumed.</summary>
    public IReadOnlyList<SystemItemEntry> ToEntries(string ts)
    {
        var entries = new List<SystemItemEntry>();
        if (DroppedIds.Count > 0)
        {
            var text = $"{DroppedIds.Count} older notification{(DroppedIds.Count == 1 ? " was" : "s were")} dropped because more than {NotifyQueue.Capacity} were queued";
            entries.Add(new SystemItemEntry(new NotificationOverflowItem(DroppedIds.Count, NotifyWrapper.Wrap(text)), DroppedIds) { Ts = ts });
        }
        entries.AddRange(Items.Select(i => new SystemItemEntry(i.ToItem(), [i.Id]) { Ts = ts }));
        return entries;
    }
}

/// <summary>
/// The durable notification queue's in-memory side. Durability comes from the session log: the controller commits a
/// <c>notify_queued</c> entry before <see cref="Add"/>, and every drain commits <c>system_item</c> entries naming the
/// consumed ids, so <see cref="Rebuild"/> recovers exactly the undrained ones. Past <see cref="Capacity"/> the oldest
/// is dropped and counted; the next drain records a <c>notification_overflow</c> item (never silent).
/// </summary>
public sealed class NotifyQueue
{
    public const int Capacity = 1024;

    private readonly LinkedList<PendingNotification> _items = new();
    private readonly List<string> _dropped = [];

    public int Count => _items.Count;

    public IReadOnlyList<PendingNotification> Items => [.. _items];

    public void Add(PendingNotification item)
    {
        _items.AddLast(item);
        while (_items.Count > Capacity)
        {
            _dropped.Add(_items.First!.Value.Id);
            _items.RemoveFirst();
        }
    }

    /// <summary>What <see cref="Drain"/> would hand out, without removing it (recorded first, then drained).</summary>
    public DrainedNotifications Peek() => new([.. _items], [.. _dropped]);

    public DrainedNotifications Drain()
    {
        var drained = Peek();
        _items.Clear();
        _dropped.Clear();
        return drained;
    }

    /// <summary>Queued ids minus the ids consumed by <c>system_item</c> entries, in queue order.</summary>
    public static NotifyQueue Rebuild(IEnumerable<LogEntry> entries)
    {
        var queued = new List<NotifyQueuedEntry>();
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry is NotifyQueuedEntry q) queued.Add(q);
            else if (entry is SystemItemEntry { NotifyIds: { } ids }) consumed.UnionWith(ids);
        }
        var queue = new NotifyQueue();
        foreach (var q in queued.Where(q => !consumed.Contains(q.Id))) queue.Add(PendingNotification.FromEntry(q));
        return queue;
    }
}
