using System.Net.Sockets;
using Polly.Timeout;
using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>
/// What the connect prelude carries (protocol.md "Lean one-shot connections"): the snapshot with the session entries,
/// the snapshot without them, or no prelude and no broadcast events at all (<see cref="RepliesOnly"/>: the connection
/// receives only the replies to its own methods — a one-shot notify).
/// </summary>
public enum SnapshotEntries { Included, Omitted, RepliesOnly }

/// <summary>
/// The one socket client: a full-duplex NDJSON connection to a Pod. Every other client path
/// (one-shot send, run-and-confirm, probe, the attached view's stream) is built on it.
/// </summary>
public sealed class PodConnection : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;

    private PodConnection(Socket socket, string socketPath)
    {
        _socket = socket;
        SocketPath = socketPath;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new FrameReader(_stream);
        _writer = new FrameWriter(_stream);
    }

    public string SocketPath { get; }

    /// <summary>Connects and asks for the full prelude (alerts, then a snapshot with every session entry).</summary>
    public static Task<PodConnection> ConnectAsync(string socketPath, TimeSpan budget, bool retry = true, CancellationToken cancellationToken = default) =>
        ConnectAsync(socketPath, budget, SnapshotEntries.Included, retry, cancellationToken: cancellationToken);

    /// <summary>
    /// Connects, then writes the <c>hello</c> first line that chooses the prelude (<see cref="SnapshotEntries.Omitted"/> for
    /// one-shot clients: no session entries) — with <paramref name="first"/>, when given, in the same write (a one-shot
    /// notify). The connect is tried once directly; only when that attempt does not succeed at once (refused, no socket
    /// file, a full backlog) does it go through one Polly pipeline: total budget → retry (jittered exponential backoff,
    /// only for refused / no socket file / attempt timeout) → per-attempt timeout. A local socket that accepts costs no
    /// pipeline, timer or retry state.
    /// </summary>
    public static async Task<PodConnection> ConnectAsync(string socketPath, TimeSpan budget, SnapshotEntries entries, bool retry = true,
        Method? first = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var socket = await ConnectDirectlyAsync(socketPath, retry, cancellationToken).ConfigureAwait(false)
                ?? await ConnectPipelines.For(budget, retry).ExecuteAsync(ct => ConnectOnceAsync(socketPath, ct), cancellationToken).ConfigureAwait(false);
            var connection = new PodConnection(socket, socketPath);
            try
            {
                var hello = new HelloMethod(entries == SnapshotEntries.Included, entries != SnapshotEntries.RepliesOnly);
                await connection._writer.WriteAsync(first is null ? [hello] : [hello, first], cancellationToken).ConfigureAwait(false);
            }
            // The Pod closed at once (shutting down): the next read reports it with the step's own message.
            catch (IOException) { }
            catch (SocketException) { }
            catch
            {
                connection.Dispose();
                throw;
            }
            return connection;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PodUnreachableException(socketPath, UnreachableKind.TimedOut, "connect timed out", ex);
        }
        catch (SocketException ex)
        {
            var (kind, reason) = ex.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable => (UnreachableKind.NoSocket, "no socket file (the pod is not running)"),
                SocketError.ConnectionRefused => (UnreachableKind.Refused, "connection refused (the pod is not running)"),
                _ => (UnreachableKind.Other, ex.Message),
            };
            throw new PodUnreachableException(socketPath, kind, reason, ex);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new PodUnreachableException(socketPath, UnreachableKind.PathTooLong, "socket path is too long", ex);
        }
    }

    /// <summary>
    /// One connect attempt without a pipeline: the socket when it connected at once, null when the pipeline should take
    /// over (the attempt is still pending — a full backlog — or failed in a way the pipeline retries). Other failures, and
    /// retryable ones when <paramref name="retry"/> is off, are thrown as the pipeline would throw them.
    /// </summary>
    private static async ValueTask<Socket?> ConnectDirectlyAsync(string socketPath, bool retry, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var attempt = socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            if (!attempt.IsCompleted)
            {
                socket.Dispose();
                try { await attempt.ConfigureAwait(false); }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException) { }
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
            await attempt.ConfigureAwait(false);
            return socket;
        }
        catch (SocketException ex) when (retry && ConnectPipelines.IsRetryable(ex))
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One connect attempt inside the pipeline.</summary>
    private static async ValueTask<Socket> ConnectOnceAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(Method method, CancellationToken cancellationToken = default) => _writer.WriteAsync(method, cancellationToken);

    /// <summary>
    /// Says that nothing more will be sent (shutdown of the write side; reading goes on). A Pod then reads end of stream
    /// right behind the last method, and ends the connection once it has replied, without waiting for another read.
    /// </summary>
    public void FinishSending()
    {
        try { _socket.Shutdown(SocketShutdown.Send); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Sends raw bytes as one line (hostile-client tests and tools).</summary>
    public Task SendRawAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken = default) => _writer.WriteAsync(line, cancellationToken);

    /// <summary>The next event, or null at end of stream. Throws <see cref="TimeoutException"/> when <paramref name="timeout"/> passes.</summary>
    public async Task<Event?> ReadEventAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t) cts.CancelAfter(t);
        while (true)
        {
            Frame frame;
            try
            {
                frame = await _reader.ReadAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("read timed out");
            }
            catch (IOException)
            {
                return null;
            }
            catch (SocketException)
            {
                return null;
            }
            switch (frame.Kind)
            {
                case FrameKind.EndOfStream:
                    return null;
                case FrameKind.TooLong:
                    throw new PodClientException("pod sent a frame over 16 MiB");
            }
            var decoded = EventCodec.Decode(frame.Line);
            if (decoded.IsOk) return decoded.Value;
            throw new PodClientException($"pod sent an unreadable event: {decoded.Error}");
        }
    }

    /// <summary>Reads (skipping alerts and anything else) up to and including the connect snapshot.</summary>
    public async Task<SnapshotEvent> ReadSnapshotAsync(TimeSpan perRead, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var e = await ReadEventAsync(perRead, cancellationToken).ConfigureAwait(false)
                ?? throw new PodClientException("pod closed connection before Snapshot event");
            if (e is SnapshotEvent snapshot) return snapshot;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _stream.Dispose();
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
