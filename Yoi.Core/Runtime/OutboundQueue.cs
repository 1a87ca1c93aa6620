using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// One connection's queue of events to write. Consecutive <c>text_delta</c>s coalesce into one (a burst of 10,000
/// output lines is a few writes, not 10,000). Past <see cref="Capacity"/> the client is <em>lagging</em>: the queued
/// state events are discarded (a fresh snapshot will replace them) and only replies and alerts are still queued,
/// until the writer catches the client up (<see cref="TakeBatchAsync"/> reports it) and calls <see cref="ResumeLive"/>.
/// A client that does not read its replies either (more than 4 × capacity of them) cannot be caught up: TryAdd is
/// false and the connection is dropped, so memory stays bounded.
/// </summary>
public sealed class OutboundQueue(int capacity) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _ready = new(0);
    private List<Event> _queue = [];
    private bool _lagging;
    private bool _completed;

    public int Capacity => capacity;

    /// <summary>True when a catch-up was needed since the last <see cref="ResumeLive"/>.</summary>
    public bool Lagging { get { lock (_gate) return _lagging; } }

    public bool TryAdd(Event e)
    {
        lock (_gate)
        {
            if (_completed) return false;
            if (_lagging)
            {
                if (!SurvivesCatchUp(e)) return true;
                if (_queue.Count >= 4 * capacity) return false;
                _queue.Add(e);
            }
            else if (e is TextDeltaEvent delta && _queue.Count > 0 && _queue[^1] is TextDeltaEvent last && last.ReplyTo is null)
            {
                _queue[^1] = new TextDeltaEvent(last.Text + delta.Text);
                return true;
            }
            else if (_queue.Count >= capacity)
            {
                _lagging = true;
                _queue.RemoveAll(q => !SurvivesCatchUp(q));
                if (SurvivesCatchUp(e)) _queue.Add(e);
            }
            else
            {
                _queue.Add(e);
            }
        }
        Signal();
        return true;
    }

    /// <summary>Called under the hub's lock with the catch-up snapshot: live events queue normally again.</summary>
    public void ResumeLive()
    {
        lock (_gate) _lagging = false;
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
        }
        Signal();
    }

    private void Signal()
    {
        try { _ready.Release(); }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Waits for events; returns them (oldest first) and whether the client must be caught up, or null when completed and drained.</summary>
    public async Task<(List<Event> Events, bool CatchUp)?> TakeBatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_queue.Count > 0 || _lagging)
                {
                    var batch = _queue;
                    _queue = [];
                    return (batch, _lagging);
                }
                if (_completed) return null;
            }
            await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The events queued so far, without waiting (a replies-only connection writes them after each method).</summary>
    public List<Event> TakeQueued()
    {
        lock (_gate)
        {
            if (_queue.Count == 0) return [];
            var batch = _queue;
            _queue = [];
            return batch;
        }
    }

    /// <summary>Replies go to one client and alerts are not in a snapshot: those are kept through a catch-up.</summary>
    private static bool SurvivesCatchUp(Event e) => e.ReplyTo is not null || e is AlertEvent or ShutdownEvent;

    public void Dispose() => _ready.Dispose();
}
