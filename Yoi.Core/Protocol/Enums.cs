using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<PodStatus>))]
public enum PodStatus
{
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("paused")] Paused,
}

[JsonConverter(typeof(JsonStringEnumConverter<TurnResult>))]
public enum TurnResult
{
    [JsonStringEnumMemberName("finished")] Finished,
    [JsonStringEnumMemberName("paused")] Paused,
}

[JsonConverter(typeof(JsonStringEnumConverter<RunResult>))]
public enum RunResult
{
    [JsonStringEnumMemberName("finished")] Finished,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("limit_reached")] LimitReached,
    [JsonStringEnumMemberName("rolled_back")] RolledBack,
}

[JsonConverter(typeof(JsonStringEnumConverter<InvokeKind>))]
public enum InvokeKind
{
    [JsonStringEnumMemberName("user_send")] UserSend,
    [JsonStringEnumMemberName("notify")] Notify,
    [JsonStringEnumMemberName("pod_event")] PodEvent,
    [JsonStringEnumMemberName("system_reminder")] SystemReminder,
    [JsonStringEnumMemberName("wakeup")] Wakeup,
}

[JsonConverter(typeof(JsonStringEnumConverter<ErrorCode>))]
public enum ErrorCode
{
    [JsonStringEnumMemberName("already_running")] AlreadyRunning,
    [JsonStringEnumMemberName("not_running")] NotRunning,
    [JsonStringEnumMemberName("not_paused")] NotPaused,
    [JsonStringEnumMemberName("provider_error")] ProviderError,
    [JsonStringEnumMemberName("tool_error")] ToolError,
    [JsonStringEnumMemberName("invalid_request")] InvalidRequest,
    [JsonStringEnumMemberName("internal")] Internal,
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertLevel>))]
public enum AlertLevel
{
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("error")] Error,
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertSource>))]
public enum AlertSource
{
    [JsonStringEnumMemberName("pod")] Pod,
    [JsonStringEnumMemberName("worker")] Worker,
    [JsonStringEnumMemberName("compactor")] Compactor,
    [JsonStringEnumMemberName("agents_md")] AgentsMd,
}

[JsonConverter(typeof(JsonStringEnumConverter<ScopePermission>))]
public enum ScopePermission
{
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("write")] Write,
}
