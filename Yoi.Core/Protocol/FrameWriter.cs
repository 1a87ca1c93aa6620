using System.Buffers;

namespace Yoi.Core.Protocol;

/// <summary>
/// Writes one compact JSON object per line; safe to call from several tasks. A line (or a group of lines) up to
/// <see cref="CopyLimit"/> bytes goes out in one write with its newline, so the peer's reader wakes once per line, not
/// once for the JSON and again for the newline (a one-shot notify is a few small lines each way). A longer line (a
/// snapshot with its session entries) is written as it is, then its newline: no copy, and no large pooled buffer kept
/// alive in an idle Pod.
/// </summary>
public sealed class FrameWriter(Stream stream) : IDisposable
{
    /// <summary>Lines up to this many bytes (all lines of one call together) are copied into one write.</summary>
    public const int CopyLimit = 16 * 1024;

    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task WriteAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default) => WriteLinesAsync([json], cancellationToken);

    /// <summary>Writes the lines in order, each with its newline; together in one write when they fit <see cref="CopyLimit"/>.</summary>
    public async Task WriteLinesAsync(IReadOnlyList<ReadOnlyMemory<byte>> lines, CancellationToken cancellationToken = default)
    {
        var length = 0;
        foreach (var line in lines) length += line.Length + 1;
        var joined = length <= CopyLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (joined is not null) await stream.WriteAsync(joined.AsMemory(0, Join(lines, joined)), cancellationToken).ConfigureAwait(false);
                else
                {
                    foreach (var line in lines)
                    {
                        await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                        await stream.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
                    }
                }
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            if (joined is not null) ArrayPool<byte>.Shared.Return(joined);
        }
    }

    private static int Join(IReadOnlyList<ReadOnlyMemory<byte>> lines, byte[] into)
    {
        var at = 0;
        foreach (var line in lines)
        {
            line.Span.CopyTo(into.AsSpan(at));
            at += line.Length;
            into[at++] = (byte)'\n';
        }
        return at;
    }

    public Task WriteAsync(Method method, CancellationToken cancellationToken = default) =>
        WriteAsync(MethodCodec.Encode(method), cancellationToken);

    /// <summary>Several methods in one write (see <see cref="WriteLinesAsync"/>).</summary>
    public Task WriteAsync(IEnumerable<Method> methods, CancellationToken cancellationToken = default) =>
        WriteLinesAsync([.. methods.Select(m => (ReadOnlyMemory<byte>)MethodCodec.Encode(m))], cancellationToken);

    public Task WriteAsync(Event e, CancellationToken cancellationToken = default) =>
        WriteAsync(EventCodec.Encode(e), cancellationToken);

    public void Dispose() => _gate.Dispose();
}
