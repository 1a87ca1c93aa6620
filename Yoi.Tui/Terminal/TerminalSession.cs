using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Yoi.Tui.Terminal;

/// <summary>
/// Owns the terminal while a full-screen view runs: raw input (termios raw mode; Ctrl+C and Ctrl+Z arrive as keys),
/// alternate screen, hidden cursor, bracketed paste and (unless turned off) SGR mouse reporting, the input reader
/// (<see cref="InputReader"/>), SIGWINCH → <see cref="ResizeEvent"/>, SIGTERM/SIGINT/SIGHUP/SIGQUIT →
/// <see cref="QuitEvent"/>. The terminal (modes and termios) is restored on <see cref="Dispose"/>, on process exit and
/// on an unhandled exception (each restores once). The UI loop awaits <see cref="Events"/>, drains what is queued,
/// then calls <see cref="Draw"/> once.
/// </summary>
public sealed class TerminalSession : IDisposable
{
    internal const string EnterSequence = "\e[?1049h\e[?25l\e[?2004h";
    /// <summary>Button press/release reports (no motion) in the SGR encoding.</summary>
    internal const string MouseOnSequence = "\e[?1000h\e[?1006h";
    internal const string RestoreSequence = "\e[?2026l\e[0m\e[?1006l\e[?1000l\e[?2004l\e[?25h\e[?1049l";

    private readonly Stream _output;
    private readonly Func<(int Width, int Height)> _size;
    private readonly Channel<TerminalEvent> _events = Channel.CreateUnbounded<TerminalEvent>();
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly bool _ownsConsole;
    private readonly bool _mouse;
    private byte[]? _savedTermios;
    private readonly Lock _writeLock = new();
    private int _restored;
    private bool _suspended;

    internal TerminalSession(Stream output, IInputSource input, Func<(int Width, int Height)> size, Renderer renderer,
        bool ownsConsole, bool mouse = true)
    {
        _output = output;
        _size = size;
        _ownsConsole = ownsConsole;
        _mouse = mouse;
        Renderer = renderer;
        Input = new InputReader(input, e => _events.Writer.TryWrite(e), _ => _events.Writer.TryWrite(new QuitEvent("input closed")));
    }

    /// <summary>True when stdin and stdout are both a terminal; a full-screen view must refuse to start otherwise.</summary>
    public static bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>Takes over the real console. Call only when <see cref="IsInteractive"/>.</summary>
    /// <param name="mouse">Mouse reporting (<c>panel.mouse</c>); false leaves the terminal's own selection working.</param>
    public static TerminalSession Start(bool mouse = true)
    {
        var session = new TerminalSession(Console.OpenStandardOutput(), new StdInSource(),
            () => (Console.WindowWidth, Console.WindowHeight), Renderer.FromEnvironment(), ownsConsole: true, mouse);
        session.Begin(installHandlers: true);
        return session;
    }

    public ChannelReader<TerminalEvent> Events => _events.Reader;
    public InputReader Input { get; }

    /// <summary>Mouse reporting is on while the session owns the terminal.</summary>
    public bool Mouse => _mouse;
    public Renderer Renderer { get; }
    public (int Width, int Height) Size => _size();

    /// <summary>Lets a test or a screen inject an event (e.g. a model update waking the loop).</summary>
    public bool Post(TerminalEvent e) => _events.Writer.TryWrite(e);

    internal void Begin(bool installHandlers)
    {
        TakeTerminal();
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
        Input.Start();
    }

    /// <summary>Raw mode, alternate screen, hidden cursor, paste and mouse modes.</summary>
    private void TakeTerminal()
    {
        if (_ownsConsole)
        {
            InitializeDotnetConsole();
            _savedTermios = Termios.EnterRaw();
        }
        WriteRaw(_mouse ? EnterSequence + MouseOnSequence : EnterSequence);
    }

    /// <summary>Modes off, main screen, cursor shown, line mode back.</summary>
    private void GiveTerminal()
    {
        WriteRaw(RestoreSequence);
        RestoreTermios();
    }

    private void RestoreTermios()
    {
        if (Interlocked.Exchange(ref _savedTermios, null) is { } saved) Termios.Restore(saved);
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
        Input.Pause();
        GiveTerminal();
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
        Input.Dispose();
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
        TakeTerminal();
        Renderer.Invalidate();
        Input.Resume();
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
        RestoreTermios();
    }

    private void WriteRaw(string text) => Write(System.Text.Encoding.UTF8.GetBytes(text));

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) => Restore();

    /// <summary>
    /// The .NET runtime records the terminal's settings the first time the console or the Process class needs them and
    /// puts those back at exit. That must happen before raw mode (reading the property does it and changes nothing),
    /// or a Pod spawned later would make it record raw mode and leave the shell in raw mode after yoi exits.
    /// </summary>
    private static void InitializeDotnetConsole()
    {
        try
        {
            _ = Console.TreatControlCAsInput;
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
