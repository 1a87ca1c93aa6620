using System.Net.Sockets;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// The optional first line of a connection (protocol.md "Lean one-shot connections"): before the Pod writes its
/// prelude it waits up to <see cref="Grace"/> for the client to speak. A <c>hello</c> chooses the prelude
/// (<c>entries:false</c> = a snapshot without session entries); any other first line is kept for the read loop; a
/// client that says nothing within the grace (an old client) gets today's full prelude.
/// </summary>
public static class ConnectHello
{
    /// <summary>How long a silent client delays its own prelude. Clients that send <c>hello</c> never wait. 250 ms, not 50:
    /// on a loaded machine (load average 30–40) a yoi client was seen writing its hello more than 50 ms after connect,
    /// got the full prelude and a "hello is read only as the first line" error, and its run was refused.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    /// <summary>A first line that has started arriving must be complete within this (else: full prelude, line kept).</summary>
    private static readonly TimeSpan FirstLineBudget = TimeSpan.FromSeconds(2);

    public const string LateMessage = "hello is read only as the first line of a connection";

    /// <summary>
    /// What the first line decided: whether the snapshot carries entries, whether the connection subscribes to the Pod's
    /// events at all (prelude and broadcasts; false = replies only), and a non-hello first frame to handle.
    /// </summary>
    public readonly record struct Outcome(bool WithEntries, Frame? FirstFrame, bool Subscribe = true);

    public static async Task<Outcome> ReadAsync(Socket socket, FrameReader reader, CancellationToken cancellationToken)
    {
        // A client that sent its hello with the connect (every one-shot path) has it waiting already: no wait, no timer.
        if (!HasInput(socket) && !await ReadableWithinAsync(socket, Grace, cancellationToken).ConfigureAwait(false)) return new Outcome(true, null);
        Frame frame;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(FirstLineBudget);
            try
            {
                frame = await reader.ReadAsync(budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return new Outcome(true, null); }
            catch (IOException) { return new Outcome(true, Frame.End); }
            catch (SocketException) { return new Outcome(true, Frame.End); }
        }
        if (frame.Kind == FrameKind.Line && MethodCodec.Decode(frame.Line).Value is HelloMethod hello) return new Outcome(hello.Entries, null, hello.Subscribe);
        return new Outcome(true, frame);
    }

    private static bool HasInput(Socket socket)
    {
        try { return socket.Available > 0; }
        catch (SocketException) { return false; }
        catch (ObjectDisposedException) { return false; }
    }

    /// <summary>A zero-byte receive completes when data (or end of stream) is available and consumes nothing.</summary>
    private static async Task<bool> ReadableWithinAsync(Socket socket, TimeSpan grace, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) { return false; }
        catch (SocketException) { return true; }
        catch (ObjectDisposedException) { return false; }
    }
}
