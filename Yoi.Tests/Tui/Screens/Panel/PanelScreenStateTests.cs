using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelScreenStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Info_notices_expire_after_four_seconds_and_warnings_after_eight()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.ShowNotice(PanelNotice.Info("Sent to Companion yoi-demo."), Now);
        Assert.That(state.Expire(Now.AddSeconds(3.9)), Is.False);
        Assert.That(state.Expire(Now.AddSeconds(4)), Is.True);
        Assert.That(state.Notice, Is.Null);
        state.ShowNotice(PanelNotice.Warning("Queued without a commit: the workspace is not a git repository."), Now);
        Assert.That(state.Expire(Now.AddSeconds(7.9)), Is.False);
        Assert.That(state.Expire(Now.AddSeconds(8)), Is.True);
    }

    [Test]
    public void A_reload_keeps_the_selection_the_draft_and_the_notice()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.Select(PanelRowKey.Pod("old-helper"));
        state.Composer.Text = "draft";
        state.ShowNotice(PanelNotice.Info("hello"), Now);
        state.ApplyModel(PanelModels.Small(needsYou: false), Now);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Pod("old-helper")));
        Assert.That(state.Composer.Text, Is.EqualTo("draft"));
        Assert.That(state.Notice?.Text, Is.EqualTo("hello"));
    }

    [Test]
    public void A_vanished_row_falls_back_to_the_first_ticket_row()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.Select(PanelRowKey.Pod("old-helper"));
        state.ApplyModel(PanelModels.Model([PanelModels.Ticket("T1", "only", TicketState.Ready), PanelModels.Pod("yoi-demo", PodRowStatus.LiveIdle)]), Now);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("T1")));
    }

    [Test]
    public void Losing_the_ticket_target_falls_back_to_the_companion()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.CycleTarget(Now);
        Assert.That(state.Target, Is.EqualTo(ComposerTarget.TicketPlanning));
        state.ApplyModel(PanelModels.Model([PanelModels.Pod("yoi-demo", PodRowStatus.LiveIdle)], TicketConfigState.Unusable), Now);
        Assert.That(state.Target, Is.EqualTo(ComposerTarget.Companion));
    }

    [Test]
    public void A_failed_reload_shows_its_error_notice_with_details()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.ApplyModel(PanelModels.Small(needsYou: false).WithNotice(PanelNotice.Error("Refresh failed", "Refresh failed: disk on fire")), Now);
        Assert.That(state.Notice?.Level, Is.EqualTo(Yoi.Core.Panel.NoticeLevel.Error));
        Assert.That(state.LastErrorDetails?.Body, Is.EqualTo("Refresh failed: disk on fire"));
    }

    [Test]
    public void A_finished_action_clears_the_draft_only_when_asked()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.Composer.Text = "keep me";
        state.BeginAction(new CompanionSendIntent("keep me"));
        state.EndAction(PanelNotice.Error("Send failed", "Companion yoi-demo is busy"), clearComposer: false, Now);
        Assert.That(state.Busy, Is.Null);
        Assert.That(state.Composer.Text, Is.EqualTo("keep me"));
        state.EndAction(PanelNotice.Info("Sent to Companion yoi-demo."), clearComposer: true, Now);
        Assert.That(state.Composer.Text, Is.Empty);
    }

    [Test]
    public void Up_and_down_with_a_draft_move_between_draft_lines_not_rows()
    {
        var state = new PanelScreenState(PanelModels.Small(needsYou: false));
        state.Select(PanelRowKey.Ticket("00001KV09WYC6"));
        state.Composer.Text = "one\ntwo";
        PanelKeys.Handle(state, Key.Of(KeyCode.Up), Now, 20);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("00001KV09WYC6")));
        Assert.That(state.Composer.CursorIndex, Is.LessThan(4));
    }
}
