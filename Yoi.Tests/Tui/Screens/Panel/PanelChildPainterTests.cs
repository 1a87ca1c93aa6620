using Yoi.Core.Panel;
using Yoi.Tests.Support;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;
using static Yoi.Tests.Tui.Screens.Panel.PanelFrames;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelChildPainterTests
{
    [TestCase(80, 24)]
    [TestCase(120, 40)]
    [TestCase(200, 60)]
    public void Child_rows_nest_under_their_parent_and_ticket_with_branch_and_counts(int width, int height)
    {
        var frame = Paint(ChildModels.Selecting(PanelRowKey.Child("child-api")), width, height);
        Snapshot.Match(frame.ToPlainText());
        if (width == 80) Snapshot.Match(frame.ToStyleText(), suffix: "styles");
    }

    [Test]
    public void A_child_row_shows_state_branch_and_counts_in_their_columns_with_plus_green_and_minus_red()
    {
        var state = ChildModels.Selecting(null);
        var frame = Paint(state, 120, 40);
        var cols = PanelColumns.For(state.Model, new Rect(0, 1, 120, 10));
        var y = LineOf(frame, "child-docs · work/child-docs");
        var line = frame.ToPlainText().Split('\n')[y];
        Assert.That(line[cols.StateX..].TrimEnd(), Does.StartWith("└ idle"));
        Assert.That(line, Does.Contain("↑1 ↓2 +8 −0"));
        var plus = line.IndexOf("+8", StringComparison.Ordinal);
        var minus = line.IndexOf("−0", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(frame.StyleAt(cols.StateX, y), Is.EqualTo(PanelRowPainter.PodStatusStyle(state.Model.Pod("child-docs")!)), "the child's own status colour");
            Assert.That(frame.StyleAt(cols.TitleX, y), Is.EqualTo(PanelStyles.PodName));
            Assert.That(plus, Is.GreaterThanOrEqualTo(cols.ClaimX), "the counts start in the claim column");
            Assert.That(frame.StyleAt(plus, y), Is.EqualTo(PanelStyles.Good));
            Assert.That(frame.StyleAt(minus, y), Is.EqualTo(PanelStyles.Failed));
        });
        var gone = LineOf(frame, "child-docs-ja");
        Assert.That(frame.ToPlainText().Split('\n')[gone][cols.StateX..], Does.StartWith("  └ stopped"), "a child of a child is indented one more step");
        Assert.That(frame.StyleAt(frame.ToPlainText().Split('\n')[gone].IndexOf("worktree gone", StringComparison.Ordinal), gone), Is.EqualTo(PanelStyles.Warning));
    }

    [Test]
    public void The_details_and_the_target_line_of_a_child_name_its_parent_branch_and_the_d_and_f_keys()
    {
        var state = ChildModels.Selecting(PanelRowKey.Child("child-api", ChildModels.TicketId));
        var text = Paint(state, 120, 40).ToPlainText();
        Assert.That(text, Does.Contain("── Child Pod child-api ─"));
        Assert.That(text, Does.Contain("child of boss · work/child-api → main · 3 commits ahead, 0 behind · +120 −14 in 4 files"));
        Assert.That(text, Does.Contain($"works on Ticket {ChildModels.TicketId} (its claim)"));
        Assert.That(text, Does.Contain("selected child Pod of boss running 3m · blank Enter open/attach · d diff · F finish"));
        Assert.That(PanelKeyTable.Hints(state), Does.Contain("d diff").And.Contain("F finish"));

        var helper = ChildModels.Selecting(PanelRowKey.Child("helper"));
        Assert.That(Paint(helper, 120, 40).ToPlainText(), Does.Contain("d/F: unavailable — the child has no worktree of its own"));
        Assert.That(PanelKeyTable.Hints(helper), Does.Not.Contain("d diff"));
    }

    [Test]
    public void The_filter_finds_a_child_by_name_branch_or_parent()
    {
        var state = ChildModels.Selecting(null);
        state.SetFilter("work/child-docs");
        Assert.That(state.VisibleRows.OfType<ChildPodRow>().Select(r => r.PodName), Is.EqualTo(new[] { "child-docs", "child-docs-ja" }));
        state.SetFilter("worktree gone");
        Assert.That(state.VisibleRows.OfType<ChildPodRow>().Select(r => r.PodName), Is.EqualTo(new[] { "child-docs-ja" }));
    }
}
