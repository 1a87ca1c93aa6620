namespace Yoi.Tui.Terminal;

/// <summary>Maps <see cref="ConsoleKeyInfo"/> (as .NET decodes terminal input on Linux) to a <see cref="Key"/>.
/// Printable input is dispatched on KeyChar (.NET reports '/' as Divide and '?' or Japanese as None), special keys on Key.</summary>
public static class KeyDecoder
{
    public static Key Decode(ConsoleKeyInfo info)
    {
        var mods = (info.Modifiers.HasFlag(ConsoleModifiers.Shift) ? KeyMods.Shift : KeyMods.None)
                   | (info.Modifiers.HasFlag(ConsoleModifiers.Alt) ? KeyMods.Alt : KeyMods.None)
                   | (info.Modifiers.HasFlag(ConsoleModifiers.Control) ? KeyMods.Ctrl : KeyMods.None);
        var c = info.KeyChar;

        // Control characters first: their ConsoleKey varies by terminal.
        switch (c)
        {
            case '\r': return Key.Of(KeyCode.Enter, mods & ~KeyMods.Shift);
            case '\n': return Key.Of(KeyCode.Enter, (mods | KeyMods.Ctrl) & ~KeyMods.Shift); // Ctrl+J
            case '\t': return Key.Of(KeyCode.Tab, mods & KeyMods.Shift);
            case '\e': return Key.Of(KeyCode.Escape, mods & KeyMods.Alt);
            case '\b' or '\x7f': return Key.Of(KeyCode.Backspace, mods & KeyMods.Alt);
        }

        var special = info.Key switch
        {
            ConsoleKey.Enter => KeyCode.Enter,
            ConsoleKey.Escape => KeyCode.Escape,
            ConsoleKey.Tab => KeyCode.Tab,
            ConsoleKey.Backspace => KeyCode.Backspace,
            ConsoleKey.Delete => KeyCode.Delete,
            ConsoleKey.Insert => KeyCode.Insert,
            ConsoleKey.UpArrow => KeyCode.Up,
            ConsoleKey.DownArrow => KeyCode.Down,
            ConsoleKey.LeftArrow => KeyCode.Left,
            ConsoleKey.RightArrow => KeyCode.Right,
            ConsoleKey.Home => KeyCode.Home,
            ConsoleKey.End => KeyCode.End,
            ConsoleKey.PageUp => KeyCode.PageUp,
            ConsoleKey.PageDown => KeyCode.PageDown,
            >= ConsoleKey.F1 and <= ConsoleKey.F12 => KeyCode.F1 + (info.Key - ConsoleKey.F1),
            _ => KeyCode.Unknown,
        };
        if (special != KeyCode.Unknown) return Key.Of(special, mods);

        // Ctrl+letter arrives as U+0001..U+001A (or with the Control modifier and the letter key).
        if (c is >= '\x01' and <= '\x1a') return Key.Ctrl((char)('a' + c - 1));
        if (mods.HasFlag(KeyMods.Ctrl) && info.Key is >= ConsoleKey.A and <= ConsoleKey.Z)
            return new Key(KeyCode.Char, mods & ~KeyMods.Shift, ((char)('a' + (info.Key - ConsoleKey.A))).ToString());

        if (c != '\0' && !char.IsControl(c))
            return new Key(KeyCode.Char, mods & KeyMods.Alt, c.ToString());
        return new Key(KeyCode.Unknown, mods);
    }
}
