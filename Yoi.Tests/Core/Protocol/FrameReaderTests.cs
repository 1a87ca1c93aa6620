using System.Diagnostics;
using System.Text;
using Yoi.Core.Protocol;

namespace Yoi.Tests.Core.Protocol;

public class FrameReaderTests
{
    private static async Task<List<string>> ReadAll(FrameReader reader)
    {
        var lines = new List<string>();
        while (true)
        {
            var frame = await reader.ReadAsync();
            if (frame.Kind == FrameKind.EndOfStream) return lines;
            lines.Add(frame.Kind == FrameKind.TooLong ? "<too long>" : Encoding.UTF8.GetString(frame.Line));
        }
    }

    [Test]
    public async Task Blank_lines_are_skipped_and_the_last_unterminated_line_is_read()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n\n   \r\n{\"b\":2}\n{\"c\":3}"));
        Assert.That(await ReadAll(new FrameReader(stream)), Is.EqualTo(new[] { "{\"a\":1}", "{\"b\":2}", "{\"c\":3}" }));
    }

    [Test]
    public async Task A_line_over_the_limit_is_a_typed_result_and_reading_can_continue()
    {
        var big = new string('x', 300);
        var stream = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"a\":1}}\n{big}\n{{\"b\":2}}\n"));
        var lines = await ReadAll(new FrameReader(stream, maxLineBytes: 100));
        Assert.That(lines[0], Is.EqualTo("{\"a\":1}"));
        Assert.That(lines, Does.Contain("<too long>"));
        Assert.That(lines[^1], Is.EqualTo("{\"b\":2}"));
    }

    [Test]
    public async Task A_two_mebibyte_line_is_read_whole()
    {
        var payload = "{\"t\":\"" + new string('y', 2 * 1024 * 1024) + "\"}";
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(payload + "\n"));
        var frame = await new FrameReader(stream).ReadAsync();
        Assert.That(frame.Kind, Is.EqualTo(FrameKind.Line));
        Assert.That(frame.Line, Has.Length.EqualTo(payload.Length));
    }

    [Test]
    public async Task Writer_emits_compact_lines_flushed_per_message()
    {
        var stream = new MemoryStream();
        using var writer = new FrameWriter(stream);
        await writer.WriteAsync(new PauseMethod());
        await writer.WriteAsync(new StatusEvent(PodStatus.Idle));
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()),
            Is.EqualTo("{\"method\":\"pause\"}\n{\"event\":\"status\",\"data\":{\"status\":\"idle\",\"pending_notifications\":0}}\n"));
    }

    /// <summary>
    /// A line goes out with its newline in one write (the peer's reader wakes once per line), and a one-shot client's
    /// hello and method share one write; a line past the copy limit is written as it is, then its newline.
    /// </summary>
    [Test]
    public async Task Writer_writes_each_line_with_its_newline_in_one_write_and_a_group_of_lines_together()
    {
        var stream = new CountingStream();
        using var writer = new FrameWriter(stream);
        await writer.WriteAsync(new PauseMethod());
        Assert.That(stream.Writes, Is.EqualTo(1));
        await writer.WriteAsync([new HelloMethod(Subscribe: false), new NotifyMethod("hi", AutoRun: false) { Id = "n1" }]);
        Assert.That(stream.Writes, Is.EqualTo(2));
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo("{\"method\":\"pause\"}\n{\"method\":\"hello\",\"params\":{\"subscribe\":false}}\n"
            + "{\"method\":\"notify\",\"params\":{\"message\":\"hi\",\"auto_run\":false},\"id\":\"n1\"}\n"));
        var big = Encoding.UTF8.GetBytes("{\"t\":\"" + new string('z', FrameWriter.CopyLimit) + "\"}");
        await writer.WriteAsync(big);
        Assert.That(stream.Writes, Is.EqualTo(4));
        Assert.That(stream.ToArray()[^(big.Length + 1)..], Is.EqualTo(big.Append((byte)'\n').ToArray()));
    }

    /// <summary>Counts the stream writes <see cref="FrameWriter"/> makes (it writes through WriteAsync only).</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            var bytes = buffer.ToArray();
            base.Write(bytes, 0, bytes.Length);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Regression (reliability suite, hostile sockets): every read re-scanned the whole buffered line for a newline, so
    /// a 16 MiB line arriving in small pieces cost O(n²) CPU and starved the Pod's other clients.
    /// </summary>
    [NonParallelizable] // measures CPU time (< 3 s); other tests on the same cores would be measured too
    [Test]
    public async Task A_long_line_arriving_in_small_pieces_is_scanned_once()
    {
        var line = new byte[15 * 1024 * 1024];
        Array.Fill(line, (byte)'x');
        var stream = new TrickleStream([.. line, (byte)'\n', .. "{\"b\":2}\n"u8.ToArray()], chunk: 1024);
        var reader = new FrameReader(stream);
        var watch = Stopwatch.StartNew();
        var first = await reader.ReadAsync();
        var second = await reader.ReadAsync();
        watch.Stop();
        Assert.That(first.Line, Has.Length.EqualTo(line.Length));
        Assert.That(Encoding.UTF8.GetString(second.Line), Is.EqualTo("{\"b\":2}"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "15360 reads of 1 KiB must not re-scan up to 15 MiB each");
    }

    /// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read, like a socket under load.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
