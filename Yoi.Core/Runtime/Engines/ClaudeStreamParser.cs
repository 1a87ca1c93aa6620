using System.Text.Json;
using Yoi.Core.Protocol;
using static Yoi.Core.Runtime.Engines.AgentText;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// Claude Code's <c>--output-format stream-json</c> lines → the Pod's events: streamed text deltas (or the text blocks
/// of an assistant message that was not streamed), tool calls, tool results, the final result with usage and cost.
/// <c>system/init</c> names the conversation. Types yoi deliberately skips (status pings, the partial-message
/// bookkeeping) are listed; any other type becomes a bounded note. A line that is not JSON is plain text.
/// </summary>
public sealed class ClaudeStreamParser(IEngineSink sink) : JsonLinesParser(sink)
{
    private readonly HashSet<string> _streamedMessages = [];
    private string? _currentMessage;

    protected override void OnEvent(string type, JsonElement root, string line)
    {
        switch (type)
        {
            case "system":
                OnSystem(root);
                break;
            case "stream_event":
                OnStreamEvent(Get(root, "event"));
                break;
            case "assistant":
                OnAssistant(Get(root, "message"));
                break;
            case "user":
                OnUser(Get(root, "message"));
                break;
            case "result":
                OnResult(root);
                break;
            default:
                Note(type, line);
                break;
        }
    }

    private void OnSystem(JsonElement root)
    {
        var subtype = Str(root, "subtype") ?? "";
        switch (subtype)
        {
            case "init":
                AgentSessionId = Str(root, "session_id") ?? AgentSessionId;
                return;
            case "status":
                return;
            case "api_retry":
                Sink.Item(new AgentNoteItem("api_retry", OneLine(
                    $"attempt {Long(root, "attempt")} of {Long(root, "max_retries")}, next in {Long(root, "retry_delay_ms")} ms ({Str(root, "error") ?? "error"})")));
                return;
            default:
                Sink.Item(new AgentNoteItem("system/" + subtype, OneLine(root.GetRawText())));
                return;
        }
    }

    private void OnStreamEvent(JsonElement e)
    {
        switch (Str(e, "type"))
        {
            case "message_start":
                _currentMessage = Str(Get(e, "message"), "id");
                return;
            case "content_block_delta":
                var delta = Get(e, "delta");
                if (Str(delta, "type") == "text_delta" && Str(delta, "text") is { Length: > 0 } text)
                {
                    if (_currentMessage is { } id) _streamedMessages.Add(id);
                    Sink.TextDelta(text);
                }
                return;
        }
    }

    private void OnAssistant(JsonElement message)
    {
        var streamed = Str(message, "id") is { } id && _streamedMessages.Contains(id);
        var content = Get(message, "content");
        if (content.ValueKind != JsonValueKind.Array) return;
        foreach (var block in content.EnumerateArray())
        {
            switch (Str(block, "type"))
            {
                case "text":
                    if (!streamed && Str(block, "text") is { Length: > 0 } text) Sink.TextDelta(text);
                    break;
                case "tool_use":
                    Sink.Item(new ToolUseItem(Str(block, "id") ?? "", Str(block, "name") ?? "tool", ToolInput(Get(block, "input"))));
                    break;
                case "thinking" or "redacted_thinking":
                    break;
                case var other:
                    Sink.Item(new AgentNoteItem("assistant/" + other, OneLine(block.GetRawText())));
                    break;
            }
        }
    }

    private void OnUser(JsonElement message)
    {
        var content = Get(message, "content");
        if (content.ValueKind != JsonValueKind.Array) return;
        foreach (var block in content.EnumerateArray())
            if (Str(block, "type") == "tool_result")
                Sink.Item(new ToolResultItem(Str(block, "tool_use_id") ?? "", Bool(block, "is_error"), Content(Get(block, "content"))));
    }

    private void OnResult(JsonElement root)
    {
        var isError = Bool(root, "is_error") || (Str(root, "subtype") is { } subtype && subtype != "success");
        var usage = Get(root, "usage");
        var text = Str(root, "result") ?? string.Join(", ", Get(root, "errors") is { ValueKind: JsonValueKind.Array } errors
            ? errors.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : []);
        if (isError) ReportedError = Explain(text.Length > 0 ? text : Str(root, "subtype") ?? "the agent reported an error");
        Sink.Item(new AgentResultItem(isError, isError ? OneLine(text) : "", new AgentUsage(
            Long(usage, "input_tokens"), Long(usage, "output_tokens"), Double(root, "total_cost_usd"), Long(root, "duration_ms"),
            (int?)Long(root, "num_turns"))));
    }

    /// <summary>The agent's own message plus what the user can do about it.</summary>
    public static string Explain(string message)
    {
        var lower = message.ToLowerInvariant();
        if (lower.Contains("not logged in", StringComparison.Ordinal) || lower.Contains("401", StringComparison.Ordinal)
            || lower.Contains("api key", StringComparison.Ordinal) || lower.Contains("authentication", StringComparison.Ordinal))
            return $"{message} — not logged in or the API key was refused: set ANTHROPIC_API_KEY in the profile's `env` or run `claude` once to log in";
        if (lower.Contains("429", StringComparison.Ordinal) || lower.Contains("rate limit", StringComparison.Ordinal) || lower.Contains("overloaded", StringComparison.Ordinal))
            return $"{message} — rate limited or overloaded: wait a moment and send again";
        return message;
    }
}
