using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// Keeps a Pod's <c>status.json</c> current without rewriting it on every group commit: a change of state
/// (idle/running/paused) is written at once; a change of the pending count alone is written at once when the file is
/// older than <see cref="CountInterval"/>, else once that interval has passed (the latest count, intermediate ones
/// skipped). A burst of notifies rewrites the file about 20 times a second instead of once per commit (each rewrite is
/// a create, write, rename and an inode freed: about as much CPU as the commit's own fsync'd append). The file is not
/// durable data (docs/reliability.md); the socket's <c>status</c> events stay exact. A failed write is reported to
/// <c>warn</c> and not retried until the next change.
/// </summary>
public sealed class StatusFile(Action<PodStatus, int> write, TimeProvider time, Action<Exception> warn) : IDisposable
{
    /// <summary>The longest a pending count shown in <c>status.json</c> lags behind the Pod during a burst.</summary>
    public static readonly TimeSpan CountInterval = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private PodStatus? _writtenStatus;
    private long _writtenAt;
    private (PodStatus Status, int Pending)? _owed;
    private ITimer? _timer;
    private bool _closed;

    /// <summary>Records the Pod's status and pending count; writes now or within <see cref="CountInterval"/>.</summary>
    public void Publish(PodStatus status, int pending)
    {
        lock (_gate)
        {
            if (_closed) return;
            if (_writtenStatus != status || time.GetElapsedTime(_writtenAt) >= CountInterval)
            {
                WriteLocked(status, pending);
                return;
            }
            _owed = (status, pending);
            _timer ??= time.CreateTimer(_ => PayOwed(), null, CountInterval - time.GetElapsedTime(_writtenAt), Timeout.InfiniteTimeSpan);
        }
    }

    private void PayOwed()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_closed || _owed is not { } owed) return;
            WriteLocked(owed.Status, owed.Pending);
        }
    }

    private void WriteLocked(PodStatus status, int pending)
    {
        _owed = null;
        _writtenStatus = status;
        _writtenAt = time.GetTimestamp();
        try { write(status, pending); }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex)) { warn(ex); }
    }

    /// <summary>Stops writing (before the runtime directory is removed): a count still owed is dropped with the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
