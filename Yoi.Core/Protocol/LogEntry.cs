using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>
/// One session-log line (and one element of <c>snapshot.entries</c>), tagged by <c>kind</c>.
/// <c>ts</c> is ISO-8601 UTC with milliseconds. A kind this reader does not know is kept as <see cref="UnknownEntry"/>.
/// </summary>
[JsonConverter(typeof(LogEntryConverter))]
public abstract record LogEntry
{
    public required string Ts { get; init; }
}

public sealed record SegmentStartEntry(string SessionId, string SegmentId, string PodName) : LogEntry;

public sealed record InvokeEntry(InvokeKind Trigger) : LogEntry;

public sealed record UserInputEntry(IReadOnlyList<Segment> Segments) : LogEntry;

public sealed record AssistantItemEntry(string Text) : LogEntry;

/// <summary>A committed system item; <c>notify_ids</c> (ours) names the queued notifications it consumed.</summary>
public sealed record SystemItemEntry(SystemItem Item, IReadOnlyList<string>? NotifyIds = null) : LogEntry;

public sealed record TurnEndEntry(int TurnCount) : LogEntry;

public sealed record RunCompletedEntry(bool Interrupted, RunResult Result) : LogEntry;

public sealed record RunErroredEntry(bool Interrupted, string Message) : LogEntry;

/// <summary>(ours) A notification accepted into the durable queue: <c>kind</c> is "notification" or "pod_event".</summary>
public sealed record NotifyQueuedEntry(string Id, string NotifyKind, string? Message = null, PodEvent? Event = null) : LogEntry;

/// <summary>(ours) What the agent did, parsed from its structured output: a tool call, a tool result, the final result.</summary>
public sealed record AgentItemEntry(AgentItem Item) : LogEntry;

/// <summary>An entry of a kind this reader does not know (a newer writer): kept opaque and written back unchanged.</summary>
public sealed record UnknownEntry(string EntryKind, JsonElement Raw) : LogEntry;

public sealed class LogEntryConverter : KindTaggedConverter<LogEntry>
{
    private static readonly (string, Type)[] Table =
    [
        ("segment_start", typeof(SegmentStartEntry)),
        ("invoke", typeof(InvokeEntry)),
        ("user_input", typeof(UserInputEntry)),
        ("assistant_item", typeof(AssistantItemEntry)),
        ("system_item", typeof(SystemItemEntry)),
        ("agent_item", typeof(AgentItemEntry)),
        ("turn_end", typeof(TurnEndEntry)),
        ("run_completed", typeof(RunCompletedEntry)),
        ("run_errored", typeof(RunErroredEntry)),
        ("notify_queued", typeof(NotifyQueuedEntry)),
    ];

    protected override IReadOnlyList<(string Kind, Type Type)> Kinds => Table;

    protected override LogEntry Opaque(string kind, JsonElement raw) => new UnknownEntry(kind, raw)
    {
        Ts = raw.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.String ? ts.GetString()! : "",
    };

    protected override JsonElement? RawOf(LogEntry value) => value is UnknownEntry u ? u.Raw : null;
}
