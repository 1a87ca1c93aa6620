using Yoi.Core.Hosting;
using Yoi.Core.Launch;
using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Screens.Panel;

namespace Yoi.Tests.Core.Panel.Actions;

public sealed class PanelActionsTests
{
    private static PanelActions Actions(PanelWorld world) => new(world.Services, world.Workspace);

    /// <summary>Enter (and y when it asks) on <paramref name="row"/> through the panel's one Enter table.</summary>
    private static Task<PanelActionResult> Enter(PanelWorld world, PanelModel model, PanelRowKey? row, string? text = null,
        ComposerTarget target = ComposerTarget.Companion) => PanelEnter.RunAsync(Actions(world), world.Control, model, row, text, target);

    [Test]
    public async Task Queue_commits_only_the_ticket_directory_and_fast_forwards_the_orchestration_worktree()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Ship it", TicketState.Ready);
        world.InitGit();
        world.AddWorktree();
        File.WriteAllText(Path.Combine(world.Workspace, "unrelated.txt"), "dirty elsewhere is fine");
        var model = world.Observe();

        var result = await Enter(world, model, PanelRowKey.Ticket(id));

        Assert.That(result.Failed, Is.False, result.Notice.Details ?? result.Notice.Text);
        Assert.That(result.Notice.Text, Does.StartWith($"Queued Ticket {id}; root Queue commit"));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued));
        Assert.That(world.Git("log", "-1", "--format=%s"), Is.EqualTo($"ticket: queue {id}"));
        Assert.That(world.Git("show", "--name-only", "--format=", "HEAD").Split('\n'), Has.All.StartWith($".yoi/tickets/{id}/"));
        Assert.That(world.GitIn(world.WorktreePath, "rev-parse", "HEAD"), Is.EqualTo(world.Git("rev-parse", "HEAD")));
        Assert.That(world.WorktreeTickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued));
        Assert.That(world.Git("status", "--porcelain"), Is.EqualTo("?? unrelated.txt"));
    }

    [Test]
    public async Task Queue_is_refused_when_the_ticket_directory_has_uncommitted_changes()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Half edited", TicketState.Ready);
        world.InitGit();
        var notes = Path.Combine(world.TicketsRoot, id, "artifacts", "notes.md");
        File.WriteAllText(notes, "someone's unfinished edit");
        var head = world.Git("rev-parse", "HEAD");
        var model = world.Observe();

        var result = await Enter(world, model, PanelRowKey.Ticket(id));

        Assert.That(result.Failed, Is.True);
        Assert.That(result.ClearComposer, Is.False);
        Assert.That(result.Notice.DetailsTitle, Is.EqualTo("Ticket action rejected"));
        Assert.That(result.Notice.Details, Does.Contain("`root-ticket-clean`").And.Contain("notes.md"));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Ready));
        Assert.That(world.Git("rev-parse", "HEAD"), Is.EqualTo(head));
    }

    [Test]
    public async Task Queue_without_git_queues_without_a_commit_and_says_so()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("No repository", TicketState.Ready);
        var model = world.Observe();

        var result = await Enter(world, model, PanelRowKey.Ticket(id));

        Assert.That(result.Notice.Level, Is.EqualTo(NoticeLevel.Warning));
        Assert.That(result.Notice.Text, Does.Contain("without a commit").And.Contain("not a git repository"));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued));
    }

    [Test]
    public async Task A_stale_selection_is_refused_when_the_ticket_is_no_longer_ready()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Moves under the cursor", TicketState.Ready);
        var model = world.Observe();
        world.Tickets.ReturnToPlanning(id, "Someone else returned it.");

        var result = await Enter(world, model, PanelRowKey.Ticket(id));

        Assert.That(result.Notice.DetailsTitle, Is.EqualTo("Ticket action rejected"));
        Assert.That(result.Notice.Details, Does.Contain("current action is Clarify but selected action was Queue; reload and retry"));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Planning));
    }

    [Test]
    public async Task Close_records_the_deterministic_resolution_and_refuses_a_ticket_that_is_not_done()
    {
        using var world = new PanelWorld();
        var done = world.Ticket("Finished work", TicketState.Done);
        var reopened = world.Ticket("Reopened by hand", TicketState.Done);
        var model = world.Observe();
        world.Tickets.Comment(done, "comment", "a late comment does not change the action");
        var item = Path.Combine(world.TicketsRoot, reopened, "item.md");
        File.WriteAllLines(item, File.ReadAllLines(item).Select(l => l.StartsWith("state:", StringComparison.Ordinal) ? "state: inprogress" : l));

        var closed = await Enter(world, model, PanelRowKey.Ticket(done));
        var again = await Enter(world, model, PanelRowKey.Ticket(done));

        Assert.That(closed.Notice.Text, Is.EqualTo($"Closed Ticket {done}: it was already done, so the standard resolution was written to resolution.md."));
        var record = world.Tickets.Show(done);
        Assert.That(record.Meta.State, Is.EqualTo(TicketState.Closed));
        Assert.That(record.Resolution, Does.StartWith($"Closed from the workspace Panel because Ticket `{done}` (`Finished work`) had already reached `state: done`."));
        Assert.That(again.Notice.Details, Is.EqualTo($"Close blocked for Ticket {done}: state is already closed; no close was recorded."));
        var notDone = await Enter(world, model, PanelRowKey.Ticket(reopened));
        Assert.That(notDone.Notice.Details, Does.StartWith($"Close blocked for Ticket {reopened}: state is inprogress, expected done"));
        Assert.That(world.Tickets.Show(reopened).Resolution, Is.Null);
    }

    [Test]
    public async Task Wait_rows_have_no_inline_dispatch()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Queued already", TicketState.Queued);
        var result = await Enter(world, world.Observe(), PanelRowKey.Ticket(id));
        Assert.That(result.Notice.Text, Is.EqualTo("Ticket is queued for Orchestrator routing."), "Enter says why and runs nothing");
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued));
    }

    [Test]
    public async Task Start_intake_claims_before_spawning_then_enter_opens_the_claimed_pod_and_a_second_start_is_refused_with_the_owner()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Needs requirements");
        var model = world.Observe();

        var first = await Enter(world, model, PanelRowKey.Ticket(id));
        Assert.That(first.Failed, Is.False, first.Notice.Details);
        var pod = Yoi.Core.Paths.PodName.IntakeForTicket(id);
        Assert.That(first.Notice.Text, Does.StartWith($"Launched Ticket Intake Pod {pod}."));
        Assert.That(world.Claims.Get(id)!.PodName, Is.EqualTo(pod));

        var after = world.Observe();
        Assert.That(after.Ticket(id)!.Claim!.StatusLabel, Is.EqualTo("live"));
        var second = await Enter(world, after, PanelRowKey.Ticket(id));
        Assert.That(second.Open, Is.EqualTo(new PodToOpen(pod, world.Paths.PodSocketPath(pod), true)), "Enter on a claimed Ticket opens its live Pod");
        var again = await Actions(world).StartIntakeAsync(after, id);
        Assert.That(again.Failed, Is.True);
        Assert.That(again.Notice.Details, Does.Contain($"already claimed by local Intake Pod {pod} (live)"));
    }

    [Test]
    public async Task One_intake_start_from_the_panel_loads_the_config_once_and_the_ticket_once()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Needs requirements");
        var model = world.Observe();
        var services = YoiProcess.Services(world.Paths);

        var result = await PanelEnter.RunAsync(new PanelActions(services, world.Workspace), services.Pods, model, PanelRowKey.Ticket(id));

        Assert.That(result.Failed, Is.False, result.Notice.Details);
        Assert.That(result.Notice.Text, Does.StartWith($"Launched Ticket Intake Pod {Yoi.Core.Paths.PodName.IntakeForTicket(id)}."));
        Assert.That((services.Loads.ConfigLoads, services.Loads.TicketLoads), Is.EqualTo((1, 1)),
            "the recheck, the plan and the launch share one workspace context");
    }

    [Test]
    public async Task Pre_ticket_intake_clears_the_draft_on_success_and_a_blank_draft_launches_nothing()
    {
        using var world = new PanelWorld();
        var model = world.Observe();
        var actions = Actions(world);

        var empty = await Enter(world, model, null, "   ", ComposerTarget.TicketPlanning);
        var launched = await Enter(world, model, null, "Add a dark mode", ComposerTarget.TicketPlanning);

        Assert.That(empty.ClearComposer, Is.False);
        Assert.That(empty.Notice.Text, Is.EqualTo("No row selected; ↑/↓ or a click selects a row."), "a blank draft is a blank Enter");
        Assert.That(launched.ClearComposer, Is.True, launched.Notice.Details);
        var session = new RoleSessionRegistry(world.Registry, TimeProvider.System).Sessions().Single();
        Assert.That(session.Origin, Is.EqualTo(SessionOrigin.PreTicketIntake));
        Assert.That(world.Observe().Pod(session.PodName)!.Live, Is.True);
    }

    [Test]
    public async Task Return_to_planning_records_the_instruction_and_launches_intake_and_refuses_a_ticket_no_longer_ready()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Almost right", TicketState.Ready);
        var other = world.Ticket("Already queued elsewhere", TicketState.Ready);
        var model = world.Observe();
        world.Tickets.Queue(other, "someone");
        var actions = Actions(world);

        var result = await Enter(world, model, PanelRowKey.Ticket(id), "Also cover the CLI", ComposerTarget.TicketPlanning);
        var refused = await Enter(world, model, PanelRowKey.Ticket(other), "Change it", ComposerTarget.TicketPlanning);

        Assert.That(result.ClearComposer, Is.True, result.Notice.Details);
        Assert.That(result.Notice.Text, Does.Contain($"Ticket {id} returned to planning for refinement; launched Ticket Intake Pod"));
        var record = world.Tickets.Show(id);
        Assert.That(record.Meta.State, Is.EqualTo(TicketState.Planning));
        Assert.That(record.Events[^1].Body, Does.Contain("Also cover the CLI"));
        Assert.That(refused.ClearComposer, Is.False);
        Assert.That(refused.Notice.Details, Does.Contain("current action is Wait but selected action was Queue"));
        Assert.That(world.Tickets.Show(other).Meta.State, Is.EqualTo(TicketState.Queued));
    }

    [Test]
    public async Task Companion_send_reaches_a_live_companion_and_keeps_the_draft_when_it_is_missing()
    {
        using var world = new PanelWorld(withTickets: false);
        var actions = Actions(world);
        var missing = await Enter(world, world.Observe(), null, "hello");
        world.StartPod(world.Companion, role: "companion");
        var sent = await Enter(world, world.Observe(), null, "hello");

        Assert.That(missing.ClearComposer, Is.False);
        Assert.That(missing.Notice.Text, Is.EqualTo($"Companion {world.Companion} is missing: workspace Companion is not live yet; draft kept."));
        Assert.That(sent.ClearComposer, Is.True, sent.Notice.Details ?? sent.Notice.Text);
        Assert.That(sent.Notice.Text, Is.EqualTo($"Sent to Companion {world.Companion}."));
    }

    [Test]
    public async Task Enter_on_a_stale_claim_reclaims_after_y_for_the_tickets_intake_pod_and_starts_it()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Orphaned");
        world.Claim(id, "intake-deleted-long-ago");
        var model = world.Observe();
        Assert.That(PanelActions.ReclaimPrompt(model, PanelRowKey.Ticket(id)), Is.EqualTo($"Reclaim Ticket {id} from stale Pod intake-deleted-long-ago? y/n"));

        var refused = await Actions(world).StartIntakeAsync(model, id);
        var reclaimed = await Enter(world, model, PanelRowKey.Ticket(id));

        Assert.That(refused.Notice.Details, Does.Contain("stale local Intake claim for intake-deleted-long-ago"));
        Assert.That(reclaimed.Failed, Is.False, reclaimed.Notice.Details);
        var pod = Yoi.Core.Paths.PodName.IntakeForTicket(id);
        Assert.That(world.Claims.Get(id)!.PodName, Is.EqualTo(pod));
        Assert.That(world.Claims.Get(id)!.Generation, Is.EqualTo(2));
        Assert.That(world.Observe().Ticket(id)!.Claim!.StatusLabel, Is.EqualTo("live"));
    }

    [Test]
    public void Open_attaches_live_pods_and_explains_ticket_rows()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Just a row");
        world.StoredPod("sleeper");
        var model = world.Observe();
        var actions = Actions(world);

        var open = actions.Open(model, PanelRowKey.Pod("sleeper"));
        var ticket = actions.Open(model, PanelRowKey.Ticket(id));
        var nothing = actions.Open(model, null);

        Assert.That(open.Open, Is.EqualTo(new PodToOpen("sleeper", world.Paths.PodSocketPath("sleeper"), false)));
        Assert.That(open.Notice.Text, Is.EqualTo("Restoring/opening sleeper…"));
        Assert.That(ticket.Notice.Text, Is.EqualTo("Enter dispatches Clarify for Ticket 'Just a row' after re-checking current Ticket authority."));
        Assert.That(nothing.Notice.Text, Is.EqualTo("No Pod is selected."));
    }

    [Test]
    [Category("Integration")]
    public async Task Remove_deletes_a_stopped_pod_of_the_panel_keeping_its_log_and_refuses_a_live_one()
    {
        using var world = new PanelWorld(withTickets: false);
        world.StoredPod("old");
        world.StartPod("busy");
        var model = world.Observe();

        var live = await Actions(world).RemovePodAsync(model, "busy");
        Assert.That(live.Notice.Text, Does.Contain("Pod busy is live idle; stop it first"));
        Assert.That(world.Metadata.Exists("busy"), Is.True);

        var removed = await Actions(world).RemovePodAsync(model, "old");
        Assert.That(removed.Failed, Is.False, removed.Notice.Details ?? removed.Notice.Text);
        Assert.That(removed.Notice.Text, Does.StartWith("Removed Pod old"));
        Assert.That(world.Metadata.Exists("old"), Is.False);
        Assert.That(world.Observe().Pod("old"), Is.Null);
        var unknown = await Actions(world).RemovePodAsync(model, "never");
        Assert.That(unknown.Notice.Text, Does.Contain("not a Pod of this workspace panel"));
    }

    [Test]
    [Category("Integration")]
    public async Task Queue_from_the_panel_stops_the_tickets_intake_pod_and_releases_its_claim_and_says_so()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Clarified", TicketState.Ready);
        var intake = Yoi.Core.Paths.PodName.IntakeForTicket(id);
        world.StartPod(intake, role: RoleLauncher.IntakeRole);
        world.Claim(id, intake);
        var model = world.Observe();

        var result = await Enter(world, model, PanelRowKey.Ticket(id));

        Assert.That(result.Notice.Text, Does.StartWith($"Queued Ticket {id} without a commit").And.Contain($"Intake Pod {intake} stopped and its claim released"));
        Assert.That(Yoi.Core.Pods.DaemonLock.Holder(world.Paths, intake), Is.Null);
        Assert.That(world.Metadata.Exists(intake), Is.True, "its metadata and log stay");
        Assert.That(world.Claims.Get(id), Is.Null);
    }
}
