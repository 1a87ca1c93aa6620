using System.Text;
using CsCheck;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class InputParserTests
{
    /// <summary>Feeds each chunk as one read; returns the events.</summary>
    private static List<TerminalEvent> Parse(params string[] reads)
    {
        var parser = new InputParser();
        var events = new List<TerminalEvent>();
        foreach (var read in reads) parser.Feed(Encoding.UTF8.GetBytes(read), events);
        return events;
    }

    private static List<Key> Keys(params string[] reads) => Parse(reads).Select(e => ((KeyEvent)e).Key).ToList();

    private static Key K(KeyCode code, KeyMods mods = KeyMods.None) => Key.Of(code, mods);

    [Test]
    public void Cursor_and_editing_keys_decode_in_both_csi_and_ss3_forms_with_modifiers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Keys("\e[A", "\e[B", "\e[C", "\e[D"), Is.EqualTo(new[] { K(KeyCode.Up), K(KeyCode.Down), K(KeyCode.Right), K(KeyCode.Left) }));
            Assert.That(Keys("\eOA", "\eOB", "\eOH", "\eOF"), Is.EqualTo(new[] { K(KeyCode.Up), K(KeyCode.Down), K(KeyCode.Home), K(KeyCode.End) }), "application cursor mode");
            Assert.That(Keys("\e[1;5C"), Is.EqualTo(new[] { K(KeyCode.Right, KeyMods.Ctrl) }));
            Assert.That(Keys("\e[1;2A"), Is.EqualTo(new[] { K(KeyCode.Up, KeyMods.Shift) }));
            Assert.That(Keys("\e[1;3B"), Is.EqualTo(new[] { K(KeyCode.Down, KeyMods.Alt) }));
            Assert.That(Keys("\e[H", "\e[F", "\e[1~", "\e[4~", "\e[7~", "\e[8~"),
                Is.EqualTo(new[] { K(KeyCode.Home), K(KeyCode.End), K(KeyCode.Home), K(KeyCode.End), K(KeyCode.Home), K(KeyCode.End) }));
            Assert.That(Keys("\e[2~", "\e[3~", "\e[5~", "\e[6~", "\e[3;5~"),
                Is.EqualTo(new[] { K(KeyCode.Insert), K(KeyCode.Delete), K(KeyCode.PageUp), K(KeyCode.PageDown), K(KeyCode.Delete, KeyMods.Ctrl) }));
            Assert.That(Keys("\e[Z"), Is.EqualTo(new[] { K(KeyCode.Tab, KeyMods.Shift) }));
        });
    }

    [Test]
    public void Function_keys_decode_from_every_common_encoding()
    {
        Assert.That(Keys("\eOP", "\eOQ", "\eOR", "\eOS", "\e[11~", "\e[15~", "\e[17~", "\e[21~", "\e[23~", "\e[24~", "\e[1;2P"),
            Is.EqualTo(new[] { K(KeyCode.F1), K(KeyCode.F2), K(KeyCode.F3), K(KeyCode.F4), K(KeyCode.F1), K(KeyCode.F5), K(KeyCode.F6),
                K(KeyCode.F10), K(KeyCode.F11), K(KeyCode.F12), K(KeyCode.F1, KeyMods.Shift) }));
    }

    [Test]
    public void Control_bytes_are_enter_tab_backspace_and_ctrl_letters()
    {
        Assert.That(Keys("\r", "\n", "\t", "\x7f", "\b", "\x03", "\x04", "\x1a", "\x12"), Is.EqualTo(new[]
        {
            K(KeyCode.Enter), K(KeyCode.Enter, KeyMods.Ctrl), K(KeyCode.Tab), K(KeyCode.Backspace), K(KeyCode.Backspace),
            Key.Ctrl('c'), Key.Ctrl('d'), Key.Ctrl('z'), Key.Ctrl('r'),
        }));
    }

    [Test]
    public void Utf8_text_is_one_key_per_character_even_when_a_read_cuts_a_character()
    {
        var bytes = Encoding.UTF8.GetBytes("aあ日👍");
        Assert.That(Keys("aあ日👍"), Is.EqualTo(new[] { Key.Char('a'), Key.Char("あ"), Key.Char("日"), Key.Char("👍") }));
        var parser = new InputParser();
        var events = new List<TerminalEvent>();
        parser.Feed(bytes.AsSpan(0, 2), events); // 'a' and the first byte of あ
        Assert.That(parser.Pending, Is.EqualTo(InputPending.Sequence));
        parser.Feed(bytes.AsSpan(2), events);
        Assert.That(events.Select(e => ((KeyEvent)e).Key.Text), Is.EqualTo(new[] { "a", "あ", "日", "👍" }));
        Assert.That(parser.Pending, Is.EqualTo(InputPending.None));
    }

    [Test]
    public void A_lone_esc_at_the_end_of_a_read_is_the_esc_key_at_once()
    {
        var parser = new InputParser();
        var events = new List<TerminalEvent>();
        parser.Feed("\e"u8, events);
        Assert.That(events, Is.EqualTo(new[] { new KeyEvent(K(KeyCode.Escape)) }));
        Assert.That(parser.Pending, Is.EqualTo(InputPending.None), "nothing is held back waiting for a timeout");
    }

    [Test]
    public void Esc_then_slash_in_one_read_is_esc_and_a_slash_never_alt_slash()
    {
        // The bug this guards: Esc quickly followed by '/' became Alt+/, the filter never opened and the text typed after
        // it went to the Companion as a real turn.
        Assert.That(Keys("\e/ready"), Is.EqualTo(new[] { K(KeyCode.Escape), Key.Char('/'), Key.Char('r'), Key.Char('e'), Key.Char('a'), Key.Char('d'), Key.Char('y') }));
        Assert.That(Keys("\ex", "\e\e"), Is.EqualTo(new[] { K(KeyCode.Escape), Key.Char('x'), K(KeyCode.Escape), K(KeyCode.Escape) }));
    }

    [Test]
    public void Esc_enter_is_alt_enter_and_esc_delete_is_alt_backspace()
    {
        Assert.That(Keys("\e\r", "\e\x7f"), Is.EqualTo(new[] { K(KeyCode.Enter, KeyMods.Alt), K(KeyCode.Backspace, KeyMods.Alt) }));
    }

    [Test]
    public void A_sequence_cut_by_a_read_is_held_and_completed_by_the_next_one()
    {
        Assert.That(Keys("\e[", "A"), Is.EqualTo(new[] { K(KeyCode.Up) }));
        Assert.That(Keys("\e[1;", "5C"), Is.EqualTo(new[] { K(KeyCode.Right, KeyMods.Ctrl) }));
        Assert.That(Keys("\eO", "P"), Is.EqualTo(new[] { K(KeyCode.F1) }));
    }

    [Test]
    public void A_held_sequence_that_never_completes_flushes_as_esc_and_the_bytes_as_typed()
    {
        var parser = new InputParser();
        var events = new List<TerminalEvent>();
        parser.Feed("\e["u8, events);
        Assert.That((events.Count, parser.Pending), Is.EqualTo((0, InputPending.Sequence)));
        parser.Flush(events);
        Assert.That(events, Is.EqualTo(new TerminalEvent[] { new KeyEvent(K(KeyCode.Escape)), new KeyEvent(Key.Char('[')) }));
        Assert.That(parser.Pending, Is.EqualTo(InputPending.None));
    }

    [Test]
    public void Sgr_mouse_reports_decode_to_zero_based_cells_with_button_action_and_modifiers()
    {
        Assert.That(Parse("\e[<0;10;5M", "\e[<0;10;5m", "\e[<64;3;4M", "\e[<65;3;4M", "\e[<16;1;1M", "\e[<32;7;2M", "\e[<2;200;60M"),
            Is.EqualTo(new TerminalEvent[]
            {
                new MouseEvent(new Mouse(MouseAction.Press, MouseButton.Left, 9, 4)),
                new MouseEvent(new Mouse(MouseAction.Release, MouseButton.Left, 9, 4)),
                new MouseEvent(new Mouse(MouseAction.Press, MouseButton.WheelUp, 2, 3)),
                new MouseEvent(new Mouse(MouseAction.Press, MouseButton.WheelDown, 2, 3)),
                new MouseEvent(new Mouse(MouseAction.Press, MouseButton.Left, 0, 0, KeyMods.Ctrl)),
                new MouseEvent(new Mouse(MouseAction.Drag, MouseButton.Left, 6, 1)),
                new MouseEvent(new Mouse(MouseAction.Press, MouseButton.Right, 199, 59)),
            }));
        Assert.That(new Mouse(MouseAction.Press, MouseButton.WheelUp, 0, 0).WheelLines, Is.Negative);
    }

    [Test]
    public void Legacy_x10_mouse_reports_decode_too()
    {
        var events = new List<TerminalEvent>();
        new InputParser().Feed([0x1b, (byte)'[', (byte)'M', 32, 33 + 9, 33 + 4, 0x1b, (byte)'[', (byte)'M', 35, 33 + 9, 33 + 4], events);
        Assert.That(events, Is.EqualTo(new TerminalEvent[]
        {
            new MouseEvent(new Mouse(MouseAction.Press, MouseButton.Left, 9, 4)),
            new MouseEvent(new Mouse(MouseAction.Release, MouseButton.None, 9, 4)),
        }));
    }

    [Test]
    public void A_bracketed_paste_is_one_event_with_its_newlines_and_keys_after_it_are_keys()
    {
        Assert.That(Parse("\e[200~first line\r\nsecond 行\e[201~x"), Is.EqualTo(new TerminalEvent[]
        {
            new PasteEvent("first line\r\nsecond 行"),
            new KeyEvent(Key.Char('x')),
        }));
    }

    [Test]
    public void A_paste_spread_over_reads_with_its_end_marker_cut_arrives_whole_and_escape_bytes_inside_stay_text()
    {
        var parser = new InputParser();
        var events = new List<TerminalEvent>();
        foreach (var read in new[] { "\e[200~one\n", "two \e[A three", "\e[20", "1~\r" }) parser.Feed(Encoding.UTF8.GetBytes(read), events);
        Assert.That(events, Is.EqualTo(new TerminalEvent[] { new PasteEvent("one\ntwo \e[A three"), new KeyEvent(K(KeyCode.Enter)) }));
        Assert.That(parser.Pending, Is.EqualTo(InputPending.None));
    }

    [Test]
    public void An_unfinished_paste_is_delivered_as_it_is_when_flushed()
    {
        var parser = new InputParser();
        var events = new List<TerminalEvent>();
        parser.Feed("\e[200~half a paste"u8, events);
        Assert.That((events.Count, parser.Pending), Is.EqualTo((0, InputPending.Paste)));
        parser.Flush(events);
        Assert.That(events, Is.EqualTo(new TerminalEvent[] { new PasteEvent("half a paste") }));
    }

    [Test]
    public void Unknown_sequences_and_terminal_replies_are_dropped_without_disturbing_what_follows()
    {
        Assert.That(Keys("\e[I", "\e[O", "\e[?1;2c", "\e[>0;95;0c", "\e[99~", "a"), Is.EqualTo(new[] { Key.Char('a') }));
    }

    [Test]
    public void Csi_u_and_modify_other_keys_forms_decode_to_the_same_keys()
    {
        Assert.That(Keys("\e[13;3u", "\e[27;5;99~", "\e[47u"), Is.EqualTo(new[] { K(KeyCode.Enter, KeyMods.Alt), Key.Ctrl('c'), Key.Char('/') }));
    }

    private static long Cases => Yoi.Tests.Reliability.Reliability.Count(reduced: 5_000, full: 100_000);

    /// <summary>Bytes weighted towards the ones that start or end sequences.</summary>
    private static readonly Gen<byte[]> Chunk = Gen.Frequency(
            (3, Gen.Byte),
            (2, Gen.OneOf<byte>(0x1b, (byte)'[', (byte)'<', (byte)';', (byte)'~', (byte)'M', (byte)'m', (byte)'O', (byte)'2', (byte)'0', (byte)'1')),
            (1, Gen.Byte[0x80, 0xff]))
        .Array[0, 24];

    [Test]
    public void Any_bytes_in_any_reads_become_keys_mouse_reports_or_pastes_and_never_an_exception()
    {
        Chunk.Array[1, 6].Sample(reads =>
        {
            var parser = new InputParser();
            var events = new List<TerminalEvent>();
            foreach (var read in reads) parser.Feed(read, events);
            parser.Flush(events);
            if (parser.Pending != InputPending.None) return false;
            return events.All(e => e switch
            {
                KeyEvent { Key: { Code: KeyCode.Char } k } => k.Text.Length > 0 && !k.Text.Any(c => char.IsControl(c) && k.Mods == KeyMods.None),
                KeyEvent or PasteEvent => true,
                MouseEvent { Mouse: var m } => m.X >= 0 && m.Y >= 0,
                _ => false,
            });
        }, iter: Cases, threads: 1);
    }

    [Test]
    public void Printable_text_cut_into_any_reads_arrives_as_the_same_text()
    {
        var text = Gen.Frequency((4, Gen.Char[' ', '~'].Select(c => c.ToString())), (2, Gen.Int[0x3040, 0x9fff].Select(char.ConvertFromUtf32)),
            (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32))).Array[1, 30].Select(string.Concat);
        Gen.Select(text, Gen.Int[1, 7]).Sample((s, cut) =>
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            var parser = new InputParser();
            var events = new List<TerminalEvent>();
            for (var i = 0; i < bytes.Length; i += cut) parser.Feed(bytes.AsSpan(i, Math.Min(cut, bytes.Length - i)), events);
            return parser.Pending == InputPending.None && string.Concat(events.Select(e => ((KeyEvent)e).Key.Text)) == s;
        }, iter: Cases, threads: 1);
    }
}
