using System.Buffers;
using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>What the parser holds back until more bytes arrive (the reader waits a bounded time for them).</summary>
public enum InputPending
{
    None,
    /// <summary>An escape sequence or a UTF-8 character cut by the end of a read.</summary>
    Sequence,
    /// <summary>Inside a bracketed paste whose end marker has not arrived yet.</summary>
    Paste,
}

/// <summary>
/// Terminal input bytes → <see cref="KeyEvent"/>, <see cref="MouseEvent"/> and <see cref="PasteEvent"/>: UTF-8 text,
/// control keys, CSI/SS3 key sequences (arrows, Home/End, PgUp/PgDn, Insert/Delete, F1–F12, Shift-Tab, with
/// modifiers), SGR mouse reports (<c>CSI &lt; b;x;y M/m</c>, and the legacy X10 form), bracketed paste
/// (<c>CSI 200~ … CSI 201~</c>, delivered whole) and the modifyOtherKeys / CSI-u forms. Pure: no terminal, no clock.
/// <para>
/// Esc is never guessed: an ESC that ends the bytes at hand is the Esc key at once; ESC followed by a printable
/// character is Esc and then that character (never Alt+character: no binding uses Alt+letter, and a quick Esc then
/// <c>/</c> must stay a filter, not text for the Companion). ESC CR is Alt+Enter (a newline in the composer) and ESC DEL
/// Alt+Backspace. A sequence cut by the end of a read is held (<see cref="Pending"/>) until the next
/// <see cref="Feed"/>; when nothing follows in time, <see cref="Flush"/> turns it into Esc and the bytes as typed.
/// Unknown or malformed sequences are dropped; invalid UTF-8 is skipped. Never throws on any input.
/// </para>
/// </summary>
public sealed class InputParser
{
    private const byte Esc = 0x1b;
    /// <summary>Longer "sequences" are garbage: dropped rather than held.</summary>
    private const int MaxSequence = 64;
    /// <summary>A paste keeps at most this many bytes (the rest is dropped, the end marker is still honoured).</summary>
    public const int MaxPasteBytes = 8 << 20;
    private static ReadOnlySpan<byte> PasteEnd => "\e[201~"u8;

    private byte[] _held = [];
    private ArrayBufferWriter<byte>? _paste;

    public InputPending Pending => _paste is not null ? InputPending.Paste : _held.Length > 0 ? InputPending.Sequence : InputPending.None;

    /// <summary>Parses <paramref name="bytes"/> (after whatever was held) and appends the events to <paramref name="output"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, List<TerminalEvent> output)
    {
        byte[]? joined = null;
        if (_held.Length > 0)
        {
            joined = [.. _held, .. bytes];
            _held = [];
        }
        var data = joined is null ? bytes : joined;
        var i = 0;
        while (i < data.Length)
        {
            if (_paste is not null)
            {
                i += ConsumePaste(data[i..], output);
                continue;
            }
            var used = ParseOne(data[i..], output);
            if (used == 0)
            {
                _held = data[i..].ToArray();
                return;
            }
            i += used;
        }
    }

    /// <summary>Nothing more arrived in time: a held sequence becomes Esc and its bytes as typed (a cut UTF-8
    /// character is dropped); an unfinished paste is delivered as it is.</summary>
    public void Flush(List<TerminalEvent> output)
    {
        if (_paste is not null)
        {
            _held = [];
            EndPaste(output);
        }
        while (_held.Length > 0)
        {
            var held = _held;
            _held = [];
            if (held[0] == Esc) output.Add(new KeyEvent(Key.Of(KeyCode.Escape)));
            Feed(held.AsSpan(1), output);
        }
    }

