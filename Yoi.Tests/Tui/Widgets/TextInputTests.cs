using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tests.Tui.Widgets;

public class TextInputTests
{
    private static TextInput Typed(string text)
    {
        var input = new TextInput();
        foreach (var (g, _) in CellWidth.Graphemes(text)) input.HandleKey(Key.Char(g));
        return input;
    }

    [Test]
    public void Typing_inserts_at_the_cursor_and_arrows_move_by_grapheme()
    {
        var input = Typed("日本e\u0301");
        input.HandleKey(Key.Of(KeyCode.Left));
        input.HandleKey(Key.Of(KeyCode.Left));
        input.HandleKey(Key.Char('x'));
        Assert.That(input.Text, Is.EqualTo("日x本e\u0301"));
        input.HandleKey(Key.Of(KeyCode.End));
        input.HandleKey(Key.Of(KeyCode.Backspace));
        Assert.That(input.Text, Is.EqualTo("日x本"), "backspace removes the whole é grapheme");
        input.HandleKey(Key.Of(KeyCode.Home));
        input.HandleKey(Key.Of(KeyCode.Delete));
        Assert.That(input.Text, Is.EqualTo("x本"));
        Assert.That(input.CursorIndex, Is.Zero);
    }

    [Test]
    public void Alt_enter_and_ctrl_j_insert_a_newline_but_plain_enter_is_left_to_the_screen()
    {
        var input = Typed("ab");
        Assert.That(input.HandleKey(Key.Of(KeyCode.Enter)), Is.False);
        input.HandleKey(Key.Of(KeyCode.Enter, KeyMods.Alt));
        input.HandleKey(Key.Char('c'));
        input.HandleKey(Key.Of(KeyCode.Enter, KeyMods.Ctrl));
        input.HandleKey(Key.Char('d'));
        Assert.That(input.Text, Is.EqualTo("ab\nc\nd"));
    }

    [Test]
    public void Up_and_down_move_between_lines_and_report_the_edges()
    {
        var input = new TextInput { Text = "first line\nab\nthird" };
        Assert.That(input.HandleKey(Key.Of(KeyCode.Down)), Is.False, "already on the last line");
        Assert.That(input.HandleKey(Key.Of(KeyCode.Up)), Is.True);
        Assert.That(input.CursorIndex, Is.EqualTo("first line\nab".Length), "column clamped to the shorter line");
        input.HandleKey(Key.Of(KeyCode.Up));
        input.HandleKey(Key.Char('X'));
        Assert.That(input.Text, Is.EqualTo("fiXrst line\nab\nthird"));
        input.HandleKey(Key.Of(KeyCode.Home));
        Assert.That(input.HandleKey(Key.Of(KeyCode.Up)), Is.False, "already on the first line");
    }

    [Test]
    public void Pasted_control_characters_are_dropped()
    {
        var input = new TextInput();
        input.Insert("a\e[31mb\r\nc\td");
        Assert.That(input.Text, Is.EqualTo("a[31mb\nc d"));
    }

    [Test]
    public void Rendering_wraps_prefixes_lines_and_places_the_cursor()
    {
        var input = new TextInput { Text = "hello 日本語の文章\nok" };
        var frame = new Frame(12, 4);
        Assert.That(input.MeasureHeight(12), Is.EqualTo(3));
        input.Render(frame, frame.Bounds, Color.DarkGrey, default);
        Assert.That(frame.ToPlainText(), Is.EqualTo("> hello 日本\n  語の文章\n  ok\n"));
        Assert.That(frame.Cursor, Is.EqualTo((4, 2)));
        Assert.That(frame.StyleAt(0, 0), Is.EqualTo(new Style(Color.DarkGrey)));
    }

    [Test]
    public void A_composer_taller_than_its_area_scrolls_to_the_cursor()
    {
        var input = new TextInput { Text = "1\n2\n3\n4" };
        var frame = new Frame(10, 2);
        input.Render(frame, frame.Bounds, default, default);
        Assert.That(frame.ToPlainText(), Is.EqualTo("  3\n  4"));
        Assert.That(frame.Cursor, Is.EqualTo((3, 1)));
    }

    [Test]
    public void A_blank_composer_shows_the_placeholder_dimmed()
    {
        var input = new TextInput { Placeholder = "type to send" };
        var frame = new Frame(20, 1);
        input.Render(frame, frame.Bounds, default, default);
        Assert.That(frame.ToPlainText(), Is.EqualTo("> type to send"));
        Assert.That(frame.StyleAt(2, 0).Attr, Is.EqualTo(TextAttr.Dim));
        Assert.That(input.IsBlank, Is.True);
    }
}
