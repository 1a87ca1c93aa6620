using System.Text.RegularExpressions;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class RendererTests
{
    private static readonly Regex Sgr = new(@"\e\[[0-9;]*m");
    private static readonly Regex CursorMove = new(@"\e\[\d+;\d+H");

    private static Frame List(int selected, int width = 40, int height = 6)
    {
        var frame = new Frame(width, height);
        for (var i = 0; i < height; i++)
        {
            var style = i == selected ? new Style(Color.Magenta, Attr: TextAttr.Bold) : new Style(Color.Magenta);
            frame.Write(0, i, i == selected ? "▶ " : "  ", style);
            frame.Write(2, i, $"チケット {i} の題名", style);
        }
        return frame;
    }

    [Test]
    public void The_first_frame_is_a_full_repaint_inside_synchronized_update_brackets()
    {
        var output = new Renderer(noColor: false).RenderText(List(0));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.StartWith(Renderer.BeginSync));
            Assert.That(output, Does.EndWith(Renderer.EndSync));
            Assert.That(output, Does.Contain("\e[2J"));
            Assert.That(output, Does.Contain("チケット 5 の題名"));
        });
    }

    [Test]
    public void An_unchanged_frame_writes_nothing()
    {
        var renderer = new Renderer(noColor: false);
        renderer.RenderText(List(0));
        Assert.That(renderer.RenderText(List(0)), Is.Empty);
    }

    [Test]
    public void A_selection_move_rewrites_only_the_two_rows_with_one_jump_each()
    {
        var renderer = new Renderer(noColor: false);
        renderer.RenderText(List(1));
        var output = renderer.RenderText(List(2));
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Not.Contain("\e[2J"));
            Assert.That(CursorMove.Matches(output).Select(m => m.Value), Is.EqualTo(new[] { "\e[2;1H", "\e[3;1H" }),
                "the cursor moves only where the output jumps (row starts), not per cell");
            Assert.That(output, Does.Not.Contain("チケット 0"));
        });
    }

    [Test]
    public void Sgr_is_emitted_only_when_the_style_changes()
    {
        var frame = new Frame(20, 1);
        frame.Write(0, 0, "aaaa", Color.Red);
        frame.Write(4, 0, "日本", Color.Red);
        frame.Write(8, 0, "bbbb", Color.Green);
        var output = new Renderer(noColor: false).RenderText(frame);
        var sgrs = Sgr.Matches(output).Select(m => m.Value).ToList();
        Assert.That(sgrs, Is.EqualTo(new[] { "\e[0m", "\e[0;31m", "\e[0;32m", "\e[0m" }),
            "reset on clear, red once for eight cells, green once, reset at the end");
    }

    [Test]
    public void A_resize_forces_a_full_repaint()
    {
        var renderer = new Renderer(noColor: false);
        renderer.RenderText(List(0, width: 40));
        var output = renderer.RenderText(List(0, width: 30));
        Assert.That(output, Does.Contain("\e[2J"));
        Assert.That(output, Does.Contain("チケット 0 の題名"));
    }

    [Test]
    public void Invalidate_forces_a_full_repaint_of_an_unchanged_frame()
    {
        var renderer = new Renderer(noColor: false);
        renderer.RenderText(List(0));
        renderer.Invalidate();
        Assert.That(renderer.RenderText(List(0)), Does.Contain("\e[2J"));
    }

    [Test]
    public void No_color_drops_colours_but_keeps_bold_and_reverse()
    {
        var frame = new Frame(10, 1);
        frame.Write(0, 0, "▶ sel", new Style(Color.Magenta, Color.Rgb(1, 2, 3), TextAttr.Bold));
        frame.Write(5, 0, "rev", new Style(Color.Index(200), Attr: TextAttr.Reverse));
        var plain = new Renderer(noColor: true).RenderText(frame);
        var colour = new Renderer(noColor: false).RenderText(frame);
        Assert.Multiple(() =>
        {
            Assert.That(Sgr.Matches(plain).Select(m => m.Value), Is.EqualTo(new[] { "\e[0m", "\e[0;1m", "\e[0;7m", "\e[0m" }));
            Assert.That(colour, Does.Contain("\e[0;1;35;48;2;1;2;3m"));
            Assert.That(colour, Does.Contain("\e[0;7;38;5;200m"));
        });
    }

    [Test]
    public void A_narrowed_wide_character_is_redrawn_in_both_halves()
    {
        var renderer = new Renderer(noColor: false);
        var before = new Frame(4, 1);
        before.Write(0, 0, "日x");
        renderer.RenderText(before);
        var after = new Frame(4, 1);
        after.Write(0, 0, "abx");
        var output = renderer.RenderText(after);
        Assert.That(output, Does.Contain("\e[1;1Hab"));
    }

    [Test]
    public void The_cursor_is_shown_only_where_the_frame_asks_for_it()
    {
        var renderer = new Renderer(noColor: false);
        var frame = List(0);
        frame.Cursor = (4, 5);
        var shown = renderer.RenderText(frame);
        Assert.That(shown, Does.EndWith("\e[6;5H\e[?25h" + Renderer.EndSync));
        var hidden = renderer.RenderText(List(0));
        Assert.That(hidden, Is.EqualTo(Renderer.BeginSync + "\e[?25l" + Renderer.EndSync));
    }

    [Test]
    public void Render_returns_utf8_bytes_of_the_same_output()
    {
        var bytes = new Renderer(noColor: false).Render(List(0));
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Is.EqualTo(new Renderer(noColor: false).RenderText(List(0))));
    }
}
