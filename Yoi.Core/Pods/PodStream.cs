using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>
/// One streaming attachment to a Pod over <see cref="PodConnection"/>: connect, read the snapshot, then every live
/// event until the stream ends. Callbacks run on the reader task (the screen posts them onto its loop). Sends are
/// serialized so that two quick commands never interleave on the socket.
/// </summary>
public sealed class PodStream : IAsyncDisposable
{
    public static readonly TimeSpan ConnectBudget = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(5);

    private readonly string _socketPath;
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private PodConnection? _connection;
    private Task? _reader;

    public PodStream(string socketPath) => _socketPath = socketPath;

    /// <summary>Starts connecting (one attempt, no retry: a Pod that is not running is reported at once, with the
    /// reason, so the view can offer a restore). Exactly one of <paramref name="onLost"/> or (snapshot, events…, lost) follows,
    /// unless the stream is disposed first.</summary>
    public void Start(Action<SnapshotEvent> onSnapshot, Action<Event> onEvent, Action<string> onLost) =>
        _reader = Task.Run(() => ReadAsync(onSnapshot, onEvent, onLost));

    /// <summary>Writes <paramref name="method"/>; throws <see cref="InvalidOperationException"/> when not connected
    /// and <see cref="IOException"/> when the write fails.</summary>
    public async Task SendAsync(Method method)
    {
        if (Volatile.Read(ref _connection) is null) throw new InvalidOperationException("not connected");
        await _sendLock.WaitAsync(_cts.Token).ConfigureAwait(false);
        try
        {
            var connection = Volatile.Read(ref _connection) ?? throw new InvalidOperationException("not connected");
            await connection.SendAsync(method, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw new IOException(ex.Message, ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _connection, null)?.Dispose();
        if (_reader is { } reader)
        {
            try { await reader.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _cts.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReadAsync(Action<SnapshotEvent> onSnapshot, Action<Event> onEvent, Action<string> onLost)
    {
        var token = _cts.Token;
        try
        {
            var connection = await PodConnection.ConnectAsync(_socketPath, ConnectBudget, retry: false, token).ConfigureAwait(false);
            Volatile.Write(ref _connection, connection);
            var snapshot = await connection.ReadSnapshotAsync(SnapshotTimeout, token).ConfigureAwait(false);
            onSnapshot(snapshot);
            while (!token.IsCancellationRequested)
            {
                var e = await connection.ReadEventAsync(null, token).ConfigureAwait(false);
                if (e is null)
                {
                    onLost("the Pod closed the connection");
                    return;
                }
                onEvent(e);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex) || ex is TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            if (!token.IsCancellationRequested) onLost(ex.Message);
        }
        finally
        {
            // A send in flight (a shutdown the Pod acted on at once, closing the stream) finishes before the connection
            // goes; disposing it under the send would fail a write that reached the Pod.
            await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try { Interlocked.Exchange(ref _connection, null)?.Dispose(); }
            finally { _sendLock.Release(); }
        }
    }
}
