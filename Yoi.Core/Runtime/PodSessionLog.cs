using System.Globalization;
using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;

namespace Yoi.Core.Runtime;

/// <summary>One session-log entry as a single readable line (<c>yoi pod log</c>).</summary>
public sealed record SessionLogLine(string Ts, string Kind, string Text);

/// <summary>A Pod's current session log (the segment named by <c>metadata.active</c>), read-only.</summary>
public sealed record PodSessionLog(string PodName, string LogPath, IReadOnlyList<LogEntry> Entries, string? Damage)
{
    /// <summary>Reads the log of <paramref name="podName"/>; missing or corrupt metadata and a missing log are clear errors.</summary>
    public static PodSessionLog Read(PodMetadataStore store, string podName)
    {
        var read = store.Read(podName);
        switch (read.State)
        {
            case MetadataState.Missing:
                throw new PodClientException($"pod `{podName}` does not exist; list Pods with `yoi pod list`");
            case MetadataState.Corrupt:
                throw new PodClientException($"pod `{podName}` has corrupt metadata ({read.Error}); run `yoi doctor` to inspect it");
        }
        var active = read.Metadata!.Active;
        if (active?.SegmentId is null)
            throw new PodClientException($"pod `{podName}` has no session log yet; start it with `yoi pod restore {podName}`");
        var path = store.Paths.SessionLogPath(active.SessionId, active.SegmentId);
        if (!File.Exists(path))
            throw new PodClientException($"session log of pod `{podName}` is missing: {path}");
        var log = SessionLog.Read(path);
        return new PodSessionLog(podName, path, log.Entries, log.Damage);
    }

    /// <summary>Every entry as one line; multi-line text is joined with " ⏎ " so one entry stays one line.</summary>
    public IEnumerable<SessionLogLine> Lines() => Entries.Select(Describe);

    public static SessionLogLine Describe(LogEntry entry) => entry switch
    {
        SegmentStartEntry s => new(entry.Ts, "segment_start", $"session {s.SessionId} segment {s.SegmentId}"),
        InvokeEntry i => new(entry.Ts, "invoke", Wire(JsonSerializer.Serialize(i.Trigger, ProtocolJson.Context.InvokeKind))),
        UserInputEntry u => new(entry.Ts, "user", OneLine(Segment.Flatten(u.Segments))),
        AssistantItemEntry a => new(entry.Ts, "assistant", OneLine(a.Text)),
        SystemItemEntry { Item: NotificationItem n } => new(entry.Ts, "notification", OneLine(n.Message)),
        SystemItemEntry { Item: PodEventItem p } => new(entry.Ts, "pod_event", OneLine(p.Body)),
        SystemItemEntry { Item: NotificationOverflowItem o } => new(entry.Ts, "notification_overflow",
            string.Create(CultureInfo.InvariantCulture, $"{o.Dropped} dropped")),
        SystemItemEntry { Item: UnknownSystemItem u } => new(entry.Ts, "system_item", OneLine(KindTaggedConverter<SystemItem>.Describe(u.ItemKind, u.Raw))),
        SystemItemEntry s => new(entry.Ts, "system_item", OneLine(s.Item.Body)),
        AgentItemEntry { Item: ToolUseItem } a => new(entry.Ts, "tool_use", OneLine(a.Item.Describe())),
        AgentItemEntry { Item: ToolResultItem } a => new(entry.Ts, "tool_result", OneLine(a.Item.Describe())),
        AgentItemEntry { Item: AgentResultItem } a => new(entry.Ts, "result", OneLine(a.Item.Describe())),
        AgentItemEntry a => new(entry.Ts, "agent_item", OneLine(a.Item.Describe())),
        UnknownEntry u => new(entry.Ts, u.EntryKind.Length == 0 ? "unknown" : u.EntryKind, OneLine(KindTaggedConverter<LogEntry>.Describe(u.EntryKind, u.Raw))),
        TurnEndEntry t => new(entry.Ts, "turn_end", string.Create(CultureInfo.InvariantCulture, $"turn {t.TurnCount}")),
        RunCompletedEntry r => new(entry.Ts, "run_completed", Wire(JsonSerializer.Serialize(r.Result, ProtocolJson.Context.RunResult)) + (r.Interrupted ? " (interrupted)" : "")),
        RunErroredEntry r => new(entry.Ts, "run_errored", OneLine(r.Message)),
        NotifyQueuedEntry q => new(entry.Ts, "notify_queued", q.Message is { } m ? OneLine(m) : q.Event?.GetType().Name ?? q.NotifyKind),
        _ => new(entry.Ts, entry.GetType().Name, ""),
    };

    private static string Wire(string json) => json.Trim('"');

    private static string OneLine(string text) => string.Join(" ⏎ ", text.ReplaceLineEndings("\n").Split('\n'));
}
