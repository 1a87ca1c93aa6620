using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Yoi.Tests.Support;

/// <summary>One scripted model reply: text, or one tool call (its input as JSON).</summary>
public sealed record ModelReply(string? Text = null, string? ToolName = null, JsonObject? ToolInput = null)
{
    public static ModelReply Say(string text) => new(Text: text);
    public static ModelReply Tool(string name, JsonObject input) => new(ToolName: name, ToolInput: input);
}

/// <summary>
/// What the two model-API stand-ins share (the one allowed test double: the external model service behind a real
/// agent CLI): an HTTP listener on a free 127.0.0.1 port, the script of <see cref="ModelReply"/>s answered in order,
/// the recorded request bodies, and the SSE and JSON writers. A subclass answers one request in its API's shape.
/// </summary>
public abstract class ModelStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<ModelReply> _script = new();
    private readonly List<JsonObject> _requests = [];
    private readonly Task _serving;
    private int _count;

    protected ModelStandIn()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Every answered model request body so far, oldest first.</summary>
    public IReadOnlyList<JsonObject> Requests { get { lock (_requests) return [.. _requests]; } }

    public void Script(params ModelReply[] replies)
    {
        lock (_script) foreach (var reply in replies) _script.Enqueue(reply);
    }

    /// <summary>Answers one HTTP request (a model request, or the API's other endpoints the CLI touches).</summary>
    protected abstract Task AnswerAsync(HttpListenerContext context);

    /// <summary>Reads and records a model request; returns it, the next scripted reply and its 1-based number.</summary>
    protected async Task<(JsonObject Request, ModelReply Reply, int Number)> TakeRequestAsync(HttpListenerRequest http)
    {
        using var reader = new StreamReader(http.InputStream, Encoding.UTF8);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (_requests) _requests.Add(request);
        ModelReply reply;
        lock (_script) reply = _script.Count > 0 ? _script.Dequeue() : ModelReply.Say("(the stand-in has no scripted reply left)");
        return (request, reply, Interlocked.Increment(ref _count));
    }

    /// <summary>Starts a chunked <c>text/event-stream</c> answer; the returned writer sends one SSE event per call.</summary>
    protected static Func<string, JsonObject, Task> StartEvents(HttpListenerResponse response)
    {
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        return async (name, data) =>
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: {data.ToJsonString()}\n\n"));
            await output.FlushAsync();
        };
    }

    protected static async Task WriteAsync(HttpListenerResponse response, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
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

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        // Close alone (it stops too): the managed HttpListener's Close after a Stop looks the port's endpoint up again and
        // binds the port afresh to do so, which fails with "Address already in use" once another socket has taken it.
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        GC.SuppressFinalize(this);
    }
}
