using System.Collections.Concurrent;
using System.Net.Sockets;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

/// <summary>A listening socket that behaves like a parent Pod for one-shot senders: snapshot first, then reads one method (after the sender's hello, if any).</summary>
internal sealed class FakeParent : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _loop;

    public FakeParent(string socketPath)
    {
        SocketPath = socketPath;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        _loop = Task.Run(AcceptAsync);
    }

    public string SocketPath { get; }
    public BlockingCollection<Method> Received { get; } = [];

    public Method Next(TimeSpan? timeout = null)
    {
        Assert.That(Received.TryTake(out var method, timeout ?? TimeSpan.FromSeconds(10)), Is.True, "the parent received a method");
        return method!;
    }

    public void ExpectNothing(TimeSpan quiet) =>
        Assert.That(Received.TryTake(out var method, quiet), Is.False, () => $"unexpected method {MethodCodec.EncodeToString(method!)}");

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try { client = await _listener.AcceptAsync(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            using (client)
            await using (var stream = new NetworkStream(client))
            {
                using var writer = new FrameWriter(stream);
                await writer.WriteAsync(new SnapshotEvent([], new Greeting("parent", "/", "echo", "echo", "", [])));
                // A lean one-shot sender says hello (no entries wanted) before its method: skip it, as a Pod does.
                var reader = new FrameReader(stream);
                var frame = await reader.ReadAsync();
                var method = frame.Kind == FrameKind.Line ? MethodCodec.Decode(frame.Line).Value : null;
                if (method is HelloMethod)
                {
                    frame = await reader.ReadAsync();
                    method = frame.Kind == FrameKind.Line ? MethodCodec.Decode(frame.Line).Value : null;
                }
                if (method is not null) Received.Add(method);
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(5));
        Received.Dispose();
    }
}
