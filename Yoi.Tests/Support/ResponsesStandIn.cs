using System.Net;
using System.Text.Json.Nodes;

namespace Yoi.Tests.Support;

/// <summary>
/// The stand-in for the OpenAI Responses API behind the real Codex CLI (<see cref="ModelStandIn"/>): <c>POST /v1/responses</c>
/// answers the next scripted <see cref="ModelReply"/> as SSE (response.created, output_item.added/done,
/// output_text.delta, response.completed); a tool reply is one function call.
/// </summary>
public sealed class ResponsesStandIn : ModelStandIn
{
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>The request's input items as one JSON text (history included).</summary>
    public static string InputText(JsonObject request) => request["input"]?.ToJsonString() ?? "";

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath != "/v1/responses")
        {
            response.StatusCode = context.Request.HttpMethod == "GET" ? 200 : 404;
            await WriteAsync(response, "application/json", """{"object":"list","data":[],"models":[]}""");
            return;
        }
        var (_, reply, n) = await TakeRequestAsync(context.Request);
        var responseId = $"resp_{n:D4}";
        var itemId = $"item_{n:D4}";
        JsonObject done = reply.ToolName is { } tool
            ? new JsonObject
            {
                ["id"] = itemId, ["type"] = "function_call", ["status"] = "completed", ["call_id"] = $"call_{n:D4}", ["name"] = tool,
                ["arguments"] = reply.ToolInput!.ToJsonString(),
            }
            : new JsonObject
            {
                ["id"] = itemId, ["type"] = "message", ["role"] = "assistant", ["status"] = "completed",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = reply.Text, ["annotations"] = new JsonArray() }),
            };
        var sendEvent = StartEvents(response);
        Task Send(JsonObject data) => sendEvent(data["type"]!.GetValue<string>(), data);
        await Send(new JsonObject { ["type"] = "response.created", ["response"] = new JsonObject { ["id"] = responseId, ["object"] = "response", ["status"] = "in_progress", ["output"] = new JsonArray() } });
        var added = done.DeepClone().AsObject();
        added["status"] = "in_progress";
        if (reply.ToolName is null) added["content"] = new JsonArray();
        else added["arguments"] = "";
        await Send(new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = added });
        if (reply.ToolName is null)
        {
            await Send(new JsonObject
            {
                ["type"] = "response.output_text.delta", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = reply.Text,
            });
        }
        await Send(new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = done.DeepClone() });
        await Send(new JsonObject
        {
            ["type"] = "response.completed",
            ["response"] = new JsonObject
            {
                ["id"] = responseId, ["object"] = "response", ["status"] = "completed", ["output"] = new JsonArray(done.DeepClone()),
                ["usage"] = new JsonObject
                {
                    ["input_tokens"] = 10, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 }, ["output_tokens"] = 5,
                    ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 15,
                },
            },
        });
        response.Close();
    }

}
