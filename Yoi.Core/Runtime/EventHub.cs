using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>A receiver of events (one client connection). <see cref="TryEnqueue"/> false = the client is too slow.</summary>
public interface IEventSink
{
    bool TryEnqueue(Event e);

    /// <summary>Called once when the hub drops this sink (slow client); the sink closes its connection.</summary>
    void Drop(string reason);
}

/// <summary>
/// The fan-out point of a Pod: the session-log mirror, the alert buffer (512, oldest evicted), the current status,
/// and every subscribed connection. One lock makes "copy the mirror + subscribe" atomic with respect to commits and
/// broadcasts, so a new client sees every entry exactly once (in its snapshot or live). Log-lane and event-lane
/// events go through the same ordered queue per connection.
/// </summary>
public sealed class EventHub(Greeting greeting, IEnumerable<LogEntry> initialEntries)
{
    public const int AlertCapacity = 512;

    private readonly Lock _gate = new();
    private readonly List<LogEntry> _mirror = [.. initialEntries];
    private readonly LinkedList<Alert> _alerts = new();
    private readonly List<IEventSink> _sinks = [];
    private readonly System.Text.StringBuilder _streaming = new();
    private string? _doneNotCommitted;
    private PodStatus _status = PodStatus.Idle;
    private int _pending;

    public Greeting Greeting => greeting;

    public PodStatus Status { get { lock (_gate) return _status; } }

    public int PendingNotifications { get { lock (_gate) return _pending; } }

    public int SubscriberCount { get { lock (_gate) return _sinks.Count; } }

    public IReadOnlyList<LogEntry> Entries { get { lock (_gate) return [.. _mirror]; } }

    /// <summary>
    /// Subscribes and returns the prelude to write first: buffered alerts (oldest first), then one snapshot — without
    /// the session entries when <paramref name="withEntries"/> is false (a lean one-shot connection) — then the
    /// <c>text_done</c> of an assistant item announced but not yet in the log, then one <c>text_delta</c> with the
    /// assistant text streamed so far when a turn is mid-stream.
    /// </summary>
    public IReadOnlyList<Event> Subscribe(IEventSink sink, bool withEntries = true)
    {
        lock (_gate)
        {
            var prelude = new List<Event>(_alerts.Count + 2);
            prelude.AddRange(_alerts.Select(a => new AlertEvent(a)));
            prelude.AddRange(CatchUpLocked(withEntries));
            _sinks.Add(sink);
            return prelude;
        }
    }

    /// <summary>
    /// For a client that fell behind: the snapshot (and mid-stream text) that replaces every state event it missed,
    /// taken atomically with <paramref name="resumeLive"/>, after which the client's queue takes live events again.
    /// </summary>
    public IReadOnlyList<Event> CatchUp(Action resumeLive)
    {
        lock (_gate)
        {
            resumeLive();
            return CatchUpLocked();
        }
    }

    private List<Event> CatchUpLocked(bool withEntries = true)
    {
        var events = new List<Event>(3) { new SnapshotEvent(withEntries ? [.. _mirror] : LastRunLocked(), greeting, _status, _pending) };
        if (_doneNotCommitted is { } done) events.Add(new TextDoneEvent(done));
        if (_streaming.Length > 0) events.Add(new TextDeltaEvent(_streaming.ToString()));
        return events;
    }

    /// <summary>
    /// What a lean snapshot carries instead of the history: the latest run outcome and the latest invoke (at most two
    /// entries, none for a Pod that never ran), so a probe still knows how the last run ended and whether one runs.
    /// </summary>
    private List<LogEntry> LastRunLocked()
    {
        int outcome = -1, invoke = -1;
        for (var i = _mirror.Count - 1; i >= 0 && (outcome < 0 || invoke < 0); i--)
        {
            if (outcome < 0 && _mirror[i] is RunCompletedEntry or RunErroredEntry) outcome = i;
            else if (invoke < 0 && _mirror[i] is InvokeEntry) invoke = i;
        }
        return [.. new[] { invoke, outcome }.Where(i => i >= 0).Order().Select(i => _mirror[i])];
    }

    public void Unsubscribe(IEventSink sink)
    {
        lock (_gate) _sinks.Remove(sink);
    }

    /// <summary>Adds a committed entry to the mirror and sends its live event (if it has one) to every client.</summary>
    public void Commit(LogEntry entry)
    {
        lock (_gate)
        {
            _mirror.Add(entry);
            // The announced text is in the mirror from now on; until then a new client gets it as one text_done.
            if (entry is AssistantItemEntry) _doneNotCommitted = null;
            if (LiveEvent(entry) is { } e) BroadcastLocked(e);
        }
    }

    public void Broadcast(Event e)
    {
        lock (_gate) BroadcastLocked(e);
    }

    /// <summary>Sets the status and pending count and broadcasts <c>status</c>.</summary>
    public void SetStatus(PodStatus status, int pending)
    {
        lock (_gate)
        {
            _status = status;
            _pending = pending;
            BroadcastLocked(new StatusEvent(status, pending));
        }
    }

    /// <summary>Updates the pending count without broadcasting (mid-turn drains; the closing status carries it).</summary>
    public void SetPendingQuietly(int pending)
    {
        lock (_gate) _pending = pending;
    }

    public void Alert(Alert alert)
    {
        lock (_gate)
        {
            _alerts.AddLast(alert);
            while (_alerts.Count > AlertCapacity) _alerts.RemoveFirst();
            BroadcastLocked(new AlertEvent(alert));
        }
    }

    public IReadOnlyList<Alert> BufferedAlerts { get { lock (_gate) return [.. _alerts]; } }

    /// <summary>Log entries forwarded live: user_input, system_item and invoke (docs/original-core.md §1.6), and (ours) agent_item.</summary>
    public static Event? LiveEvent(LogEntry entry) => entry switch
    {
        UserInputEntry u => new UserMessageEvent(u.Segments),
        SystemItemEntry s => new SystemItemEvent(s.Item),
        AgentItemEntry a => new AgentItemEvent(a.Item),
        InvokeEntry i => new InvokeStartEvent(i.Trigger),
        _ => null,
    };

    private void BroadcastLocked(Event e)
    {
        switch (e)
        {
            case TextDeltaEvent delta:
                _streaming.Append(delta.Text);
                break;
            case TextDoneEvent done:
                // The engine commits the item right after announcing it; a client that subscribes or catches up in
                // between must still get it, and not as streaming text (its later text_done would not come).
                _doneNotCommitted = done.Text;
                _streaming.Clear();
                break;
            case TurnStartEvent or RunEndEvent or ErrorEvent { ReplyTo: null }:
                _streaming.Clear();
                _doneNotCommitted = null;
                break;
        }
        List<IEventSink>? slow = null;
        foreach (var sink in _sinks)
        {
            if (!sink.TryEnqueue(e)) (slow ??= []).Add(sink);
        }
        if (slow is null) return;
        foreach (var sink in slow)
        {
            _sinks.Remove(sink);
            sink.Drop("client reads neither events nor replies");
        }
    }
}