    /// <summary>Parses one key, report or control at the start of <paramref name="d"/>; returns the bytes used, 0 when incomplete.</summary>
    private int ParseOne(ReadOnlySpan<byte> d, List<TerminalEvent> output)
    {
        var b = d[0];
        if (b == Esc) return ParseEscape(d, output);
        if (b < 0x20 || b == 0x7f)
        {
            output.Add(new KeyEvent(Control(b)));
            return 1;
        }
        if (b < 0x80)
        {
            output.Add(new KeyEvent(Key.Char((char)b)));
            return 1;
        }
        var status = Rune.DecodeFromUtf8(d, out var rune, out var used);
        if (status == OperationStatus.NeedMoreData) return d.Length >= 4 ? 1 : 0;
        if (status == OperationStatus.Done && !Rune.IsControl(rune)) output.Add(new KeyEvent(Key.Char(rune.ToString())));
        return Math.Max(1, used);
    }

    private static Key Control(byte b) => b switch
    {
        0x0d => Key.Of(KeyCode.Enter),
        0x0a => Key.Of(KeyCode.Enter, KeyMods.Ctrl), // Ctrl+J
        0x09 => Key.Of(KeyCode.Tab),
        0x08 or 0x7f => Key.Of(KeyCode.Backspace),
        0x00 => new Key(KeyCode.Char, KeyMods.Ctrl, " "),
        <= 0x1a => Key.Ctrl((char)('a' + b - 1)),
        _ => new Key(KeyCode.Char, KeyMods.Ctrl, ((char)(b + 0x40)).ToString()), // Ctrl+\ ] ^ _
    };

    private int ParseEscape(ReadOnlySpan<byte> d, List<TerminalEvent> output)
    {
        if (d.Length == 1)
        {
            // An ESC that ends what arrived is the Esc key, at once (terminals send a sequence in one write).
            output.Add(new KeyEvent(Key.Of(KeyCode.Escape)));
            return 1;
        }
        switch (d[1])
        {
            case (byte)'[':
                return ParseCsi(d, output);
            case (byte)'O':
                if (d.Length < 3) return 0;
                if (Ss3(d[2]) is { } ss3) output.Add(new KeyEvent(ss3));
                return 3;
            case 0x0d:
                output.Add(new KeyEvent(Key.Of(KeyCode.Enter, KeyMods.Alt)));
                return 2;
            case 0x7f or 0x08:
                output.Add(new KeyEvent(Key.Of(KeyCode.Backspace, KeyMods.Alt)));
                return 2;
            default:
                // Esc, then the next byte on its own (never Alt+character).
                output.Add(new KeyEvent(Key.Of(KeyCode.Escape)));
                return 1;
        }
    }

    private static Key? Ss3(byte final) => final switch
    {
        (byte)'A' => Key.Of(KeyCode.Up),
        (byte)'B' => Key.Of(KeyCode.Down),
        (byte)'C' => Key.Of(KeyCode.Right),
        (byte)'D' => Key.Of(KeyCode.Left),
        (byte)'H' => Key.Of(KeyCode.Home),
        (byte)'F' => Key.Of(KeyCode.End),
        (byte)'P' => Key.Of(KeyCode.F1),
        (byte)'Q' => Key.Of(KeyCode.F2),
        (byte)'R' => Key.Of(KeyCode.F3),
        (byte)'S' => Key.Of(KeyCode.F4),
        (byte)'M' => Key.Of(KeyCode.Enter),
        _ => null,
    };

