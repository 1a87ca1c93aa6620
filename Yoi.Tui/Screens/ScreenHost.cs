using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens;

/// <summary>An update posted from background work; applied on the loop thread.</summary>
internal sealed record PostedUpdate(Action Apply) : TerminalEvent;

/// <summary>
/// The app shell: one loop over a <see cref="TerminalSession"/> that delivers keys, mouse reports, pastes, resizes, posted updates and
/// ticks (input wait ≤ <see cref="TickInterval"/>) to the screen on top of a stack, and draws one frame after each
/// batch of changes (the renderer diffs, so an unchanged frame writes nothing). A <see cref="QuitEvent"/> (SIGTERM,
/// SIGINT, SIGHUP, lost input) or <see cref="Quit"/> stops every screen top-down and returns the exit code; the
/// caller's <c>using</c> of the session restores the terminal (the session also restores on process exit and on an
/// unhandled exception). See <see cref="Screen"/> for how a screen plugs in.
/// </summary>
public sealed class ScreenHost
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly TerminalSession _session;
    private readonly TimeSpan _tick;
    private readonly List<Screen> _stack = [];
    private (int Width, int Height) _size;
    private bool _dirty = true;
    private bool _quit;
    private int _exitCode;
    private long _frames;
    private int _loopThread;

    public ScreenHost(TerminalSession session, TimeProvider? time = null, TimeSpan? tickInterval = null)
    {
        _session = session;
        Time = time ?? TimeProvider.System;
        _tick = tickInterval ?? TickInterval;
        _size = session.Size;
    }

    public TimeProvider Time { get; }

    /// <summary>The terminal size the next frame is drawn at.</summary>
    public (int Width, int Height) Size => _size;

    public Screen? Top => _stack.Count == 0 ? null : _stack[^1];

    public int Depth => _stack.Count;

    /// <summary>Frames drawn so far (tests observe "one frame per change" with it).</summary>
    public long FramesDrawn => Interlocked.Read(ref _frames);

    /// <summary>The last frame handed to the terminal (tests read its text and styles).</summary>
    public Frame? LastFrame { get; private set; }

    /// <summary>Puts <paramref name="screen"/> on top and starts it. Loop thread only (from a screen callback).</summary>
    public void Push(Screen screen)
    {
        screen.Attach(this);
        _stack.Add(screen);
        _dirty = true;
        screen.OnStart();
    }

    /// <summary>Stops the top screen and hands <paramref name="result"/> to the one below; popping the last screen
    /// ends <see cref="RunAsync"/>. Loop thread only.</summary>
    public void Pop(object? result = null)
    {
        if (_stack.Count == 0) return;
        var top = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        top.OnStop();
        _dirty = true;
        Top?.OnResume(result);
    }

    /// <summary>Ends the loop after the current event; every screen is stopped. Loop thread only.</summary>
    public void Quit(int exitCode = 0)
    {
        _quit = true;
        _exitCode = exitCode;
    }

    /// <summary>Thread-safe: runs <paramref name="update"/> on the loop thread, then draws. Dropped after the loop ended.</summary>
    public void Post(Action update) => _session.Post(new PostedUpdate(update));

    /// <summary>Writes out-of-frame bytes (bell, OSC 9 notification) through the session; loop thread only.</summary>
    public void Signal(ReadOnlySpan<byte> bytes) => _session.Write(bytes);

    /// <summary>True on the loop thread (screens may assert it).</summary>
    public bool IsLoopThread => Environment.CurrentManagedThreadId == Volatile.Read(ref _loopThread);

    /// <summary>Hands the terminal to a child process: the key reader pauses and the alternate screen is left until the
    /// handle is disposed, then the screen is repainted in full.</summary>
    public IDisposable SuspendForChild() => _session.SuspendForChild();

    /// <summary>Mouse reporting is on (screens may mention clicks in their hints only then).</summary>
    public bool Mouse => _session.Mouse;

    /// <summary>Ctrl+Z: suspends to the shell until <c>fg</c>, then repaints everything. Loop thread only.</summary>
    public void Suspend()
    {
        _session.SuspendToShell();
        _dirty = true;
    }

    /// <summary>Runs <paramref name="root"/> until the stack is empty, <see cref="Quit"/> or a quit signal.</summary>
    public async Task<int> RunAsync(Screen root, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _loopThread, Environment.CurrentManagedThreadId);
        try
        {
            Push(root);
            var lastTick = Time.GetUtcNow();
            while (!_quit && _stack.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                if (_dirty) Draw();
                var more = await WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!more) break;
                Volatile.Write(ref _loopThread, Environment.CurrentManagedThreadId);
                while (!_quit && _stack.Count > 0 && _session.Events.TryRead(out var e)) Apply(e);
                var now = Time.GetUtcNow();
                if (!_quit && Top is { } top && now - lastTick >= _tick)
                {
                    lastTick = now;
                    if (top.OnTick(now)) _dirty = true;
                }
            }
            return _exitCode;
        }
        finally
        {
            while (_stack.Count > 0)
            {
                var top = _stack[^1];
                _stack.RemoveAt(_stack.Count - 1);
                top.OnStop();
            }
        }
    }

    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (_session.Events.TryPeek(out _)) return true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_tick);
        try
        {
            return await _session.Events.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true; // tick
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Apply(TerminalEvent e)
    {
        switch (e)
        {
            case KeyEvent key:
                Top?.OnKey(key.Key);
                _dirty = true;
                break;
            case MouseEvent mouse:
                Top?.OnMouse(mouse.Mouse);
                _dirty = true;
                break;
            case PasteEvent paste:
                Top?.OnPaste(paste.Text);
                _dirty = true;
                break;
            case ResizeEvent resize:
                _size = (resize.Width, resize.Height);
                _dirty = true;
                break;
            case PostedUpdate update:
                update.Apply();
                _dirty = true;
                break;
            case QuitEvent:
                Quit();
                break;
        }
    }

    private void Draw()
    {
        _dirty = false;
        if (Top is not { } top) return;
        var (w, h) = _size;
        if (w <= 0 || h <= 0) return;
        var frame = new Frame(w, h);
        if (TooSmall.Applies(w, h)) TooSmall.Render(frame);
        else top.Render(frame);
        _session.Draw(frame);
        LastFrame = frame;
        Interlocked.Increment(ref _frames);
    }
}
