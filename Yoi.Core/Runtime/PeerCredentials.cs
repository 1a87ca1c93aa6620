using System.Net.Sockets;

namespace Yoi.Core.Runtime;

/// <summary>SO_PEERCRED of a connected Unix socket: the connecting process's pid, uid and gid.</summary>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The peer's credentials, or null when the kernel would not tell (treated as a foreign peer).</summary>
    public static PeerCredentials? Of(Socket socket)
    {
        var buffer = new byte[12];
        try
        {
            if (socket.GetRawSocketOption(SolSocket, SoPeerCred, buffer) < 12) return null;
        }
        catch (SocketException)
        {
            return null;
        }
        return new PeerCredentials(BitConverter.ToInt32(buffer, 0), BitConverter.ToUInt32(buffer, 4), BitConverter.ToUInt32(buffer, 8));
    }
}
