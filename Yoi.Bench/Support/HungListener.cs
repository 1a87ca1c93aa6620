using System.Net.Sockets;

namespace Yoi.Bench;

/// <summary>A socket that accepts every connection and never writes a byte: a hung Pod.</summary>
internal sealed class HungListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;

    public HungListener(string socketPath)
    {
        SocketPath = socketPath;
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(256);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    private async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                var client = await _listener.AcceptAsync().ConfigureAwait(false);
                lock (_held) _held.Add(client);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return; }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _accepting.Wait(TimeSpan.FromSeconds(2));
        lock (_held)
            foreach (var socket in _held) socket.Dispose();
        File.Delete(SocketPath);
    }
}
