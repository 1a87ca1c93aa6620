namespace Yoi.Tui.Terminal;

/// <summary>Which mouse button a report is about; the wheel is four more "buttons" (one report per notch).</summary>
public enum MouseButton
{
    Left,
    Middle,
    Right,
    /// <summary>No button (a release in the legacy encoding, or motion with no button held).</summary>
    None,
    WheelUp,
    WheelDown,
    WheelLeft,
    WheelRight,
}

public enum MouseAction
{
    Press,
    Release,
    /// <summary>Motion with a button held (only when the terminal reports motion).</summary>
    Drag,
}

/// <summary>
/// One mouse report, decoded from SGR (<c>CSI &lt; b;x;y M/m</c>) or the legacy X10 encoding. <see cref="X"/> and
/// <see cref="Y"/> are 0-based cells, like <see cref="Frame"/> coordinates.
/// </summary>
public readonly record struct Mouse(MouseAction Action, MouseButton Button, int X, int Y, KeyMods Mods = KeyMods.None)
{
    public bool IsWheel => Button is MouseButton.WheelUp or MouseButton.WheelDown or MouseButton.WheelLeft or MouseButton.WheelRight;

    /// <summary>Lines one wheel notch scrolls: negative up, positive down, 0 for anything else.</summary>
    public int WheelLines => Button switch
    {
        MouseButton.WheelUp => -WheelStep,
        MouseButton.WheelDown => WheelStep,
        _ => 0,
    };

    public bool IsLeftPress => Action == MouseAction.Press && Button == MouseButton.Left;

    /// <summary>Lines per wheel notch (as most terminals' own scrollback does).</summary>
    public const int WheelStep = 3;
}
