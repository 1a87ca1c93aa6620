using System.Net.Sockets;
using Yoi.Core.Interop;
using Yoi.Core.Paths;

namespace Yoi.Core.Runtime;

/// <summary>Another live Pod already answers on the socket.</summary>
public sealed class PodAlreadyRunningException(string podName, string socketPath)
    : YoiException($"pod `{podName}` is already running (its socket {socketPath} answers); stop it first or use another name", null, "stop it first or use another name");

/// <summary>
/// The Pod's Unix socket server: binds after removing a provably stale socket (connect refused), sets mode 0600,
/// checks SO_PEERCRED on every accept (another uid is closed at once and logged) and runs one
/// <see cref="ClientConnection"/> per client.
/// </summary>
public sealed class PodHost : IAsyncDisposable
{
    public const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Socket _listener;
    private readonly string _socketPath;
    private readonly List<ClientConnection> _connections = [];
    private readonly List<Task> _running = [];
    private Task? _accepting;
    private Action<string> _log = _ => { };

    private PodHost(Socket listener, string socketPath)
    {
        _listener = listener;
        _socketPath = socketPath;
    }

    public string SocketPath => _socketPath;

    /// <summary>Binds and listens. Throws <see cref="PodAlreadyRunningException"/> when a live Pod owns the socket.</summary>
    public static PodHost Bind(string socketPath, string podName)
    {
        RuntimeDirSafety.EnsureInRoot(Path.GetDirectoryName(socketPath)!);
        if (File.Exists(socketPath) || Directory.Exists(socketPath))
        {
            if (Answers(socketPath)) throw new PodAlreadyRunningException(podName, socketPath);
            File.Delete(socketPath);
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            File.SetUnixFileMode(socketPath, SocketMode);
            listener.Listen(64);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new PodAlreadyRunningException(podName, socketPath);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new PodHost(listener, socketPath);
    }

    /// <summary>True when something accepts connections on the path (a live Pod); refused/missing = stale.</summary>
    public static bool Answers(string socketPath)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Start(EventHub hub, Controller controller, Action<string> log)
    {
        _log = log;
        _accepting = AcceptLoopAsync(hub, controller);
    }

    private async Task AcceptLoopAsync(EventHub hub, Controller controller)
    {
        var uid = Libc.GetUid();
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }

            var peer = PeerCredentials.Of(client);
            if (peer is not { } p || p.Uid != uid)
            {
                _log(peer is { } other
                    ? $"refused a connection from uid {other.Uid} (pid {other.Pid}); only uid {uid} may talk to this Pod"
                    : "refused a connection whose peer credentials could not be read");
                client.Dispose();
                continue;
            }
            var connection = new ClientConnection(client, hub, controller, _log);
            lock (_connections) _connections.Add(connection);
            // Started on this thread, not queued to the pool: a one-shot client's hello and method are usually waiting
            // already, so the connection reads them and hands the method to the controller before this loop accepts the
            // next one (one thread hop fewer per connection). It returns at its first wait; a subscribing client's
            // prelude is written on the pool (ClientConnection.RunAsync).
            var running = RunAsync(connection);
            lock (_connections)
            {
                _running.RemoveAll(t => t.IsCompleted);
                _running.Add(running);
            }
        }
    }

    private async Task RunAsync(ClientConnection connection)
    {
        try { await connection.RunAsync().ConfigureAwait(false); }
        finally
        {
            lock (_connections) _connections.Remove(connection);
            connection.Dispose();
        }
    }

    /// <summary>Stops accepting, lets every connection flush what is queued (the <c>shutdown</c> event), closes them.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        if (_accepting is not null) await _accepting.ConfigureAwait(false);
        Task[] running;
        lock (_connections)
        {
            foreach (var connection in _connections) connection.CloseAfterFlush();
            running = [.. _running];
        }
        try { await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false); }
        catch (TimeoutException) { _log("some clients did not close within 3 s"); }
        try { File.Delete(_socketPath); }
        catch (IOException) { }
    }
}
