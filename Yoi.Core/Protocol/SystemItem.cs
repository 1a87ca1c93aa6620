using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>A committed injected system item, tagged by <c>kind</c>. <c>body</c> is the exact text given to the agent.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NotificationItem), "notification")]
[JsonDerivedType(typeof(PodEventItem), "pod_event")]
[JsonDerivedType(typeof(NotificationOverflowItem), "notification_overflow")]
public abstract record SystemItem
{
    public abstract string Body { get; init; }
}

public sealed record NotificationItem(string Message, string Body) : SystemItem;

public sealed record PodEventItem(PodEvent Event, string Body) : SystemItem;

/// <summary>(ours) Records how many queued notifications were dropped past the queue cap.</summary>
public sealed record NotificationOverflowItem(int Dropped, string Body) : SystemItem;

/// <summary>The notification wrapper text (reference §2.7).</summary>
public static class NotifyWrapper
{
    public static string Wrap(string message) =>
        $"[Notification]\n{message}\n\nThis is a notification, not a blocking request. If you are in the middle of a task, continue your current work and address this at a natural stopping point.";
}
