namespace Yoi.Tui.Terminal;

/// <summary>What a key press means to the screens.</summary>
public enum KeyCode
{
    Unknown,
    /// <summary>Printable text (see <see cref="Key.Text"/>) or a Ctrl/Alt + letter.</summary>
    Char,
    Enter,
    Escape,
    Tab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
}

[Flags]
public enum KeyMods : byte
{
    None = 0,
    Shift = 1,
    Alt = 2,
    Ctrl = 4,
}

/// <summary>
/// A decoded key press. Printable input (including Japanese) is <see cref="KeyCode.Char"/> with the text;
/// Ctrl+letter is <see cref="KeyCode.Char"/> with the lower-case letter and <see cref="KeyMods.Ctrl"/>.
/// Shift-Tab is <see cref="KeyCode.Tab"/> with <see cref="KeyMods.Shift"/>; Ctrl+J is Enter with Ctrl.
/// </summary>
public readonly record struct Key(KeyCode Code, KeyMods Mods = KeyMods.None, string Text = "")
{
    public static Key Of(KeyCode code, KeyMods mods = KeyMods.None) => new(code, mods);
    public static Key Char(string text) => new(KeyCode.Char, KeyMods.None, text);
    public static Key Char(char c) => new(KeyCode.Char, KeyMods.None, c.ToString());
    public static Key Ctrl(char letter) => new(KeyCode.Char, KeyMods.Ctrl, char.ToLowerInvariant(letter).ToString());
    public static Key Alt(char letter) => new(KeyCode.Char, KeyMods.Alt, letter.ToString());

    /// <summary>True for Ctrl+<paramref name="letter"/>.</summary>
    public bool IsCtrl(char letter) =>
        Code == KeyCode.Char && Mods == KeyMods.Ctrl && Text.Length == 1 && Text[0] == char.ToLowerInvariant(letter);

    /// <summary>Plain printable text with no Ctrl/Alt.</summary>
    public bool IsPrintable => Code == KeyCode.Char && (Mods & (KeyMods.Ctrl | KeyMods.Alt)) == 0 && Text.Length > 0;

    public override string ToString()
    {
        var prefix = ((Mods & KeyMods.Ctrl) != 0 ? "Ctrl+" : "") + ((Mods & KeyMods.Alt) != 0 ? "Alt+" : "")
                     + ((Mods & KeyMods.Shift) != 0 ? "Shift+" : "");
        return prefix + (Code == KeyCode.Char ? Text : Code.ToString());
    }
}
