using Yoi.Core.Panel;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    private static PanelScreenState Loaded(PanelModel model)
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace));
        state.ApplyModel(model, Now);
        Assert.That(state.Selected, Is.Null, "the first data selects no row");
        state.MoveSelection(Key.Of(KeyCode.Down), 20); // the user's first ↓ selects the first row
        return state;
    }

    private static PanelIntent? Press(PanelScreenState state, Key key, int viewHeight = 20) => PanelKeys.Handle(state, key, Now, viewHeight);

    private static void Type(PanelScreenState state, string text)
    {
        foreach (var c in text) Press(state, Key.Char(c));
    }

    [Test]
    public void The_first_data_selects_no_row_so_a_stray_enter_acts_on_nothing_and_the_first_down_selects_the_first_ticket()
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace));
        state.ApplyModel(PanelModels.Small(needsYou: false), Now);
        Assert.That(state.Selected, Is.Null);
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.Null);
        Assert.That(state.Notice!.Text, Does.StartWith("No row selected"));
        Press(state, Key.Of(KeyCode.Down));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("00001KV09WYC6")));
    }

    [Test]
    public void Queue_and_close_ask_y_n_and_only_y_runs_them()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.Null, "Enter on a ready Ticket only asks");
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Confirm));
        Assert.That(state.PendingConfirm!.Question, Does.StartWith("Queue Ticket 00001KV09WYC6"));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.Null, "a second stray Enter does not confirm");
        Assert.That(Press(state, Key.Char('n')), Is.Null);
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
        Assert.That(state.Notice!.Text, Is.EqualTo("Queue cancelled; nothing changed."));
        Press(state, Key.Of(KeyCode.Enter));
        Assert.That(Press(state, Key.Char('y')), Is.EqualTo(new TicketActionIntent("00001KV09WYC6", PanelAction.Queue)));
    }

    [Test]
    public void The_key_table_drives_the_help_the_footer_hints_and_readme()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        var help = PanelKeyTable.HelpEntries(state).Select(e => e.Keys).ToList();
        Assert.That(help, Does.Contain("Enter").And.Contain("Ctrl+R").And.Contain("v").And.Contain("r").And.Contain("Ctrl+Z"));
        Assert.That(PanelKeyTable.Hints(state), Does.StartWith("Enter Queue").And.Contain("v view").And.Contain("? help"));
        var readme = File.ReadAllText(Path.Combine(Yoi.Tests.Support.RepoPaths.Root(), "README.md"));
        Assert.That(readme.ReplaceLineEndings("\n"), Does.Contain(PanelKeyTable.Markdown()), "README's key table is PanelKeyTable.Markdown()");
    }

    [Test]
    public void Arrows_move_over_selectable_rows_skipping_section_headers_and_stop_at_the_ends()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Press(state, Key.Of(KeyCode.Up));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("00001KV09WYC6")));
        Press(state, Key.Of(KeyCode.Down));
        Press(state, Key.Of(KeyCode.Down));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Intake("00001KV0A1B2C", "ticket-intake-00001kv0a1b2c")));
        Press(state, Key.Of(KeyCode.Down));
        Press(state, Key.Of(KeyCode.Down));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Pod("yoi-demo")), "the --pending--- header is skipped");
        for (var i = 0; i < 10; i++) Press(state, Key.Of(KeyCode.Down));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Pod("old-helper")));
    }

    [Test]
    public void The_list_scrolls_to_keep_the_selection_visible_and_page_keys_move_by_a_page()
    {
        var state = Loaded(PanelModels.Many(40));
        for (var i = 0; i < 12; i++) Press(state, Key.Of(KeyCode.Down), viewHeight: 10);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("T0013")));
        Assert.That(state.List.Offset, Is.GreaterThan(0), "the selection is below the first screenful");
        var selectedIndex = state.List.Selected;
        Assert.That(selectedIndex - state.List.Offset, Is.LessThan(10), "a 10-line view shows ten one-line rows");
        Press(state, Key.Of(KeyCode.End), viewHeight: 10);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("T0040")));
        Press(state, Key.Of(KeyCode.PageUp), viewHeight: 10);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("T0031")), "a page is the view height less one line");
        Press(state, Key.Of(KeyCode.Home), viewHeight: 10);
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("T0001")));
        Assert.That(state.List.Offset, Is.EqualTo(0), "Home reveals the section header again");
    }

    [Test]
    public void Blank_enter_on_a_planning_ticket_with_a_live_claimed_pod_opens_that_pod()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Press(state, Key.Of(KeyCode.Down));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new OpenPodIntent(PanelRowKey.Ticket("00001KV0A1B2C"), "ticket-intake-00001kv0a1b2c")));
    }

    [Test]
    public void Blank_enter_on_a_ready_ticket_queues_it_and_on_a_pod_opens_it()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.Null);
        Assert.That(Press(state, Key.Char('y')), Is.EqualTo(new TicketActionIntent("00001KV09WYC6", PanelAction.Queue)));
        state.Select(PanelRowKey.Intake("00001KV0A1B2C", "ticket-intake-00001kv0a1b2c"));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new OpenPodIntent(PanelRowKey.Intake("00001KV0A1B2C", "ticket-intake-00001kv0a1b2c"), "ticket-intake-00001kv0a1b2c")));
        state.Select(PanelRowKey.Pod("old-helper"));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new OpenPodIntent(PanelRowKey.Pod("old-helper"), "old-helper")));
    }

    [Test]
    public void Text_enter_follows_the_target_companion_send_intake_or_return_to_planning()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Type(state, "hello");
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new CompanionSendIntent("hello")));
        Press(state, Key.Of(KeyCode.Tab));
        Assert.That(state.Target, Is.EqualTo(ComposerTarget.TicketPlanning));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new ReturnToPlanningIntent("00001KV09WYC6", "hello")),
            "a ready Ticket is selected");
        state.Select(PanelRowKey.Pod("yoi-demo"));
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.EqualTo(new PreTicketIntakeIntent("hello")));
        Assert.That(state.Composer.Text, Is.EqualTo("hello"), "the draft stays until the action succeeds");
    }

    [Test]
    public void Tab_without_a_ticket_config_keeps_the_companion_target_and_says_why()
    {
        var state = Loaded(PanelModels.Model([PanelModels.Pod("yoi-demo", PodRowStatus.LiveIdle)], TicketConfigState.Absent));
        Press(state, Key.Of(KeyCode.Tab));
        Assert.That(state.Target, Is.EqualTo(ComposerTarget.Companion));
        Assert.That(state.Notice?.Text, Is.EqualTo("Ticket Intake target is unavailable without usable Ticket config."));
    }

    [Test]
    public void Ctrl_r_on_a_stale_claim_asks_and_y_reclaims()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        state.Select(PanelRowKey.Ticket("00001KV0D3E4F"));
        Assert.That(Press(state, Key.Ctrl('r')), Is.Null);
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Confirm));
        Assert.That(state.PendingConfirm!.Question, Is.EqualTo("Reclaim Ticket 00001KV0D3E4F from stale Pod ticket-intake-gone? y/n"));
        Assert.That(Press(state, Key.Char('x')), Is.Null, "other keys leave the question open");
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Confirm));
        Assert.That(Press(state, Key.Char('y')), Is.EqualTo(new ReclaimIntent("00001KV0D3E4F", "ticket-intake-gone")));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
    }

    [Test]
    public void Blank_enter_on_a_stale_claimed_planning_ticket_asks_to_reclaim_instead_of_failing()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        state.Select(PanelRowKey.Ticket("00001KV0D3E4F"));
        Press(state, Key.Of(KeyCode.Enter));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Confirm));
        Assert.That(Press(state, Key.Char('n')), Is.Null);
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
        Assert.That(state.Notice?.Text, Is.EqualTo("Reclaim cancelled; nothing changed."));
    }

    [Test]
    public void Ctrl_r_without_a_stale_claim_explains()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Press(state, Key.Ctrl('r'));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
        Assert.That(state.Notice?.Text, Is.EqualTo("Ticket 00001KV09WYC6 has no stale claim to reclaim."));
    }

    [Test]
    public void Q_quits_on_a_blank_composer_but_is_typed_into_a_draft()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Assert.That(Press(state, Key.Char('q')), Is.InstanceOf<QuitIntent>());
        Type(state, "a");
        Assert.That(Press(state, Key.Char('q')), Is.Null);
        Assert.That(state.Composer.Text, Is.EqualTo("aq"));
        Assert.That(Press(state, Key.Ctrl('c')), Is.InstanceOf<QuitIntent>(), "Ctrl+C quits with a draft");
        state.OpenOverlay(PanelOverlay.Help);
        Assert.That(Press(state, Key.Ctrl('d')), Is.InstanceOf<QuitIntent>(), "Ctrl+D quits over an overlay");
    }

    [Test]
    public void Question_mark_and_f1_open_the_help_on_a_blank_composer_only()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Press(state, Key.Char('?'));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Help));
        Press(state, Key.Of(KeyCode.Down));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("00001KV09WYC6")), "keys under the help do nothing");
        Press(state, Key.Of(KeyCode.Escape));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
        Press(state, Key.Of(KeyCode.F1));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Help));
        Press(state, Key.Of(KeyCode.F1));
        Type(state, "why?");
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
        Assert.That(state.Composer.Text, Is.EqualTo("why?"));
    }

    [Test]
    public void Slash_filters_by_title_and_pod_name_and_esc_clears()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Press(state, Key.Char('/'));
        Type(state, "日本語");
        Assert.That(state.VisibleRows.Where(r => r.Selectable).Select(r => r.Key), Is.EqualTo(new[] { PanelRowKey.Ticket("00001KV0D3E4F") }));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Ticket("00001KV0D3E4F")), "the selection moves into the filtered rows");
        Press(state, Key.Of(KeyCode.Enter));
        Assert.That(state.FilterEditing, Is.False);
        Assert.That(state.Filter, Is.EqualTo("日本語"), "Enter keeps the filter");
        Press(state, Key.Of(KeyCode.Escape));
        Assert.That(state.Filter, Is.Empty);
        Assert.That(state.VisibleRows, Has.Count.EqualTo(state.Model.Rows.Count));

        Press(state, Key.Char('/'));
        Type(state, "OLD-help");
        Assert.That(state.VisibleRows.Where(r => r.Selectable).Select(r => r.Key), Is.EqualTo(new[] { PanelRowKey.Pod("old-helper") }));
        Assert.That(state.VisibleRows[0], Is.InstanceOf<SectionHeaderRow>(), "the section header stays above its row");
    }

    [Test]
    public void Esc_clears_the_selection_and_keeps_the_draft()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Type(state, "draft");
        Press(state, Key.Of(KeyCode.Escape));
        Assert.That(state.Selected, Is.Null);
        Assert.That(state.Composer.Text, Is.EqualTo("draft"));
        Assert.That(state.Notice?.Text, Is.EqualTo(PanelKeys.SelectionCleared));
    }

    [Test]
    public void An_error_stays_until_the_next_key_and_f2_still_opens_its_details()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        state.ShowNotice(PanelNotice.Error("Queue failed", "Ticket 00001KV09WYC6 is queued; expected ready.\nRefresh and retry."), Now);
        Assert.That(state.Expire(Now.AddMinutes(5)), Is.False, "errors do not expire");
        Press(state, Key.Of(KeyCode.Down));
        Assert.That(state.Notice, Is.Null);
        Press(state, Key.Of(KeyCode.F2));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.Details));
        Assert.That(PanelKeys.Details(state)!.Title, Is.EqualTo("Queue failed"));
        Press(state, Key.Of(KeyCode.F2));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
    }

    [Test]
    public void F2_without_anything_to_show_says_so()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        Press(state, Key.Of(KeyCode.F2));
        Assert.That(state.Overlay, Is.EqualTo(PanelOverlay.None));
        Assert.That(state.Notice?.Text, Is.EqualTo(PanelKeys.NoDetails));
    }

    [Test]
    public void Enter_while_an_action_runs_is_refused_and_keeps_the_draft()
    {
        var state = Loaded(PanelModels.Small(needsYou: false));
        state.BeginAction(new CompanionSendIntent("x"));
        Type(state, "next");
        Assert.That(Press(state, Key.Of(KeyCode.Enter)), Is.Null);
        Assert.That(state.Notice?.Text, Is.EqualTo(PanelKeys.StillWorking));
        Assert.That(state.Composer.Text, Is.EqualTo("next"));
    }

    [Test]
    public void Delete_on_a_stopped_pod_row_asks_once_and_removes_on_the_second_press_any_other_key_cancels()
    {
        var state = Loaded(PanelModels.Model([PanelModels.Pod("old", PodRowStatus.Stopped), PanelModels.Pod("busy", PodRowStatus.LiveIdle)]));
        state.Select(PanelRowKey.Pod("old"));
        Assert.That(Press(state, Key.Of(KeyCode.Delete)), Is.Null);
        Assert.That(state.Notice!.Text, Does.StartWith("Press Delete again to remove Pod old"));
        Press(state, Key.Of(KeyCode.Tab));
        Assert.That(state.Selected, Is.EqualTo(PanelRowKey.Pod("old")));
        Assert.That(Press(state, Key.Of(KeyCode.Delete)), Is.Null, "another key disarmed the first press");
        Assert.That(Press(state, Key.Of(KeyCode.Delete)), Is.EqualTo(new RemovePodIntent("old")));

        state.Select(PanelRowKey.Pod("busy"));
        Assert.That(Press(state, Key.Of(KeyCode.Delete)), Is.Null);
        Assert.That(Press(state, Key.Of(KeyCode.Delete)), Is.Null, "a live Pod is never removed");
        Assert.That(state.Notice!.Text, Does.Contain("only a stopped Pod can be removed"));
    }
}
