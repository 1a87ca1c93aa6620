using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens;

/// <summary>
/// One full-screen view hosted by <see cref="ScreenHost"/>. Every callback runs on the host's loop thread, so a screen
/// keeps plain fields and needs no locks; background work hands its results back with <see cref="ScreenHost.Post"/>.
/// <see cref="Render"/> must be a pure function of the screen's state (no I/O, no clock reads).
/// </summary>
/// <example>
/// <code>
/// sealed class ClockScreen : Screen
/// {
///     private string _text = "loading…";
///     public override void OnStart() =>
///         _ = Task.Run(async () => { var t = await LoadAsync(); Host.Post(() => _text = t); });
///     public override void OnKey(Key key) { if (key.Code == KeyCode.Escape) Host.Pop(); }
///     public override bool OnTick(DateTimeOffset now) => false;   // true when a timed thing changed
///     public override void Render(Frame frame) => frame.Write(0, 0, _text);
/// }
/// // yoi panel: using var session = TerminalSession.Start();
/// //            return await new ScreenHost(session).RunAsync(new PanelScreen(...));
/// // opening a Pod from the panel: Host.Push(new PodScreen(...)); the panel's OnResume runs when it pops.
/// </code>
/// </example>
public abstract class Screen
{
    private ScreenHost? _host;

    /// <summary>The host this screen is pushed on (valid from <see cref="OnStart"/> until <see cref="OnStop"/>).</summary>
    protected ScreenHost Host => _host ?? throw new InvalidOperationException($"{GetType().Name} is not pushed on a ScreenHost");

    internal void Attach(ScreenHost host) => _host = host;

    /// <summary>The host, or null while the screen is not pushed (snapshot tests drive a screen without one).</summary>
    protected ScreenHost? HostOrNull => _host;

    /// <summary>Once, when pushed: start background work (connections, reloads) here.</summary>
    public virtual void OnStart()
    {
    }

    /// <summary>The screen above this one was popped; <paramref name="result"/> is what it passed to <see cref="ScreenHost.Pop"/>.</summary>
    public virtual void OnResume(object? result)
    {
    }

    /// <summary>Once, when popped or when the app quits: cancel background work and close connections.</summary>
    public virtual void OnStop()
    {
    }

    /// <summary>A key press while this screen is on top. The host draws a frame afterwards.</summary>
    public abstract void OnKey(Key key);

    /// <summary>A click, release or wheel notch while this screen is on top (mouse reporting on). Default: ignored.</summary>
    public virtual void OnMouse(Mouse mouse)
    {
    }

    /// <summary>A bracketed paste while this screen is on top: text to insert, never keys (a pasted newline never
    /// sends). Default: ignored.</summary>
    public virtual void OnPaste(string text)
    {
    }

    /// <summary>Periodic (about every 100 ms) while on top; return true when something visible changed (a notice
    /// expired, a spinner moved) so the host draws a frame.</summary>
    public virtual bool OnTick(DateTimeOffset now) => false;

    /// <summary>Draws the current state into a cleared frame of the terminal's size (never smaller than 60×16).</summary>
    public abstract void Render(Frame frame);
}
