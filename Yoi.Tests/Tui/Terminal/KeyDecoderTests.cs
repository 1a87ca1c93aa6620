using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class KeyDecoderTests
{
    private static Key Decode(char c, ConsoleKey key, bool shift = false, bool alt = false, bool ctrl = false) =>
        KeyDecoder.Decode(new ConsoleKeyInfo(c, key, shift, alt, ctrl));

    [Test]
    public void Special_keys_decode_with_their_modifiers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decode('\0', ConsoleKey.UpArrow), Is.EqualTo(Key.Of(KeyCode.Up)));
            Assert.That(Decode('\0', ConsoleKey.DownArrow), Is.EqualTo(Key.Of(KeyCode.Down)));
            Assert.That(Decode('\0', ConsoleKey.LeftArrow, ctrl: true), Is.EqualTo(Key.Of(KeyCode.Left, KeyMods.Ctrl)));
            Assert.That(Decode('\0', ConsoleKey.Home), Is.EqualTo(Key.Of(KeyCode.Home)));
            Assert.That(Decode('\0', ConsoleKey.End), Is.EqualTo(Key.Of(KeyCode.End)));
            Assert.That(Decode('\0', ConsoleKey.PageUp), Is.EqualTo(Key.Of(KeyCode.PageUp)));
            Assert.That(Decode('\0', ConsoleKey.PageDown), Is.EqualTo(Key.Of(KeyCode.PageDown)));
            Assert.That(Decode('\0', ConsoleKey.F1), Is.EqualTo(Key.Of(KeyCode.F1)));
            Assert.That(Decode('\0', ConsoleKey.F2), Is.EqualTo(Key.Of(KeyCode.F2)));
            Assert.That(Decode('\0', ConsoleKey.Delete), Is.EqualTo(Key.Of(KeyCode.Delete)));
        });
    }

    [Test]
    public void Control_characters_decode_to_editing_keys()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decode('\r', ConsoleKey.Enter), Is.EqualTo(Key.Of(KeyCode.Enter)));
            Assert.That(Decode('\r', ConsoleKey.Enter, alt: true), Is.EqualTo(Key.Of(KeyCode.Enter, KeyMods.Alt)));
            Assert.That(Decode('\n', ConsoleKey.Enter), Is.EqualTo(Key.Of(KeyCode.Enter, KeyMods.Ctrl)), "Ctrl+J");
            Assert.That(Decode('\t', ConsoleKey.Tab), Is.EqualTo(Key.Of(KeyCode.Tab)));
            Assert.That(Decode('\t', ConsoleKey.Tab, shift: true), Is.EqualTo(Key.Of(KeyCode.Tab, KeyMods.Shift)));
            Assert.That(Decode('\e', ConsoleKey.Escape), Is.EqualTo(Key.Of(KeyCode.Escape)));
            Assert.That(Decode('\x7f', ConsoleKey.Backspace), Is.EqualTo(Key.Of(KeyCode.Backspace)));
        });
    }

    [Test]
    public void Ctrl_letters_decode_to_the_lower_case_letter_with_ctrl()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decode('\x03', ConsoleKey.C, ctrl: true).IsCtrl('c'), Is.True);
            Assert.That(Decode('\x12', ConsoleKey.R, ctrl: true).IsCtrl('r'), Is.True);
            Assert.That(Decode('\0', ConsoleKey.R, ctrl: true), Is.EqualTo(Key.Ctrl('r')));
            Assert.That(Decode('\x03', ConsoleKey.C, ctrl: true).IsPrintable, Is.False);
        });
    }

    [Test]
    public void Printable_input_is_dispatched_on_the_character_including_japanese()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decode('/', ConsoleKey.Divide), Is.EqualTo(Key.Char('/')));
            Assert.That(Decode('?', 0), Is.EqualTo(Key.Char('?')));
            Assert.That(Decode('Z', ConsoleKey.Z, shift: true), Is.EqualTo(Key.Char('Z')));
            Assert.That(Decode('あ', 0), Is.EqualTo(Key.Char("あ")));
            Assert.That(Decode(' ', ConsoleKey.Spacebar), Is.EqualTo(Key.Char(' ')));
            Assert.That(Decode('x', ConsoleKey.X, alt: true), Is.EqualTo(Key.Alt('x')));
        });
    }
}