    private int ParseCsi(ReadOnlySpan<byte> d, List<TerminalEvent> output)
    {
        if (d.Length < 3) return 0;
        if (d[2] == (byte)'M')
        {
            // Legacy X10 mouse: CSI M, then button, column and row as single bytes offset by 32.
            if (d.Length < 6) return 0;
            if (X10Mouse(d[3], d[4], d[5]) is { } legacy) output.Add(new MouseEvent(legacy));
            return 6;
        }
        var j = 2;
        while (j < d.Length && d[j] is >= 0x30 and <= 0x3f) j++;
        while (j < d.Length && d[j] is >= 0x20 and <= 0x2f) j++;
        if (j >= d.Length) return j >= MaxSequence ? j : 0;
        var final = d[j];
        if (final is < 0x40 or > 0x7e) return j; // malformed: drop what was read, parse the odd byte on its own
        var body = d[2..j];
        var consumed = j + 1;
        if (body.Length > 0 && body[0] == (byte)'<')
        {
            if (final is (byte)'M' or (byte)'m' && SgrMouse(body[1..], final == (byte)'m') is { } mouse) output.Add(new MouseEvent(mouse));
            return consumed;
        }
        if (body.Length > 0 && body[0] is (byte)'?' or (byte)'>' or (byte)'=') return consumed; // replies to queries
        Span<int> p = stackalloc int[4];
        var count = Params(body, p);
        var mods = count >= 2 ? Mods(p[1]) : KeyMods.None;
        Key? key = final switch
        {
            (byte)'A' => Key.Of(KeyCode.Up, mods),
            (byte)'B' => Key.Of(KeyCode.Down, mods),
            (byte)'C' => Key.Of(KeyCode.Right, mods),
            (byte)'D' => Key.Of(KeyCode.Left, mods),
            (byte)'H' => Key.Of(KeyCode.Home, mods),
            (byte)'F' => Key.Of(KeyCode.End, mods),
            (byte)'Z' => Key.Of(KeyCode.Tab, KeyMods.Shift),
            (byte)'P' => Key.Of(KeyCode.F1, mods),
            (byte)'Q' => Key.Of(KeyCode.F2, mods),
            (byte)'R' => Key.Of(KeyCode.F3, mods),
            (byte)'S' => Key.Of(KeyCode.F4, mods),
            (byte)'u' when count >= 1 => FromCode(p[0], mods),
            (byte)'~' when count >= 1 => Tilde(p[0], mods, count >= 3 ? p[2] : -1),
            _ => null,
        };
        if (final == (byte)'~' && count >= 1 && p[0] == 200)
        {
            _paste = new ArrayBufferWriter<byte>();
            return consumed;
        }
        if (key is { } k) output.Add(new KeyEvent(k));
        return consumed;
    }

    private static Key? Tilde(int code, KeyMods mods, int otherKey) => code switch
    {
        1 or 7 => Key.Of(KeyCode.Home, mods),
        2 => Key.Of(KeyCode.Insert, mods),
        3 => Key.Of(KeyCode.Delete, mods),
        4 or 8 => Key.Of(KeyCode.End, mods),
        5 => Key.Of(KeyCode.PageUp, mods),
        6 => Key.Of(KeyCode.PageDown, mods),
        >= 11 and <= 15 => Key.Of(KeyCode.F1 + (code - 11), mods),
        >= 17 and <= 21 => Key.Of(KeyCode.F6 + (code - 17), mods),
        23 => Key.Of(KeyCode.F11, mods),
        24 => Key.Of(KeyCode.F12, mods),
        27 when otherKey >= 0 => FromCode(otherKey, mods), // modifyOtherKeys: CSI 27;mods;code~
        _ => null,
    };

    /// <summary>A key given by its code point (CSI-u and modifyOtherKeys).</summary>
    private static Key? FromCode(int code, KeyMods mods) => code switch
    {
        13 => Key.Of(KeyCode.Enter, mods & ~KeyMods.Shift),
        9 => Key.Of(KeyCode.Tab, mods & KeyMods.Shift),
        27 => Key.Of(KeyCode.Escape),
        8 or 127 => Key.Of(KeyCode.Backspace, mods & KeyMods.Alt),
        _ when (mods & KeyMods.Ctrl) != 0 && code is >= 'a' and <= 'z' or >= 'A' and <= 'Z' =>
            new Key(KeyCode.Char, mods & ~KeyMods.Shift, ((char)char.ToLowerInvariant((char)code)).ToString()),
        >= 32 and not 127 when Rune.IsValid(code) && !Rune.IsControl(new Rune(code)) =>
            new Key(KeyCode.Char, mods & (KeyMods.Ctrl | KeyMods.Alt), new Rune(code).ToString()),
        _ => null,
    };

