using Yoi.Tests.Support;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tests.Tui.Widgets;

/// <summary>Status line, popup, the too-small screen and a small panel-like frame snapshot.</summary>
public class ChromeTests
{
    [Test]
    public void The_status_line_cuts_the_left_text_so_it_never_overlaps_the_right()
    {
        var frame = new Frame(34, 1);
        StatusLine.Render(frame, frame.Bounds, [new Span("composer target ", Color.DarkGrey), new Span("Companion の長い説明", Color.Green)],
            "Ctrl+C quit", Color.DarkGrey);
        Assert.That(frame.ToPlainText(), Is.EqualTo("composer target Comp…  Ctrl+C quit"));
        Assert.That(frame.StyleAt(16, 0), Is.EqualTo(new Style(Color.Green)));
    }

    [Test]
    public void A_status_line_too_narrow_for_both_sides_keeps_the_left_side()
    {
        var frame = new Frame(12, 1);
        StatusLine.Render(frame, frame.Bounds, ["working…"], "F2 details  Ctrl+C quit");
        Assert.That(frame.ToPlainText(), Is.EqualTo("working…"));
    }

    [Test]
    public void The_popup_is_centred_over_a_cleared_area_with_its_title()
    {
        var frame = new Frame(30, 9);
        for (var y = 0; y < 9; y++) frame.Write(0, y, new string('x', 30));
        var box = Popup.Centre(frame.Bounds, 20, 6);
        Popup.Render(frame, box, "詳細", ["一行目の説明はとても長いので折り返す", "", "F2/Esc: close"], Color.Yellow);
        Snapshot.Match(frame.ToPlainText());
    }

    [TestCase(59, 16)]
    [TestCase(80, 15)]
    [TestCase(30, 5)]
    public void The_too_small_screen_names_the_size_and_the_minimum(int width, int height)
    {
        Assert.That(TooSmall.Applies(width, height), Is.True);
        var frame = new Frame(width, height);
        TooSmall.Render(frame);
        var text = string.Join(" ", frame.ToPlainText().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        Assert.That(text, Is.EqualTo($"terminal too small ({width}×{height}); need 60×16"));
        Assert.That(TooSmall.Applies(60, 16), Is.False);
    }

    [Test]
    public void A_small_panel_frame_keeps_japanese_titles_aligned()
    {
        var frame = new Frame(48, 9);
        var titles = new[] { "ワークスペース一覧の表示を改善する", "Fix the reload race", "日本語と English の混在したタイトル", "絵文字 👍🏽 を含む題名" };
        var states = new[] { "planning", "ready", "implementing", "review" };
        frame.Write(0, 0, "workspace dashboard", default(Style).Bold());
        var list = new ScrollList { Count = titles.Length, Selected = 2 };
        Column[] columns = [new(2, Gap: 0), new(10), new(0)];
        list.Render(frame, new Rect(0, 1, 48, 5), (f, area, row, selected) =>
        {
            var style = selected ? new Style(Color.Magenta, Attr: TextAttr.Bold) : new Style(Color.Magenta);
            Columns.Draw(f, area, 0, columns, [new Span(selected ? "▶" : "", style), new Span(states[row], Color.Green), new Span(titles[row], style)]);
        });
        frame.Write(0, 6, new string('─', 48), Color.DarkGrey);
        StatusLine.Render(frame, new Rect(0, 7, 48, 1), [new Span("composer target ", Color.DarkGrey), new Span("Companion", new Style(Color.Green, Attr: TextAttr.Bold))]);
        var input = new TextInput { Text = "次の作業" };
        input.Render(frame, new Rect(0, 8, 48, 1), Color.DarkGrey, default);
        Snapshot.Match(frame.ToPlainText());
        Snapshot.Match(frame.ToStyleText(), suffix: "styles");
        // Every row's title column starts at cell 13, whatever the widths before it.
        foreach (var y in new[] { 1, 2, 3, 4 }) Assert.That(frame.IsContinuation(13, y), Is.False);
    }
}
