using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yoi.Tests.Support;

/// <summary>One scripted model reply: text, or one tool call (its input as JSON).</summary>
public sealed record ModelReply(string? Text = null, string? ToolName = null, JsonObject? ToolInput = null)
{
    public static ModelReply Say(string text) => new(Text: text);
    public static ModelReply Tool(string name, JsonObject input) => new(ToolName: name, ToolInput: input);
}

/// <summary>
/// The one allowed test double: a stand-in for the Anthropic Messages API (the external model service behind the
/// real Claude Code CLI), on 127.0.0.1. <c>POST /v1/messages</c> answers the next scripted <see cref="ModelReply"/>
/// as SSE (message_start, content_block_*, message_delta, message_stop) or as one JSON message when the request does
/// not stream; every request body is recorded for the test to inspect. Anything else is 404.
/// </summary>
public sealed class AnthropicStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<ModelReply> _script = new();
    private readonly List<JsonObject> _requests = [];
    private readonly Task _serving;
    private int _messageCount;

    public AnthropicStandIn()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every <c>/v1/messages</c> request body so far, oldest first.</summary>
    public IReadOnlyList<JsonObject> Requests { get { lock (_requests) return [.. _requests]; } }

    public void Script(params ModelReply[] replies)
    {
        lock (_script) foreach (var reply in replies) _script.Enqueue(reply);
    }

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
        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath != "/v1/messages")
        {
            response.StatusCode = context.Request.Url?.AbsolutePath.EndsWith("/count_tokens", StringComparison.Ordinal) == true ? 200 : 404;
            await WriteAsync(response, "application/json", response.StatusCode == 200 ? """{"input_tokens":1}""" : """{"type":"error","error":{"type":"not_found_error","message":"not here"}}""");
            return;
        }
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (_requests) _requests.Add(request);
        ModelReply reply;
        lock (_script) reply = _script.Count > 0 ? _script.Dequeue() : ModelReply.Say("(the stand-in has no scripted reply left)");
        var id = $"msg_{Interlocked.Increment(ref _messageCount):D4}";
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
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        async Task Send(string name, JsonObject data)
        {
            data["type"] = name;
            await output.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: {data.ToJsonString()}\n\n"));
            await output.FlushAsync();
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

    internal static async Task WriteAsync(HttpListenerResponse response, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    internal static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
    }
}
