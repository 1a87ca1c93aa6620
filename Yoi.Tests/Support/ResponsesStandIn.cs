using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Yoi.Tests.Support;

/// <summary>
/// The test double for the OpenAI Responses API behind the real Codex CLI, on 127.0.0.1: <c>POST /v1/responses</c>
/// answers the next scripted <see cref="ModelReply"/> as SSE (response.created, output_item.added/done,
/// output_text.delta, response.completed); a tool reply is one function call. Request bodies are recorded.
/// </summary>
public sealed class ResponsesStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<ModelReply> _script = new();
    private readonly List<JsonObject> _requests = [];
    private readonly Task _serving;
    private int _count;

    public ResponsesStandIn()
    {
        Port = AnthropicStandIn.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    public IReadOnlyList<JsonObject> Requests { get { lock (_requests) return [.. _requests]; } }

    public void Script(params ModelReply[] replies)
    {
        lock (_script) foreach (var reply in replies) _script.Enqueue(reply);
    }

    /// <summary>The request's input items as one JSON text (history included).</summary>
    public static string InputText(JsonObject request) => request["input"]?.ToJsonString() ?? "";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { await AnswerAsync(context); }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException) { }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath != "/v1/responses")
        {
            response.StatusCode = context.Request.HttpMethod == "GET" ? 200 : 404;
            await AnthropicStandIn.WriteAsync(response, "application/json", """{"object":"list","data":[],"models":[]}""");
            return;
        }
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (_requests) _requests.Add(request);
        ModelReply reply;
        lock (_script) reply = _script.Count > 0 ? _script.Dequeue() : ModelReply.Say("(the stand-in has no scripted reply left)");
        var n = Interlocked.Increment(ref _count);
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
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        async Task Send(JsonObject data)
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes($"event: {data["type"]}\ndata: {data.ToJsonString()}\n\n"));
            await output.FlushAsync();
        }
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

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
    }
}
