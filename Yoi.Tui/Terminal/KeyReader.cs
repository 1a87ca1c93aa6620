namespace Yoi.Tui.Terminal;

/// <summary>Where key presses come from. The console is the real one; a raw-byte VT parser could replace it later.</summary>
public interface IKeySource
{
    bool KeyAvailable { get; }
    ConsoleKeyInfo ReadKey();
}

/// <summary><see cref="Console.KeyAvailable"/> / <see cref="Console.ReadKey(bool)"/> without echo.</summary>
public sealed class ConsoleKeySource : IKeySource
{
    public bool KeyAvailable => Console.KeyAvailable;
    public ConsoleKeyInfo ReadKey() => Console.ReadKey(intercept: true);
}

/// <summary>
/// Reads keys on a background thread by polling (KeyAvailable, then ~8 ms sleep) rather than blocking in ReadKey,
/// so that <see cref="Pause"/> really stops it from reading: a child process that owns the terminal gets its input.
/// Each decoded key is handed to the callback on the reader thread.
/// </summary>
public sealed class KeyReader : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(8);
    private readonly IKeySource _source;
    private readonly Action<Key> _onKey;
    private readonly Action<Exception>? _onError;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _pausedAck = new(false);
    private volatile bool _paused;
    private volatile bool _stopped;
    private long _polls;

    public KeyReader(Action<Key> onKey, IKeySource? source = null, Action<Exception>? onError = null)
    {
        _onKey = onKey;
        _onError = onError;
        _source = source ?? new ConsoleKeySource();
        _thread = new Thread(Loop) { IsBackground = true, Name = "yoi-keys" };
    }

    public bool IsPaused => _paused;

    public void Start() => _thread.Start();

    /// <summary>Number of polling rounds so far (lets tests observe the reader without sleeping).</summary>
    internal long Polls => Interlocked.Read(ref _polls);

    /// <summary>Stops reading. Returns once the reader thread has seen the pause, so from then on it does not touch
    /// the console (a key already being read is still delivered first).</summary>
    public void Pause()
    {
        _paused = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread) _pausedAck.Wait(TimeSpan.FromSeconds(1));
    }

    public void Resume()
    {
        _pausedAck.Reset();
        _paused = false;
    }

    public void Dispose()
    {
        _stopped = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(1));
        _pausedAck.Dispose();
    }

    private void Loop()
    {
        while (!_stopped)
        {
            Interlocked.Increment(ref _polls);
            try
            {
                if (_paused)
                {
                    _pausedAck.Set();
                    Thread.Sleep(PollInterval);
                    continue;
                }
                if (!_source.KeyAvailable)
                {
                    Thread.Sleep(PollInterval);
                    continue;
                }
                var key = KeyDecoder.Decode(_source.ReadKey());
                // A character outside the BMP arrives as two UTF-16 halves: join them.
                if (key.Code == KeyCode.Char && key.Text.Length == 1 && char.IsHighSurrogate(key.Text[0]) && _source.KeyAvailable)
                {
                    var low = _source.ReadKey().KeyChar;
                    key = key with { Text = char.IsLowSurrogate(low) ? string.Concat(key.Text, low.ToString()) : key.Text };
                }
                // Alt+key can arrive as ESC followed at once by the key (seen for Alt+Enter under tmux); a lone Esc
                // press has nothing queued behind it.
                if (key == Key.Of(KeyCode.Escape) && _source.KeyAvailable)
                {
                    var next = KeyDecoder.Decode(_source.ReadKey());
                    key = next.Code == KeyCode.Escape ? next : next with { Mods = next.Mods | KeyMods.Alt };
                }
                _onKey(key);
            }
            catch (InvalidOperationException ex)
            {
                // Input is not a terminal (redirected): nothing more to read.
                _onError?.Invoke(ex);
                return;
            }
        }
    }
}
