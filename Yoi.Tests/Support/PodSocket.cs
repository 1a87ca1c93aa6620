using System.Net.Sockets;
using Yoi.Core.Protocol;

namespace Yoi.Tests.Support;

/// <summary>A raw test client on a Pod socket: reads events with deadlines and writes methods or raw bytes.</summary>
public sealed class PodSocket : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;

    private PodSocket(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new FrameReader(_stream);
        _writer = new FrameWriter(_stream);
    }

    /// <summary>Every event read so far, in order.</summary>
    public List<Event> Seen { get; } = [];

    public Stream Stream => _stream;

    public static PodSocket Connect(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new PodSocket(socket);
    }

    /// <summary>
    /// Connects, says <c>hello</c> (full prelude, so the Pod does not wait out the silent-client grace; pass
    /// <paramref name="hello"/> null to be an old client that says nothing) and reads the prelude: the alerts before the
    /// snapshot, and the snapshot.
    /// </summary>
    public static (PodSocket Socket, SnapshotEvent Snapshot, List<Alert> Alerts) Open(string socketPath, HelloMethod? hello = null, bool silent = false)
    {
        var client = Connect(socketPath);
        if (!silent) client.Send(hello ?? new HelloMethod());
        var alerts = new List<Alert>();
        while (true)
        {
            var e = client.Next();
            if (e is SnapshotEvent snapshot) return (client, snapshot, alerts);
            if (e is AlertEvent a) alerts.Add(a.Alert);
            else Assert.Fail($"unexpected event before the snapshot: {EventCodec.EncodeToString(e)}");
        }
    }

    /// <summary>The next event; fails at the deadline or at end of stream.</summary>
    public Event Next(TimeSpan? timeout = null) => TryNext(timeout ?? DefaultTimeout)
        ?? throw new AssertionException("the Pod closed the connection");

    /// <summary>The next event or null at end of stream; fails at the deadline.</summary>
    public Event? TryNext(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        Frame frame;
        try
        {
            frame = _reader.ReadAsync(cts.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"no event within {timeout.TotalSeconds} s; seen: {Describe()}");
        }
        catch (IOException)
        {
            return null;
        }
        if (frame.Kind == FrameKind.EndOfStream) return null;
        var decoded = EventCodec.Decode(frame.Line);
        Assert.That(decoded.Error, Is.Null, "undecodable event line");
        Seen.Add(decoded.Value!);
        return decoded.Value!;
    }

    /// <summary>Reads until an event matches; returns it.</summary>
    public T WaitFor<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) where T : Event
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new AssertionException($"no {typeof(T).Name} within the deadline; seen: {Describe()}");
            if (Next(left) is T e && (match is null || match(e))) return e;
        }
    }

    /// <summary>Asserts that nothing arrives for <paramref name="quiet"/> (the connection stays open).</summary>
    public void ExpectSilence(TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            var frame = _reader.ReadAsync(cts.Token).AsTask().GetAwaiter().GetResult();
            Assert.Fail($"expected silence, got {(frame.Kind == FrameKind.Line ? System.Text.Encoding.UTF8.GetString(frame.Line) : frame.Kind.ToString())}");
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Send(Method method) => _writer.WriteAsync(method).GetAwaiter().GetResult();

    public void SendRaw(byte[] bytes)
    {
        _stream.Write(bytes);
        _stream.Flush();
    }

    public string Describe() => string.Join("\n", Seen.Select(e => EventCodec.EncodeToString(e) is var s && s.Length > 300 ? s[..300] + "…" : s));

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
