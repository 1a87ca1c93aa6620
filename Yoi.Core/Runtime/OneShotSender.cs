using System.Net.Sockets;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// The daemon's own upward delivery (PodEvents to the parent): connect, read up to and including the snapshot, write
/// the method, close. Same contract as the client side's <c>ConnectAndSend</c>; kept here so the runtime does not
/// depend on the CLI client.
/// </summary>
public sealed class OneShotSender : IPodMethodSender
{
    public async Task SendAsync(string socketPath, Method method, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new FrameReader(stream);
        while (true)
        {
            var frame = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (frame.Kind != FrameKind.Line) throw new IOException($"pod at {socketPath} closed connection before Snapshot event");
            if (EventCodec.Decode(frame.Line).Value is SnapshotEvent) break;
        }
        using var writer = new FrameWriter(stream);
        await writer.WriteAsync(method, cancellationToken).ConfigureAwait(false);
    }
}
