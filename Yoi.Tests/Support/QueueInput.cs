using System.Collections.Concurrent;
using System.Text;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Support;

/// <summary>
/// Stands in for the terminal's stdin: each <see cref="Write(string)"/> is what one <c>read</c> returns (terminals send
/// a key sequence, a mouse report or a paste chunk in one write). <see cref="Read"/> waits up to its timeout like
/// <c>poll</c>. Records whether it was read while a child process owned the terminal.
/// </summary>
public sealed class QueueInput : IInputSource, IDisposable
{
    private readonly BlockingCollection<byte[]> _chunks = new();
    private volatile bool _closed;

    public volatile bool ChildOwnsTerminal;
    public volatile bool TouchedWhileChildOwnsTerminal;

    public int Queued => _chunks.Count;

    public int Read(byte[] buffer, int timeoutMs)
    {
        if (ChildOwnsTerminal) TouchedWhileChildOwnsTerminal = true;
        if (_chunks.TryTake(out var chunk, timeoutMs))
        {
            chunk.CopyTo(buffer, 0);
            return chunk.Length;
        }
        return _closed ? -1 : 0;
    }

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(byte[] bytes) => _chunks.Add(bytes);

    /// <summary>The terminal went away: reads return -1 once the queue is empty.</summary>
    public void Close() => _closed = true;

    public void Dispose() => _chunks.Dispose();
}
