namespace Yoi.Tui.Terminal;

/// <summary>Where input bytes come from: the terminal's stdin in raw mode, or a test's queue.</summary>
public interface IInputSource
{
    /// <summary>Waits up to <paramref name="timeoutMs"/> for input and reads what is there: the byte count, 0 when
    /// nothing arrived in time, -1 when the input is gone (the terminal closed).</summary>
    int Read(byte[] buffer, int timeoutMs);

    /// <summary>Called before each wait while reading: the terminal source puts raw mode back if something (a child
    /// process's terminal hand-over in the .NET runtime) changed it.</summary>
    void KeepMode()
    {
    }
}

/// <summary>
/// Reads input bytes on a background thread and hands the decoded events (<see cref="InputParser"/>) to a callback.
/// It waits in <c>poll</c> (≤ <see cref="IdleWait"/>, so a pause is seen quickly and an idle panel wakes only ~20 times
/// a second), reads whatever arrived, and parses it. A sequence cut by the end of a read waits at most
/// <see cref="SequenceWait"/> for the rest, an unfinished bracketed paste <see cref="PasteWait"/>; then what is held
/// is flushed. A lone ESC at the end of a read is the Esc key at once (no timeout guess).
/// <see cref="Pause"/> returns once the thread has seen it; from then on it does not read, so a child process that
/// owns the terminal gets every byte.
/// </summary>
public sealed class InputReader : IDisposable
{
    public const int IdleWait = 50;
    public const int SequenceWait = 30;
    public const int PasteWait = 1000;
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(8);

    private readonly IInputSource _source;
    private readonly Action<TerminalEvent> _onEvent;
    private readonly Action<Exception?>? _onClosed;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _pausedAck = new(false);
    private readonly InputParser _parser = new();
    private volatile bool _paused;
    private volatile bool _stopped;
    private long _polls;

    public InputReader(IInputSource source, Action<TerminalEvent> onEvent, Action<Exception?>? onClosed = null)
    {
        _source = source;
        _onEvent = onEvent;
        _onClosed = onClosed;
        _thread = new Thread(Loop) { IsBackground = true, Name = "yoi-input" };
    }

    public bool IsPaused => _paused;

    public void Start() => _thread.Start();

    /// <summary>Number of reading rounds so far (lets tests observe the reader without sleeping).</summary>
    internal long Polls => Interlocked.Read(ref _polls);

    /// <summary>Stops reading. Returns once the reader thread has seen the pause (at most one wait later), so from then
    /// on it does not touch the terminal; what was already read is delivered first.</summary>
    public void Pause()
    {
        _paused = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread) _pausedAck.Wait(TimeSpan.FromSeconds(2));
    }

    public void Resume()
    {
        _pausedAck.Reset();
        _paused = false;
    }

    public void Dispose()
    {
        _stopped = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(2));
        _pausedAck.Dispose();
    }

    private void Loop()
    {
        var buffer = new byte[4096];
        var events = new List<TerminalEvent>();
        while (!_stopped)
        {
            Interlocked.Increment(ref _polls);
            if (_paused)
            {
                Deliver(events, flush: true);
                _pausedAck.Set();
                Thread.Sleep(PausedPoll);
                continue;
            }
            int n;
            try
            {
                _source.KeepMode();
                n = _source.Read(buffer, _parser.Pending switch
                {
                    InputPending.Sequence => SequenceWait,
                    InputPending.Paste => PasteWait,
                    _ => IdleWait,
                });
            }
#pragma warning disable CA1031 // any failure to read ends input: the screen quits and the session restores the terminal
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _onClosed?.Invoke(ex);
                return;
            }
            if (n < 0)
            {
                Deliver(events, flush: true);
                _onClosed?.Invoke(null);
                return;
            }
            if (n == 0)
            {
                if (_parser.Pending != InputPending.None) Deliver(events, flush: true);
                continue;
            }
            _parser.Feed(buffer.AsSpan(0, n), events);
            Deliver(events, flush: false);
        }
    }

    private void Deliver(List<TerminalEvent> events, bool flush)
    {
        if (flush) _parser.Flush(events);
        foreach (var e in events) _onEvent(e);
        events.Clear();
    }
}

/// <summary>The process's stdin in raw mode (see <see cref="Termios"/>).</summary>
public sealed class StdInSource : IInputSource
{
    public int Read(byte[] buffer, int timeoutMs) => Termios.ReadStdIn(buffer, timeoutMs);

    public void KeepMode() => Termios.KeepRaw();
}
