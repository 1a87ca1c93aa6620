using System.Buffers;
using System.IO.Pipelines;

namespace Yoi.Core.Protocol;

public enum FrameKind { Line, TooLong, EndOfStream }

/// <summary>One NDJSON read: a line (without the newline), a too-long line, or the end of the stream.</summary>
public readonly record struct Frame(FrameKind Kind, byte[] Line)
{
    public static readonly Frame End = new(FrameKind.EndOfStream, []);
    public static readonly Frame Oversized = new(FrameKind.TooLong, []);
}

/// <summary>
/// Reads newline-delimited frames from a stream. Blank lines are skipped; a line longer than
/// <see cref="MaxLineBytes"/> yields <see cref="FrameKind.TooLong"/> (the caller decides to close).
/// <see cref="Dispose"/> hands the read buffer (64 KiB from the shared pool) back; without it every connection
/// allocated a fresh one (a one-shot notify is a connection on both sides: GC work and page faults per notify).
/// </summary>
public sealed class FrameReader(Stream stream, int maxLineBytes = FrameReader.DefaultMaxLineBytes) : IDisposable
{
    private const int Idle = 0, Reading = 1, Released = 2;

    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;
    public const string TooLongMessage = "frame exceeds 16 MiB";

    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));

    /// <summary>
    /// How many bytes at the start of the unconsumed buffer are already known to hold no newline. Searching only the
    /// new bytes keeps a long line linear: re-scanning from the start made a 16 MiB line cost O(n²) (seconds of CPU).
    /// </summary>
    private long _scanned;

    private int _state;

    public int MaxLineBytes => maxLineBytes;

    /// <summary>The next frame; <see cref="Frame.End"/> once disposed. One read at a time.</summary>
    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, Reading, Idle) != Idle)
        {
            if (Volatile.Read(ref _state) == Released) return Frame.End;
            throw new InvalidOperationException("FrameReader reads one frame at a time");
        }
        try
        {
            return await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.CompareExchange(ref _state, Idle, Reading);
        }
    }

    /// <summary>
    /// Returns the read buffer to the pool. A read still in flight (a connection disposed from another thread while it
    /// waits for input) keeps it: the buffer may still be written into, so it is left to the garbage collector.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Released, Idle) == Idle) _reader.Complete();
    }

    private async ValueTask<Frame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (TryTakeLine(ref buffer, out var line))
            {
                if (line.Length > maxLineBytes)
                {
                    _reader.AdvanceTo(buffer.Start);
                    return Frame.Oversized;
                }
                var bytes = Trim(line);
                if (bytes.Length == 0) continue;
                _reader.AdvanceTo(buffer.Start);
                return new Frame(FrameKind.Line, bytes);
            }
            if (buffer.Length > maxLineBytes)
            {
                _scanned = 0;
                _reader.AdvanceTo(buffer.End);
                return Frame.Oversized;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var rest = Trim(buffer);
                _scanned = 0;
                _reader.AdvanceTo(buffer.End);
                return rest.Length > 0 ? new Frame(FrameKind.Line, rest) : Frame.End;
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var from = Math.Min(_scanned, buffer.Length);
        var position = buffer.Slice(from).PositionOf((byte)'\n');
        if (position is null)
        {
            _scanned = buffer.Length;
            line = default;
            return false;
        }
        _scanned = 0;
        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static byte[] Trim(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray();
        int start = 0, end = bytes.Length;
        while (start < end && IsSpace(bytes[start])) start++;
        while (end > start && IsSpace(bytes[end - 1])) end--;
        return start == 0 && end == bytes.Length ? bytes : bytes[start..end];
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
