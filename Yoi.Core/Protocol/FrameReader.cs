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
/// </summary>
public sealed class FrameReader(Stream stream, int maxLineBytes = FrameReader.DefaultMaxLineBytes)
{
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;
    public const string TooLongMessage = "frame exceeds 16 MiB";

    private readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));

    /// <summary>
    /// How many bytes at the start of the unconsumed buffer are already known to hold no newline. Searching only the
    /// new bytes keeps a long line linear: re-scanning from the start made a 16 MiB line cost O(n²) (seconds of CPU).
    /// </summary>
    private long _scanned;

    public int MaxLineBytes => maxLineBytes;

    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken = default)
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
