using System.Net;
using System.Text.Json.Nodes;

namespace Yoi.Tests.Support;

/// <summary>
/// The stand-in for the Anthropic Messages API behind the real Claude Code CLI (<see cref="ModelStandIn"/>):
/// <c>POST /v1/messages</c> answers the next scripted <see cref="ModelReply"/> as SSE (message_start,
/// content_block_*, message_delta, message_stop) or as one JSON message when the request does not stream; anything
/// else is 404 (count_tokens answers 1).
/// </summary>
public sealed class AnthropicStandIn : ModelStandIn
{
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The request's messages as one JSON text (what the agent sent the model, history included).</summary>
    public static string MessagesText(JsonObject request) => request["messages"]?.ToJsonString() ?? "";

    /// <summary>The text the user said in the last user message (its text blocks, system reminders excluded).</summary>
    public static string LastUserText(JsonObject request)
    {
        var messages = request["messages"]!.AsArray();
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i]!["role"]!.GetValue<string>() != "user") continue;
            var content = messages[i]!["content"]!;
            var texts = content is JsonValue v ? [v.GetValue<string>()]
                : content.AsArray().Where(b => b!["type"]?.GetValue<string>() == "text").Select(b => b!["text"]!.GetValue<string>()).ToList();
            var said = texts.Where(t => !t.StartsWith("<system-reminder>", StringComparison.Ordinal)).ToList();
            if (said.Count > 0) return string.Join("\n", said);
        }
        return "";
    }

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath != "/v1/messages")
        {
            response.StatusCode = context.Request.Url?.AbsolutePath.EndsWith("/count_tokens", StringComparison.Ordinal) == true ? 200 : 404;
            await WriteAsync(response, "application/json", response.StatusCode == 200 ? """{"input_tokens":1}""" : """{"type":"error","error":{"type":"not_found_error","message":"not here"}}""");
            return;
        }
        var (request, reply, number) = await TakeRequestAsync(context.Request);
        var id = $"msg_{number:D4}";
        var model = request["model"]?.GetValue<string>() ?? "stand-in";
        JsonObject block = reply.ToolName is { } tool
            ? new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_{id}", ["name"] = tool, ["input"] = reply.ToolInput!.DeepClone() }
            : new JsonObject { ["type"] = "text", ["text"] = reply.Text };
        var stop = reply.ToolName is null ? "end_turn" : "tool_use";
        if (request["stream"]?.GetValue<bool>() != true)
        {
            await WriteAsync(response, "application/json", new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(block),
                ["stop_reason"] = stop, ["usage"] = new JsonObject { ["input_tokens"] = 12, ["output_tokens"] = 5 },
            }.ToJsonString());
            return;
        }
        var sendEvent = StartEvents(response);
        Task Send(string name, JsonObject data)
        {
            data["type"] = name;
            return sendEvent(name, data);
        }
        await Send("message_start", new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
                ["stop_reason"] = null, ["stop_sequence"] = null, ["usage"] = new JsonObject { ["input_tokens"] = 12, ["output_tokens"] = 1 },
            },
        });
        var start = reply.ToolName is { } name
            ? new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_{id}", ["name"] = name, ["input"] = new JsonObject() }
            : new JsonObject { ["type"] = "text", ["text"] = "" };
        await Send("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = start });
        if (reply.ToolName is null)
        {
            // Two deltas, so the CLI streams the reply in pieces as a real model does.
            var text = reply.Text ?? "";
            var half = text.Length / 2;
            foreach (var part in new[] { text[..half], text[half..] })
                await Send("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = part } });
        }
        else
        {
            await Send("content_block_delta", new JsonObject
            {
                ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = reply.ToolInput!.ToJsonString() },
            });
        }
        await Send("content_block_stop", new JsonObject { ["index"] = 0 });
        await Send("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = null }, ["usage"] = new JsonObject { ["output_tokens"] = 5 },
        });
        await Send("message_stop", new JsonObject());
        response.Close();
    }

}
