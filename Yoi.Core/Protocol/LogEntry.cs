using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>
/// One session-log line (and one element of <c>snapshot.entries</c>), tagged by <c>kind</c>.
/// <c>ts</c> is ISO-8601 UTC with milliseconds.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SegmentStartEntry), "segment_start")]
[JsonDerivedType(typeof(InvokeEntry), "invoke")]
[JsonDerivedType(typeof(UserInputEntry), "user_input")]
[JsonDerivedType(typeof(AssistantItemEntry), "assistant_item")]
[JsonDerivedType(typeof(SystemItemEntry), "system_item")]
[JsonDerivedType(typeof(TurnEndEntry), "turn_end")]
[JsonDerivedType(typeof(RunCompletedEntry), "run_completed")]
[JsonDerivedType(typeof(RunErroredEntry), "run_errored")]
[JsonDerivedType(typeof(NotifyQueuedEntry), "notify_queued")]
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
