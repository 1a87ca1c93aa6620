using System.Net.Sockets;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// One accepted client: writes the prelude (alerts, snapshot) then queued live events (<see cref="OutboundQueue"/>:
/// text deltas coalesce; a client more than <see cref="QueueCapacity"/> events behind is caught up with a fresh
/// snapshot instead of being dropped), and concurrently reads methods, handing each to
/// the controller and waiting until it was handled before reading the next line. A replies-only connection
/// (<c>hello{subscribe:false}</c>) has no write loop: its read loop writes each method's replies once it was handled. Bad lines get <c>invalid_request</c>
/// on this socket only; an oversized line gets the error and the connection is closed.
/// </summary>
public sealed class ClientConnection : IEventSink, IDisposable
{
    public const int QueueCapacity = 256;
    private static readonly TimeSpan FlushBudget = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameWriter _writer;
    private readonly OutboundQueue _queue = new(QueueCapacity);
    private readonly EventHub _hub;
    private readonly Controller _controller;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _closing = new();
    private int _dropped;
    private volatile bool _repliesOnly;
    private bool _repliesBroken;

    public ClientConnection(Socket socket, EventHub hub, Controller controller, Action<string> log)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _writer = new FrameWriter(_stream);
        _hub = hub;
        _controller = controller;
        _log = log;
    }

    public bool TryEnqueue(Event e) => _queue.TryAdd(e);

    public void Drop(string reason)
    {
        if (Interlocked.Exchange(ref _dropped, 1) != 0) return;
        _log($"dropping a client: {reason}");
        _queue.Complete();
        Abort();
    }

    /// <summary>Server shutdown: deliver what is queued (the <c>shutdown</c> event), then close.</summary>
    public void CloseAfterFlush()
    {
        _queue.Complete();
        // A replies-only connection has no write loop to end the conversation: stop reading; its replies are flushed.
        if (_repliesOnly) Cancel();
    }

    public async Task RunAsync()
    {
        using var reader = new FrameReader(_stream);
        var hello = await ConnectHello.ReadAsync(_socket, reader, _closing.Token).ConfigureAwait(false);
        // A replies-only connection (hello subscribe:false, a one-shot notify) gets no prelude and no broadcasts, and
        // has no write loop: its read loop writes the replies to each method once the method was handled (one thread
        // hop fewer per notify).
        _repliesOnly = !hello.Subscribe;
        // A prelude (a snapshot may carry thousands of entries) is written on the pool, not on the accept loop's thread.
        var writing = _repliesOnly ? Task.CompletedTask : Task.Run(() => WriteLoopAsync(_hub.Subscribe(this, hello.WithEntries)));
        var graceful = false;
        try
        {
            graceful = await ReadLoopAsync(reader, hello.FirstFrame).ConfigureAwait(false);
        }
        finally
        {
            _hub.Unsubscribe(this);
            _queue.Complete();
            if (_repliesOnly) await WriteRepliesAsync().ConfigureAwait(false);
            try { await writing.WaitAsync(FlushBudget).ConfigureAwait(false); }
            catch (TimeoutException) { }
            if (graceful) await DiscardInputAsync().ConfigureAwait(false);
            // No shutdown(2) here: the connection is disposed (closed) right after this returns, which tells the client
            // the same; a shutdown first was one more syscall per one-shot notify.
            Cancel();
        }
    }

    /// <summary>
    /// Replies-only: writes the replies queued so far. A write that cannot complete within <see cref="FlushBudget"/>
    /// (a client that does not read its replies and filled the socket buffer) drops the client.
    /// </summary>
    private async Task WriteRepliesAsync()
    {
        foreach (var e in _queue.TakeQueued())
        {
            if (_repliesBroken) return;
            try
            {
                var write = _writer.WriteAsync(e, CancellationToken.None);
                if (!write.IsCompleted) await write.WaitAsync(FlushBudget).ConfigureAwait(false);
                await write.ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _repliesBroken = true;
                Drop("client does not read its replies");
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // The client closed: like the write loop, stop writing only; the read loop still handles what it sent.
                _repliesBroken = true;
            }
        }
    }

    /// <summary>Returns true when the server ended the conversation and the rest of the input should be discarded.</summary>
    private async Task<bool> ReadLoopAsync(FrameReader reader, Frame? first)
    {
        try
        {
            while (true)
            {
                if (_repliesOnly) await WriteRepliesAsync().ConfigureAwait(false);
                var frame = first ?? await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                first = null;
                switch (frame.Kind)
                {
                    case FrameKind.EndOfStream:
                        return false;
                    case FrameKind.TooLong:
                        _log("closing a client that sent a line over 16 MiB");
                        TryEnqueue(new ErrorEvent(ErrorCode.InvalidRequest, FrameReader.TooLongMessage));
                        return true;
                }
                var decoded = MethodCodec.Decode(frame.Line);
                if (!decoded.IsOk)
                {
                    if (!TryEnqueue(new ErrorEvent(ErrorCode.InvalidRequest, $"invalid method: {decoded.Error}"))) Drop("client reads neither events nor replies");
                    continue;
                }
                if (decoded.Value is HelloMethod)
                {
                    if (!TryEnqueue(new ErrorEvent(ErrorCode.InvalidRequest, ConnectHello.LateMessage) { ReplyTo = decoded.Value.Id })) Drop("client fell more than 256 events behind");
                    continue;
                }
                await _controller.SubmitAsync(decoded.Value!, this, _closing.Token).ConfigureAwait(false);
            }
        }
        catch (IOException) { return false; }
        catch (SocketException) { return false; }
        catch (ObjectDisposedException) { return false; }
        catch (OperationCanceledException) { return false; }
    }

    private async Task WriteLoopAsync(IReadOnlyList<Event> prelude)
    {
        // A failed write (the client closed or shut down its read side) stops our writing only: the methods it wrote
        // before closing are still in the socket buffer and the read loop must process them up to end of stream,
        // or a one-shot notify that the client already wrote would be lost. Later events are discarded.
        var broken = false;
        var completedByServer = false;
        try
        {
            foreach (var e in prelude)
                if (!broken) broken = !await TryWriteAsync(e).ConfigureAwait(false);
            while (await _queue.TakeBatchAsync(_closing.Token).ConfigureAwait(false) is var (events, catchUp))
            {
                foreach (var e in events)
                    if (!broken) broken = !await TryWriteAsync(e).ConfigureAwait(false);
                if (!catchUp) continue;
                _log($"a client fell more than {QueueCapacity} events behind; catching it up with a fresh snapshot");
                foreach (var e in _hub.CatchUp(_queue.ResumeLive))
                    if (!broken) broken = !await TryWriteAsync(e).ConfigureAwait(false);
            }
            completedByServer = true;
            if (!broken) _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        catch (OperationCanceledException) { }
        finally
        {
            // The server closed the lane (shutdown or oversized line): stop reading too.
            if (completedByServer) await _closing.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> TryWriteAsync(Event e)
    {
        try
        {
            await _writer.WriteAsync(e, _closing.Token).ConfigureAwait(false);
            return true;
        }
        catch (IOException) { return false; }
        catch (SocketException) { return false; }
    }

    /// <summary>After an oversized line: read and discard what the client is still sending (bounded), so it sees our error.</summary>
    private async Task DiscardInputAsync()
    {
        var buffer = new byte[64 * 1024];
        using var budget = new CancellationTokenSource(FlushBudget);
        try
        {
            while (await _stream.ReadAsync(buffer, budget.Token).ConfigureAwait(false) > 0) { }
        }
        catch (IOException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        catch (OperationCanceledException) { }
    }

    private void Cancel()
    {
        try { _closing.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    private void Abort()
    {
        Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
        _writer.Dispose();
        _closing.Dispose();
        _queue.Dispose();
    }
}
