using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>The one source-generated JSON context for wire and session-log types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(Segment))]
[JsonSerializable(typeof(List<Segment>))]
[JsonSerializable(typeof(PodEvent))]
[JsonSerializable(typeof(SystemItem))]
[JsonSerializable(typeof(NotificationItem))]
[JsonSerializable(typeof(PodEventItem))]
[JsonSerializable(typeof(NotificationOverflowItem))]
[JsonSerializable(typeof(AgentItem))]
[JsonSerializable(typeof(ToolUseItem))]
[JsonSerializable(typeof(ToolResultItem))]
[JsonSerializable(typeof(AgentResultItem))]
[JsonSerializable(typeof(AgentNoteItem))]
[JsonSerializable(typeof(LogEntry))]
[JsonSerializable(typeof(SegmentStartEntry))]
[JsonSerializable(typeof(InvokeEntry))]
[JsonSerializable(typeof(UserInputEntry))]
[JsonSerializable(typeof(AssistantItemEntry))]
[JsonSerializable(typeof(SystemItemEntry))]
[JsonSerializable(typeof(AgentItemEntry))]
[JsonSerializable(typeof(TurnEndEntry))]
[JsonSerializable(typeof(RunCompletedEntry))]
[JsonSerializable(typeof(RunErroredEntry))]
[JsonSerializable(typeof(NotifyQueuedEntry))]
[JsonSerializable(typeof(List<LogEntry>))]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(ErrorCode))]
[JsonSerializable(typeof(PodStatus))]
[JsonSerializable(typeof(InvokeKind))]
[JsonSerializable(typeof(TurnResult))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

public static class ProtocolJson
{
    /// <summary>Non-ASCII text is written as UTF-8, not \u escapes (byte-compatible with the original).</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly ProtocolJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Encoder = Encoder,
    });

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = false };
}
