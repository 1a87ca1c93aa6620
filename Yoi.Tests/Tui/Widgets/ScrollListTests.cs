using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tests.Tui.Widgets;

public class ScrollListTests
{
    private static readonly Key Down = Key.Of(KeyCode.Down);
    private static readonly Key Up = Key.Of(KeyCode.Up);

    private static string Draw(ScrollList list, int width, int height, Func<int, string> label)
    {
        var frame = new Frame(width, height);
        list.Render(frame, frame.Bounds, (f, area, row, selected) =>
        {
            for (var line = 0; line < area.Height; line++)
                f.Write(area.X, area.Y + line, (selected ? "▶ " : "  ") + label(row) + (line > 0 ? " meta" : ""));
        });
        return frame.ToPlainText();
    }

    [Test]
    public void Moving_down_past_the_bottom_scrolls_so_the_selection_stays_visible()
    {
        var list = new ScrollList { Count = 10 };
        for (var i = 0; i < 6; i++) list.HandleKey(Down, viewHeight: 4);
        Assert.That(list.Selected, Is.EqualTo(5));
        Assert.That(Draw(list, 12, 4, i => $"row {i}"), Is.EqualTo("  row 2\n  row 3\n  row 4\n▶ row 5"));
        list.HandleKey(Up, 4);
        list.HandleKey(Up, 4);
        list.HandleKey(Up, 4);
        list.HandleKey(Up, 4);
        Assert.That(Draw(list, 12, 4, i => $"row {i}"), Is.EqualTo("▶ row 1\n  row 2\n  row 3\n  row 4"));
    }

    [Test]
    public void Home_End_and_paging_jump_and_stop_at_the_ends()
    {
        var list = new ScrollList { Count = 100 };
        list.HandleKey(Key.Of(KeyCode.End), 10);
        Assert.That((list.Selected, list.Offset), Is.EqualTo((99, 90)));
        list.HandleKey(Key.Of(KeyCode.PageUp), 10);
        Assert.That(list.Selected, Is.EqualTo(90));
        list.HandleKey(Key.Of(KeyCode.Home), 10);
        Assert.That((list.Selected, list.Offset), Is.EqualTo((0, 0)));
        list.HandleKey(Key.Of(KeyCode.PageDown), 10);
        Assert.That(list.Selected, Is.EqualTo(9));
        for (var i = 0; i < 20; i++) list.HandleKey(Key.Of(KeyCode.PageDown), 10);
        Assert.That(list.Selected, Is.EqualTo(99));
        Assert.That(list.HandleKey(Key.Char('x'), 10), Is.False);
    }

    [Test]
    public void Inert_rows_are_skipped_and_two_line_rows_are_never_cut()
    {
        // Row 0 is a header; odd rows are two-line "Tickets", even rows one-line children.
        var list = new ScrollList { Count = 8, IsSelectable = row => row > 0, RowHeight = row => row % 2 == 1 ? 2 : 1 };
        list.HandleKey(Down, 5);
        Assert.That(list.Selected, Is.EqualTo(1));
        for (var i = 0; i < 4; i++) list.HandleKey(Down, 5);
        Assert.That(list.Selected, Is.EqualTo(5));
        Assert.That(Draw(list, 16, 5, i => i == 0 ? "--header--" : $"item {i}"),
            Is.EqualTo("  item 3\n  item 3 meta\n  item 4\n▶ item 5\n▶ item 5 meta"));
        list.HandleKey(Key.Of(KeyCode.Home), 5);
        Assert.That((list.Selected, list.Offset), Is.EqualTo((1, 0)));
    }

    [Test]
    public void Shrinking_the_list_keeps_the_selection_in_range_and_fills_the_view()
    {
        var list = new ScrollList { Count = 50 };
        list.HandleKey(Key.Of(KeyCode.End), 10);
        list.Count = 12;
        Assert.That(list.Selected, Is.EqualTo(11));
        Assert.That(Draw(list, 10, 10, i => $"r{i}").Split('\n')[0], Is.EqualTo("  r2"));
    }

    [Test]
    public void Fixed_columns_cut_wide_text_with_an_ellipsis_and_stay_aligned()
    {
        var frame = new Frame(24, 2);
        Column[] columns = [new(10), new(0)];
        Columns.Draw(frame, frame.Bounds, 0, columns, [new Span("planning", default), new Span("日本語のタイトルです", Color.Magenta)]);
        Columns.Draw(frame, frame.Bounds, 1, columns, [new Span("implementing", default), new Span("short", Color.Magenta)]);
        Assert.That(frame.ToPlainText(), Is.EqualTo("planning   日本語のタイ…\nimplement… short"));
    }
}
