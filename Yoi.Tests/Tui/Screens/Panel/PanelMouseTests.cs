using Yoi.Core.Panel;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelMouseTests
{
    private const int Width = 80, Height = 24;
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    private static PanelScreenState Loaded(PanelModel model)
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace));
        state.ApplyModel(model, Now);
        return state;
    }

    /// <summary>Draws the panel as the terminal shows it and returns the screen line holding <paramref name="text"/>.</summary>
    private static int LineOf(PanelScreenState state, string text)
    {
        var frame = new Frame(Width, Height);
        PanelPainter.Render(state, frame);
        var lines = frame.ToPlainText().Split('\n');
        var y = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.That(y, Is.GreaterThanOrEqualTo(0), $"\"{text}\" on screen:\n{frame.ToPlainText()}");
        return y;
    }

    private static PanelIntent? Click(PanelScreenState state, int y, DateTimeOffset at, int x = 10) =>
        PanelMouse.Handle(state, new Mouse(MouseAction.Press, MouseButton.Left, x, y), Width, Height, at);

    [Test]
    public void A_click_selects_the_row_under_the_pointer()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        var y = LineOf(state, "Fix the reload race");
        Assert.That(Click(state, y, Now), Is.Null);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("00001KV0A1B2C")));
        Assert.That(LineOf(state, "Fix the reload race"), Is.EqualTo(y), "selecting does not move the row");
    }

    [Test]
    public void A_double_click_is_enter_on_the_row_and_a_slow_second_click_only_selects()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        var pod = LineOf(state, "old-helper");
        Click(state, pod, Now);
        var slow = Now + PanelMouse.DoubleClickTime + TimeSpan.FromMilliseconds(1);
        Assert.That(Click(state, pod, slow), Is.Null, "too slow for a double-click");
        Assert.That(Click(state, pod, slow + TimeSpan.FromMilliseconds(200)), Is.EqualTo(new OpenPodIntent(PanelRowKey.Pod("old-helper"), "old-helper")));
        Assert.That(Click(state, pod, slow + TimeSpan.FromMilliseconds(300)), Is.Null, "a third click starts over");
    }

    [Test]
    public void A_double_click_never_sends_a_draft()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        state.Composer.Text = "a draft for the Companion";
        var pod = LineOf(state, "old-helper");
        Click(state, pod, Now);
        Assert.That(Click(state, pod, Now + TimeSpan.FromMilliseconds(100)), Is.Null);
        Assert.That(state.Composer.Text, Is.EqualTo("a draft for the Companion"));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Pod("old-helper")));
    }

    [Test]
    public void Clicks_on_headers_and_below_the_rows_select_nothing()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Click(state, LineOf(state, "Open Tickets"), Now);
        Click(state, Height - 1, Now);
        Assert.That(state.Selected, Is.Null);
    }

    [Test]
    public void The_wheel_scrolls_the_list_and_keeps_the_selection_on_screen()
    {
        var state = Loaded(PanelModels.Many(200));
        var first = LineOf(state, "Ticket number 1 ");
        Click(state, first, Now);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("T0001")));
        for (var i = 0; i < 4; i++) PanelMouse.Handle(state, new Mouse(MouseAction.Press, MouseButton.WheelDown, 10, first), Width, Height, Now);
        var frame = new Frame(Width, Height);
        PanelPainter.Render(state, frame);
        Assert.That(frame.ToPlainText(), Does.Not.Contain("Ticket number 1 ").And.Contain("Ticket number 14"), "scrolled by 12 rows");
        Assert.That(frame.ToPlainText(), Does.Contain("▶"), "the selection moved along and is drawn");
        PanelMouse.Handle(state, new Mouse(MouseAction.Press, MouseButton.WheelUp, 10, first), Width, Height, Now);
        PanelPainter.Render(state, frame = new Frame(Width, Height));
        Assert.That(frame.ToPlainText(), Does.Contain("Ticket number 10 "));
    }

    [Test]
    public void A_paste_of_two_lines_fills_the_composer_and_sends_nothing()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        PanelKeys.Paste(state, "first line\r\nsecond line");
        Assert.That(state.Composer.Text, Is.EqualTo("first line\nsecond line"));
        Assert.That(state.Busy, Is.Null);
    }
}
