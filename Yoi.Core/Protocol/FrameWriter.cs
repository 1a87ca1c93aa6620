namespace Yoi.Core.Protocol;

/// <summary>Writes one compact JSON object per line and flushes after each; safe to call from several tasks.</summary>
public sealed class FrameWriter(Stream stream) : IDisposable
{
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(json, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WriteAsync(Method method, CancellationToken cancellationToken = default) =>
        WriteAsync(MethodCodec.Encode(method), cancellationToken);

    public Task WriteAsync(Event e, CancellationToken cancellationToken = default) =>
        WriteAsync(EventCodec.Encode(e), cancellationToken);

    public void Dispose() => _gate.Dispose();
}
