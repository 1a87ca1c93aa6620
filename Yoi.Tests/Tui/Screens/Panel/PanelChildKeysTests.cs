using Yoi.Core.Panel;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelChildKeysTests
{
    private static readonly DateTimeOffset Now = ChildModels.Now;

    private static PanelIntent? Press(PanelScreenState state, Key key) => PanelKeys.Handle(state, key, Now, 20);

    [Test]
    public void D_on_a_child_row_opens_the_diff_view_and_esc_q_or_d_go_back_to_the_list()
    {
        foreach (var back in new[] { Key.Of(KeyCode.Escape), Key.Char('q'), Key.Char('d') })
        {
            var state = ChildModels.Selecting(PanelRowKey.Child("child-api", ChildModels.TicketId));
            Assert.That(Press(state, Key.Char('d')), Is.EqualTo(new ShowChildDiffIntent("child-api")), "the screen loads the patch through Core");
            Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Diff));
            Assert.That(state.DiffView!.Delegation.Branch, Is.EqualTo("work/child-api"));
            Assert.That(PanelKeyTable.Hints(state), Is.EqualTo("↑/↓ PgUp/PgDn scroll  F finish  Esc back  Ctrl+C quit"));
            Assert.That(Press(state, back), Is.Null);
            Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None), $"{back} closes the diff view");
            Assert.That(state.DiffView, Is.Null);
            Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Child("child-api", ChildModels.TicketId)), "the selection is kept");
        }
    }

    [Test]
    public void F_asks_y_n_n_changes_nothing_and_y_finishes_the_child()
    {
        var state = ChildModels.Selecting(PanelRowKey.Child("child-docs"));
        Assert.That(Press(state, Key.Char('F')), Is.Null, "F only asks");
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Confirm));
        Assert.That(state.PendingConfirm!.Question,
            Is.EqualTo("Finish child Pod child-docs: merge work/child-docs (1 commit, +8 −0) into main, stop it, remove its worktree and branch? y/n"));
        Assert.That(Press(state, Key.Char('n')), Is.Null);
        Assert.That(state.Notice!.Text, Is.EqualTo("Finish cancelled; nothing changed."));
        Press(state, Key.Char('F'));
        Assert.That(Press(state, Key.Char('y')), Is.EqualTo(new FinishChildIntent("child-docs")));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
    }

    [Test]
    public void F_from_the_diff_view_asks_over_it_n_returns_to_the_diff_and_y_closes_it()
    {
        var state = ChildModels.Selecting(PanelRowKey.Child("child-api"));
        Press(state, Key.Char('d'));
        Press(state, Key.Char('F'));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Confirm));
        Press(state, Key.Of(KeyCode.Escape));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Diff), "cancelling keeps the diff open");
        Press(state, Key.Char('F'));
        Assert.That(Press(state, Key.Char('Y')), Is.EqualTo(new FinishChildIntent("child-api")));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None), "the finished child's diff closes");
        Assert.That(state.DiffView, Is.Null);
    }

    [Test]
    public void D_and_f_explain_themselves_on_a_child_without_a_worktree_and_type_on_other_rows()
    {
        var helper = ChildModels.Selecting(PanelRowKey.Child("helper"));
        Assert.That(Press(helper, Key.Char('d')), Is.Null);
        Assert.That(helper.Notice!.Text, Does.Contain("helper has no worktree of its own"));
        Assert.That(Press(helper, Key.Char('F')), Is.Null);
        Assert.That(helper.Overlay, Is.EqualTo(PanelOverlay.None));

        var companion = ChildModels.Selecting(PanelRowKey.Pod("yoi-demo"));
        Assert.That(Press(companion, Key.Char('d')), Is.Null);
        Assert.That(Press(companion, Key.Char('F')), Is.Null);
        Assert.That(companion.Composer.Text, Is.EqualTo("dF"), "on a row that is not a child the letters type");
        Assert.That(companion.Overlay, Is.EqualTo(PanelOverlay.None));
    }

    [Test]
    public void Enter_on_a_child_row_opens_the_child_pod()
    {
        var state = ChildModels.Selecting(PanelRowKey.Child("child-docs"));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new OpenPodIntent(PanelRowKey.Child("child-docs"), "child-docs")));
        Assert.That(PanelKeyTable.Hints(state), Does.StartWith("Enter open"));
    }

    [Test]
    public void The_help_lists_d_and_f_only_where_there_are_children()
    {
        var state = ChildModels.Selecting(PanelRowKey.Child("child-docs"));
        Assert.That(PanelKeyTable.HelpEntries(state).Select(e => e.Keys), Does.Contain("d").And.Contain("F"));
        var plain = new PanelScreenState(PanelModels.Small());
        Assert.That(PanelKeyTable.HelpEntries(plain).Select(e => e.Keys), Does.Not.Contain("d").And.Not.Contain("F"));
    }
}
