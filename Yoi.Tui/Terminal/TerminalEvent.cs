namespace Yoi.Tui.Terminal;

/// <summary>Something the UI loop reacts to.</summary>
public abstract record TerminalEvent;

public sealed record KeyEvent(Key Key) : TerminalEvent;

/// <summary>A click, release or wheel notch (only while mouse reporting is on).</summary>
public sealed record MouseEvent(Mouse Mouse) : TerminalEvent;

/// <summary>Text the terminal delivered as one bracketed paste (<c>CSI 200~ … CSI 201~</c>): never keys, never a send.</summary>
public sealed record PasteEvent(string Text) : TerminalEvent;

public sealed record ResizeEvent(int Width, int Height) : TerminalEvent;

/// <summary>A signal (SIGTERM, SIGINT, SIGHUP, SIGQUIT) or lost input asks the UI to quit.</summary>
public sealed record QuitEvent(string Reason) : TerminalEvent;
