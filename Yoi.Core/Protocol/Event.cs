using System.Text.Json;

namespace Yoi.Core.Protocol;

/// <summary>
/// A Pod → client message: <c>{"event": name, "data"?: {...}, "reply_to"?: string}</c>.
/// <see cref="ReplyTo"/> (ours) is set on replies caused by a method that carried an <c>id</c>.
/// </summary>
public abstract record Event
{
    public abstract string Name { get; }
    public string? ReplyTo { get; init; }
}

public sealed record UserMessageEvent(IReadOnlyList<Segment> Segments) : Event
{
    public override string Name => "user_message";
    public bool Equals(UserMessageEvent? other) => other is not null && ReplyTo == other.ReplyTo && Segments.SequenceEqual(other.Segments);
    public override int GetHashCode() => Segments.Count;
}

public sealed record SystemItemEvent(SystemItem Item) : Event
{
    public override string Name => "system_item";
}

/// <summary>(ours) A committed agent item (tool call, tool result, final result, note), broadcast live like <c>system_item</c>.</summary>
public sealed record AgentItemEvent(AgentItem Item) : Event
{
    public override string Name => "agent_item";
}

public sealed record InvokeStartEvent(InvokeKind Kind) : Event
{
    public override string Name => "invoke_start";
}

public sealed record TurnStartEvent(int Turn) : Event
{
    public override string Name => "turn_start";
}

public sealed record TurnEndEvent(int Turn, TurnResult Result) : Event
{
    public override string Name => "turn_end";
}

public sealed record TextDeltaEvent(string Text) : Event
{
    public override string Name => "text_delta";
}

public sealed record TextDoneEvent(string Text) : Event
{
    public override string Name => "text_done";
}

public sealed record RunEndEvent(RunResult Result) : Event
{
    public override string Name => "run_end";
}

public sealed record ErrorEvent(ErrorCode Code, string Message) : Event
{
    public override string Name => "error";
}

/// <summary>Sent exactly once per connection, after buffered alerts. <c>pending_notifications</c> is ours.</summary>
public sealed record SnapshotEvent(IReadOnlyList<LogEntry> Entries, Greeting Greeting, PodStatus Status = PodStatus.Idle, int PendingNotifications = 0) : Event
{
    public override string Name => "snapshot";
}

/// <summary>Broadcast on every controller status change. <c>pending_notifications</c> is ours.</summary>
public sealed record StatusEvent(PodStatus Status, int PendingNotifications = 0) : Event
{
    public override string Name => "status";
}

/// <summary>Reply to <c>list_pods</c>; the payload is opaque to the protocol (its shape belongs to discovery).</summary>
public sealed record PodsListedEvent(JsonElement Pods) : Event
{
    public override string Name => "pods_listed";
}

/// <summary>
/// (ours) Reply to a <c>notify</c> that carried an <c>id</c>: its <c>notify_queued</c> entry is on disk (fsync'd) and it is
/// queued; <c>pending_notifications</c> counts it. A notify without an id gets no reply (as in the original).
/// </summary>
public sealed record NotifyQueuedEvent(int PendingNotifications) : Event
{
    public override string Name => "notify_queued";
}

public sealed record PodRestoredEvent(JsonElement Result) : Event
{
    public override string Name => "pod_restored";
}

public sealed record PeerRegisteredEvent(JsonElement Result) : Event
{
    public override string Name => "peer_registered";
}

public sealed record AlertEvent(Alert Alert) : Event
{
    public override string Name => "alert";
}

public sealed record ShutdownEvent : Event
{
    public override string Name => "shutdown";
}

/// <summary>An event this client does not know (a newer Pod); kept so readers tolerate it.</summary>
public sealed record UnknownEvent(string EventName, JsonElement? Data) : Event
{
    public override string Name => EventName;
}
