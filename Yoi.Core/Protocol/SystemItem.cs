using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>A committed injected system item, tagged by <c>kind</c>. <c>body</c> is the exact text given to the agent.</summary>
[JsonConverter(typeof(SystemItemConverter))]
public abstract record SystemItem
{
    public abstract string Body { get; init; }
}

public sealed record NotificationItem(string Message, string Body) : SystemItem;

public sealed record PodEventItem(PodEvent Event, string Body) : SystemItem;

/// <summary>(ours) Records how many queued notifications were dropped past the queue cap.</summary>
public sealed record NotificationOverflowItem(int Dropped, string Body) : SystemItem;

/// <summary>A system item of a kind this reader does not know: kept opaque; <c>body</c> is read when the writer gave one.</summary>
public sealed record UnknownSystemItem(string ItemKind, JsonElement Raw, string Body) : SystemItem;

public sealed class SystemItemConverter : KindTaggedConverter<SystemItem>
{
    private static readonly (string, Type)[] Table =
    [
        ("notification", typeof(NotificationItem)),
        ("pod_event", typeof(PodEventItem)),
        ("notification_overflow", typeof(NotificationOverflowItem)),
    ];

    protected override IReadOnlyList<(string Kind, Type Type)> Kinds => Table;

    protected override SystemItem Opaque(string kind, JsonElement raw) =>
        new UnknownSystemItem(kind, raw, raw.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "");

    protected override JsonElement? RawOf(SystemItem value) => value is UnknownSystemItem u ? u.Raw : null;
}

/// <summary>The notification wrapper text (docs/original-core.md §2.7).</summary>
public static class NotifyWrapper
{
    public static string Wrap(string message) =>
        $"[Notification]\n{message}\n\nThis is a notification, not a blocking request. If you are in the middle of a task, continue your current work and address this at a natural stopping point.";
}