    /// <summary>xterm modifier parameter: 1 + (1 Shift | 2 Alt | 4 Ctrl | 8 Meta).</summary>
    private static KeyMods Mods(int value)
    {
        var bits = Math.Max(0, value - 1);
        return ((bits & 1) != 0 ? KeyMods.Shift : KeyMods.None) | ((bits & 10) != 0 ? KeyMods.Alt : KeyMods.None)
            | ((bits & 4) != 0 ? KeyMods.Ctrl : KeyMods.None);
    }

    /// <summary>Semicolon-separated numbers (sub-parameters after ':' ignored, values capped); returns how many.</summary>
    private static int Params(ReadOnlySpan<byte> body, Span<int> into)
    {
        var count = 0;
        var value = 0;
        var any = false;
        var sub = false;
        foreach (var b in body)
        {
            if (b == (byte)';')
            {
                if (count < into.Length) into[count] = any ? value : 0;
                count++;
                value = 0;
                any = sub = false;
            }
            else if (b == (byte)':') sub = true;
            else if (b is >= (byte)'0' and <= (byte)'9' && !sub)
            {
                value = Math.Min(100_000, value * 10 + (b - '0'));
                any = true;
            }
        }
        if (count < into.Length) into[count] = any ? value : 0;
        return Math.Min(count + 1, into.Length);
    }

    private static Mouse? SgrMouse(ReadOnlySpan<byte> body, bool release)
    {
        Span<int> p = stackalloc int[3];
        if (Params(body, p) < 3) return null;
        return Decode(p[0], p[1] - 1, p[2] - 1, release);
    }

    private static Mouse? X10Mouse(byte button, byte column, byte row)
    {
        var b = button - 32;
        var legacyRelease = (b & 3) == 3 && (b & (64 | 32)) == 0;
        return b < 0 ? null : Decode(b, column - 33, row - 33, legacyRelease);
    }

    private static Mouse? Decode(int b, int x, int y, bool release)
    {
        var mods = ((b & 4) != 0 ? KeyMods.Shift : KeyMods.None) | ((b & 8) != 0 ? KeyMods.Alt : KeyMods.None)
            | ((b & 16) != 0 ? KeyMods.Ctrl : KeyMods.None);
        (x, y) = (Math.Max(0, x), Math.Max(0, y));
        if ((b & 128) != 0) return null; // buttons 8–11: nothing uses them
        if ((b & 64) != 0)
        {
            var wheel = (b & 3) switch { 0 => MouseButton.WheelUp, 1 => MouseButton.WheelDown, 2 => MouseButton.WheelLeft, _ => MouseButton.WheelRight };
            return release ? null : new Mouse(MouseAction.Press, wheel, x, y, mods);
        }
        var button = (b & 3) switch { 0 => MouseButton.Left, 1 => MouseButton.Middle, 2 => MouseButton.Right, _ => MouseButton.None };
        var action = release ? MouseAction.Release : (b & 32) != 0 ? MouseAction.Drag : MouseAction.Press;
        return new Mouse(action, button, x, y, mods);
    }

    /// <summary>Inside a paste: everything up to the end marker is text. Returns the bytes used (all of them when the
    /// marker has not come yet; a cut marker at the end is held).</summary>
    private int ConsumePaste(ReadOnlySpan<byte> d, List<TerminalEvent> output)
    {
        var end = d.IndexOf(PasteEnd);
        if (end >= 0)
        {
            Append(d[..end]);
            EndPaste(output);
            return end + PasteEnd.Length;
        }
        var keep = 0;
        for (var n = Math.Min(PasteEnd.Length - 1, d.Length); n > 0; n--)
        {
            if (d[^n..].SequenceEqual(PasteEnd[..n]))
            {
                keep = n;
                break;
            }
        }
        Append(d[..^keep]);
        _held = d[^keep..].ToArray();
        return d.Length;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var room = MaxPasteBytes - _paste!.WrittenCount;
        if (room > 0) _paste.Write(bytes[..Math.Min(room, bytes.Length)]);
    }

    private void EndPaste(List<TerminalEvent> output)
    {
        var text = Encoding.UTF8.GetString(_paste!.WrittenSpan);
        _paste = null;
        if (text.Length > 0) output.Add(new PasteEvent(text));
    }
}
