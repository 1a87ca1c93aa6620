using Yoi.Core.Panel;
using Yoi.Tests.Support;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;
using static Yoi.Tests.Tui.Screens.Panel.PanelFrames;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelDiffPainterTests
{
    private static readonly DateTimeOffset Now = ChildModels.Now;

    private static PanelScreenState WithDiff(string? patch)
    {
        var state = ChildModels.Selecting(PanelRowKey.Child("child-api"));
        Assert.That(PanelKeys.Handle(state, Key.Char('d'), Now, 20), Is.EqualTo(new ShowChildDiffIntent("child-api")));
        state.DiffView!.Patch = patch;
        return state;
    }

    [TestCase(80, 24)]
    [TestCase(120, 40)]
    [TestCase(200, 60)]
    public void The_diff_view_shows_the_stat_then_the_patch_over_the_whole_middle(int width, int height)
    {
        var frame = Paint(WithDiff(ChildModels.Patch), width, height);
        Snapshot.Match(frame.ToPlainText());
        if (width == 80) Snapshot.Match(frame.ToStyleText(), suffix: "styles");
    }

    [Test]
    public void Added_lines_are_green_removed_red_hunks_cyan_and_file_headers_bold()
    {
        var frame = Paint(WithDiff(ChildModels.Patch), 120, 40);
        Assert.Multiple(() =>
        {
            Assert.That(frame.StyleAt(0, LineStarting(frame, "+    public const string Ready")), Is.EqualTo(PanelStyles.Good));
            Assert.That(frame.StyleAt(0, LineStarting(frame, "-    public const string Root")), Is.EqualTo(PanelStyles.Failed));
            Assert.That(frame.StyleAt(0, LineStarting(frame, "--- SQL comment")), Is.EqualTo(PanelStyles.Failed), "inside a hunk a --- line is a removed line");
            Assert.That(frame.StyleAt(0, LineStarting(frame, "--- a/src/Api/Routes.cs")), Is.EqualTo(PanelStyles.Bold), "before the hunk it is the file header");
            Assert.That(frame.StyleAt(0, LineStarting(frame, "diff --git a/src/Api/Routes.cs")), Is.EqualTo(PanelStyles.Bold));
            Assert.That(frame.StyleAt(0, LineStarting(frame, "@@ -1,6 +1,8 @@")), Is.EqualTo(PanelStyles.ActiveWork));
            Assert.That(frame.StyleAt(1, LineStarting(frame, " public static class Routes")), Is.EqualTo(default(Style)));
        });
        var stat = LineStarting(frame, " src/Api/Routes.cs");
        var statLine = frame.ToPlainText().Split('\n')[stat];
        Assert.That(frame.StyleAt(statLine.IndexOf('+', StringComparison.Ordinal), stat), Is.EqualTo(PanelStyles.Good));
        Assert.That(frame.StyleAt(statLine.LastIndexOf('-'), stat), Is.EqualTo(PanelStyles.Failed));
    }

    [Test]
    public void Escape_sequences_in_a_file_never_reach_the_terminal_and_no_color_drops_the_colours_but_keeps_bold()
    {
        var frame = Paint(WithDiff(ChildModels.Patch), 120, 40);
        Assert.That(frame.ToPlainText(), Does.Contain("+新しい説明 red?"));
        Assert.That(frame.ToPlainText(), Does.Not.Contain("\u001b"));
        var text = new Renderer(noColor: true).RenderText(frame);
        Assert.That(text, Does.Not.Match(@"\e\[[0-9;]*;3[0-7]m"), "no foreground colour");
        Assert.That(text, Does.Contain("\e[0;1m"), "bold file headers survive");
        Assert.That(new Renderer(noColor: false).RenderText(frame), Does.Match(@"\e\[0;32m"), "with colour the added lines are green");
    }

    [Test]
    public void Arrows_pages_and_end_scroll_the_diff_and_the_heading_says_which_lines_show()
    {
        var patch = string.Join('\n', ["diff --git a/long.txt b/long.txt", "@@ -0,0 +1,200 @@", .. Enumerable.Range(1, 200).Select(i => $"+line {i}")]);
        var state = WithDiff(patch);
        var frame = Paint(state);
        Assert.That(frame.ToPlainText().Split('\n')[1], Does.Contain("lines 1–").And.Contain("of 202"));
        PanelKeys.Handle(state, Key.Of(KeyCode.End), Now, 20);
        var end = Paint(state).ToPlainText();
        Assert.That(end, Does.Contain("+line 200"));
        Assert.That(end.Split('\n')[1], Does.Contain("–202 of 202"));
        PanelKeys.Handle(state, Key.Of(KeyCode.PageUp), Now, 20);
        PanelKeys.Handle(state, Key.Of(KeyCode.Home), Now, 20);
        PanelKeys.Handle(state, Key.Of(KeyCode.Down), Now, 20);
        Assert.That(Paint(state).ToPlainText().Split('\n')[1], Does.Contain("lines 2–"));
    }

    [Test]
    public void The_mouse_wheel_scrolls_the_diff()
    {
        var patch = string.Join('\n', ["diff --git a/long.txt b/long.txt", "@@ -0,0 +1,200 @@", .. Enumerable.Range(1, 200).Select(i => $"+line {i}")]);
        var state = WithDiff(patch);
        Paint(state);
        PanelMouse.Handle(state, new Mouse(MouseAction.Press, MouseButton.WheelDown, 10, 5), 80, 24, Now);
        Assert.That(state.DiffView!.Offset, Is.GreaterThan(0));
        var after = Paint(state).ToPlainText();
        Assert.That(after.Split('\n')[1], Does.Contain($"lines {state.DiffView.Offset + 1}–"));
        PanelMouse.Handle(state, new Mouse(MouseAction.Press, MouseButton.WheelUp, 10, 5), 80, 24, Now);
        Assert.That(state.DiffView.Offset, Is.Zero);
    }

    [Test]
    public void While_loading_and_for_an_empty_branch_the_view_says_so()
    {
        Assert.That(Paint(WithDiff(null)).ToPlainText(), Does.Contain("reading the diff…"));
        Assert.That(Paint(WithDiff("")).ToPlainText(), Does.Contain("work/child-api has no changes against main."));
    }

    [Test]
    public void A_huge_diff_shows_its_first_lines_and_says_how_many_more_the_cli_has()
    {
        var patch = string.Join('\n', Enumerable.Range(1, PanelDiffPainter.MaxLines + 5).Select(i => "+x"));
        var lines = PanelDiffPainter.Lines("child-api", "diff --git a/x b/x\n@@ -0,0 +1 @@\n" + patch, 80);
        Assert.That(lines[^1][0].Text, Is.EqualTo("… 7 more lines; `yoi pod diff child-api` shows them all"));
    }
}
