using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Yoi.Tui.Terminal;

/// <summary>Something the UI loop reacts to.</summary>
public abstract record TerminalEvent;

public sealed record KeyEvent(Key Key) : TerminalEvent;

public sealed record ResizeEvent(int Width, int Height) : TerminalEvent;

/// <summary>A signal (SIGTERM, SIGINT, SIGHUP, SIGQUIT) or lost input asks the UI to quit.</summary>
public sealed record QuitEvent(string Reason) : TerminalEvent;

/// <summary>
/// Owns the terminal while a full-screen view runs: alternate screen, hidden cursor, Ctrl+C as a key, key reader,
/// SIGWINCH → <see cref="ResizeEvent"/>, SIGTERM/SIGINT/SIGHUP/SIGQUIT → <see cref="QuitEvent"/>. The terminal is
/// restored on <see cref="Dispose"/>, on process exit and on an unhandled exception (each restores once).
/// The UI loop awaits <see cref="Events"/>, drains what is queued, then calls <see cref="Draw"/> once.
/// </summary>
public sealed class TerminalSession : IDisposable
{
    internal const string EnterSequence = "\e[?1049h\e[?25l";
    internal const string RestoreSequence = "\e[?2026l\e[0m\e[?25h\e[?1049l";

    private readonly Stream _output;
    private readonly Func<(int Width, int Height)> _size;
    private readonly Channel<TerminalEvent> _events = Channel.CreateUnbounded<TerminalEvent>();
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly bool _ownsConsole;
    private readonly Lock _writeLock = new();
    private int _restored;
    private bool _suspended;

    internal TerminalSession(Stream output, IKeySource keys, Func<(int Width, int Height)> size, Renderer renderer,
        bool ownsConsole)
    {
        _output = output;
        _size = size;
        _ownsConsole = ownsConsole;
        Renderer = renderer;
        Keys = new KeyReader(key => _events.Writer.TryWrite(new KeyEvent(key)), keys,
            _ => _events.Writer.TryWrite(new QuitEvent("input closed")));
    }

    /// <summary>True when stdin and stdout are both a terminal; a full-screen view must refuse to start otherwise.</summary>
    public static bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>Takes over the real console. Call only when <see cref="IsInteractive"/>.</summary>
    public static TerminalSession Start()
    {
        var session = new TerminalSession(Console.OpenStandardOutput(), new ConsoleKeySource(),
            () => (Console.WindowWidth, Console.WindowHeight), Renderer.FromEnvironment(), ownsConsole: true);
        session.Begin(installHandlers: true);
        return session;
    }

    public ChannelReader<TerminalEvent> Events => _events.Reader;
    public KeyReader Keys { get; }
    public Renderer Renderer { get; }
    public (int Width, int Height) Size => _size();

    /// <summary>Lets a test or a screen inject an event (e.g. a model update waking the loop).</summary>
    public bool Post(TerminalEvent e) => _events.Writer.TryWrite(e);

    internal void Begin(bool installHandlers)
    {
        if (_ownsConsole) SetControlCAsInput(true);
        WriteRaw(EnterSequence);
        if (installHandlers)
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ =>
            {
                var (w, h) = _size();
                _events.Writer.TryWrite(new ResizeEvent(w, h));
            }));
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            {
                _signals.Add(PosixSignalRegistration.Create(signal, ctx =>
                {
                    ctx.Cancel = true; // let the UI loop quit and dispose cleanly
                    _events.Writer.TryWrite(new QuitEvent(ctx.Signal.ToString()));
                }));
            }
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        }
        Keys.Start();
    }

    /// <summary>Renders <paramref name="frame"/> against the previous one and writes the bytes in one write.</summary>
    public int Draw(Frame frame)
    {
        var bytes = Renderer.Render(frame);
        if (bytes.Length > 0) Write(bytes);
        return bytes.Length;
    }

    /// <summary>One write + flush of raw bytes (nothing else may write to stdout while the session is up).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_writeLock)
        {
            if (Volatile.Read(ref _restored) != 0) return;
            try
            {
                _output.Write(bytes);
                _output.Flush();
            }
            catch (IOException)
            {
                // The terminal went away (SIGHUP); the loop will get a QuitEvent.
            }
        }
    }

    /// <summary>
    /// Hands the terminal to a child process (an editor, tmux attach): stops reading keys, leaves the alternate
    /// screen and shows the cursor. Disposing the returned handle takes the terminal back and forces a full repaint.
    /// </summary>
    public IDisposable SuspendForChild()
    {
        Keys.Pause();
        WriteRaw(RestoreSequence);
        if (_ownsConsole) SetControlCAsInput(false);
        _suspended = true;
        return new ResumeHandle(this);
    }

    /// <summary>
    /// Ctrl+Z: gives the terminal back (as for a child), stops the process group like a shell's job control, and takes
    /// the terminal back with a full repaint once <c>fg</c> continues it. A session that does not own the console (tests)
    /// only gives the terminal back and takes it again.
    /// </summary>
    public void SuspendToShell()
    {
        using (SuspendForChild())
        {
            if (_ownsConsole) Termios.StopProcessGroup();
        }
    }

    public void Dispose()
    {
        Restore();
        Keys.Dispose();
        foreach (var registration in _signals) registration.Dispose();
        _signals.Clear();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        _events.Writer.TryComplete();
    }

    private void Resume()
    {
        if (!_suspended) return;
        _suspended = false;
        if (_ownsConsole) SetControlCAsInput(true);
        WriteRaw(EnterSequence);
        Renderer.Invalidate();
        Keys.Resume();
        var (w, h) = _size();
        _events.Writer.TryWrite(new ResizeEvent(w, h)); // wake the loop to repaint
    }

    private void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) != 0) return;
        lock (_writeLock)
        {
            try
            {
                if (!_suspended) _output.Write(System.Text.Encoding.UTF8.GetBytes(RestoreSequence));
                _output.Flush();
            }
            catch (IOException)
            {
            }
        }
        if (_ownsConsole) SetControlCAsInput(false);
    }

    private void WriteRaw(string text) => Write(System.Text.Encoding.UTF8.GetBytes(text));

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) => Restore();

    private static void SetControlCAsInput(bool value)
    {
        try
        {
            Console.TreatControlCAsInput = value;
        }
        catch (IOException)
        {
            // stdin is not a terminal
        }
    }

    private sealed class ResumeHandle(TerminalSession session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) session.Resume();
        }
    }
}
