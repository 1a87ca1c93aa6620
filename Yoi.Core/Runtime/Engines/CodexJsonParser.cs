using System.Text.Json;
using Yoi.Core.Protocol;
using static Yoi.Core.Runtime.Engines.AgentText;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// Codex <c>exec --json</c> lines → the Pod's events: <c>thread.started</c> names the conversation; finished agent
/// messages are text; command runs, file changes and tool calls are tool calls with their results;
/// <c>turn.completed</c> is the final result with usage; <c>turn.failed</c> and <c>error</c> are the turn's error.
/// Other types become bounded notes; a line that is not JSON is plain text.
/// </summary>
public sealed class CodexJsonParser(IEngineSink sink) : JsonLinesParser(sink)
{
    protected override void OnEvent(string type, JsonElement root, string line)
    {
        switch (type)
        {
            case "thread.started":
                AgentSessionId = Str(root, "thread_id") ?? AgentSessionId;
                return;
            case "turn.started":
                return;
            case "item.started":
                OnItem(Get(root, "item"), started: true);
                return;
            case "item.updated":
                return;
            case "item.completed":
                OnItem(Get(root, "item"), started: false);
                return;
            case "turn.completed":
                var usage = Get(root, "usage");
                Sink.Item(new AgentResultItem(false, "", new AgentUsage(Long(usage, "input_tokens"), Long(usage, "output_tokens"))));
                return;
            case "turn.failed":
                ReportedError = Str(Get(root, "error"), "message") ?? "the turn failed";
                Sink.Item(new AgentResultItem(true, OneLine(ReportedError)));
                return;
            case "error":
                ReportedError = Str(root, "message") ?? "error";
                return;
            default:
                Note(type, line);
                return;
        }
    }

    private void OnItem(JsonElement item, bool started)
    {
        var id = Str(item, "id") ?? "";
        switch (Str(item, "type") ?? Str(item, "item_type"))
        {
            case "agent_message":
                if (!started && Str(item, "text") is { Length: > 0 } text) Sink.TextDelta(text + "\n");
                return;
            case "reasoning" or "todo_list":
                return;
            case "command_execution":
                if (started) Sink.Item(new ToolUseItem(id, "shell", OneLine(Str(item, "command"))));
                else Sink.Item(new ToolResultItem(id, Long(item, "exit_code") is { } code && code != 0 || Str(item, "status") == "failed",
                    OneLine(Str(item, "aggregated_output"))));
                return;
            case "file_change":
                if (started) return;
                var changes = Get(item, "changes");
                var paths = changes.ValueKind == JsonValueKind.Array
                    ? string.Join(", ", changes.EnumerateArray().Select(c => $"{Str(c, "kind")} {Str(c, "path")}")) : "";
                Sink.Item(new ToolUseItem(id, "edit", OneLine(paths)));
                Sink.Item(new ToolResultItem(id, Str(item, "status") == "failed", ""));
                return;
            case "mcp_tool_call" or "web_search":
                if (started) Sink.Item(new ToolUseItem(id, Str(item, "tool") ?? Str(item, "type")!, OneLine(Str(item, "query") ?? Get(item, "arguments").ToString())));
                else Sink.Item(new ToolResultItem(id, Str(item, "status") == "failed", ""));
                return;
            case "error":
                if (!started) Sink.Item(new AgentNoteItem("error", OneLine(Str(item, "message"))));
                return;
            case var other:
                if (!started) Sink.Item(new AgentNoteItem("item/" + (other ?? "?"), OneLine(item.GetRawText())));
                return;
        }
    }
}
