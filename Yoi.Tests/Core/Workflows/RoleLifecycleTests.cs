using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Screens.Panel;

namespace Yoi.Tests.Core.Workflows;

/// <summary>The Orchestrator's lifecycle in a fresh git repository: git state a user can predict.</summary>
public sealed class RoleLifecycleTests
{
    [Test]
    public void Observing_reads_a_live_a_stopped_an_unusable_and_a_missing_pod()
    {
        Assert.That(RoleLifecycle.Observe("c", new RolePod("c", RolePodState.Live), "Companion"), Is.EqualTo(new RoleStatus("c", RoleState.Live)));
        Assert.That(RoleLifecycle.Observe("c", new RolePod("c", RolePodState.Stopped), "Companion"), Is.EqualTo(new RoleStatus("c", RoleState.Stopped)));
        Assert.That(RoleLifecycle.Observe("c", null, "Companion"), Is.EqualTo(new RoleStatus("c", RoleState.Missing)));
        var unusable = RoleLifecycle.Observe("o", new RolePod("o", RolePodState.Unusable), "Orchestrator");
        Assert.That((unusable.State, unusable.IsUp), Is.EqualTo((RoleState.Unavailable, false)));
        Assert.That(unusable.Detail, Does.StartWith("Workspace Orchestrator Pod state is unusable: pod state has no active session to restore"));
    }

    [Test]
    [Category("Integration")]
    public async Task Opening_the_panel_creates_no_worktree_until_the_first_queue_which_starts_the_orchestrator_and_announces_its_excluded_worktree()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Ship the first thing", TicketState.Ready);
        world.InitGit(ignoreWorktrees: false);

        var opened = await world.Loader().ReloadAsync(PanelReloadMode.Ensure);

        Assert.That(opened.Header.Orchestrator!.State, Is.EqualTo(RoleState.Missing));
        Assert.That(opened.Header.Orchestrator.Detail, Is.EqualTo(RoleLifecycle.NotNeededYet));
        Assert.That(Directory.Exists(world.WorktreePath), Is.False, "no worktree before the Orchestrator has work");
        Assert.That(world.Git("branch", "--list", "orchestration"), Is.Empty, "no branch either");
        Assert.That(opened.Diagnostics, Has.None.Contains("Orchestration worktree"));

        var queued = await PanelEnter.RunAsync(new PanelActions(world.Services, world.Workspace), world.Control,
            world.Observe(), PanelRowKey.Ticket(id));

        Assert.That(queued.Failed, Is.False, queued.Notice.Details ?? queued.Notice.Text);
        Assert.That(queued.Notice.Text, Does.Contain($"Started the workspace Orchestrator {world.Orchestrator}")
            .And.Contain("Created the Orchestrator's worktree .worktree/orchestration (branch orchestration), excluded from git status"));
        Assert.That(world.Git("status", "--porcelain"), Is.Empty, "the main checkout shows no .worktree/ and nothing left to commit");
        Assert.That(File.ReadAllText(Path.Combine(world.Workspace, ".git", "info", "exclude")), Does.Contain("/.worktree/orchestration/"));
        Assert.That(world.WorktreeTickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued), "the worktree starts at the Queue commit, Ticket root included");
        Assert.That((await PodClient.ProbeAsync(world.Paths.PodSocketPath(world.Orchestrator), TimeSpan.FromSeconds(5))).Reachable, Is.True);

        var reopened = await world.Loader().ReloadAsync(PanelReloadMode.Ensure);
        Assert.That(reopened.Header.Orchestrator!.State, Is.EqualTo(RoleState.Live));
        Assert.That(reopened.Notice, Is.Null, "the worktree is announced once, when it is created");
        Assert.That(reopened.Diagnostics, Has.None.Contains("Orchestration worktree"));
    }

    [Test]
    [Category("Integration")]
    public async Task With_queued_work_the_orchestrator_starts_when_the_panel_opens_and_its_fresh_worktree_has_the_ticket_root()
    {
        using var world = new PanelWorld();
        world.InitGit(ignoreWorktrees: false);
        // A Ticket queued by hand and committed: the Orchestrator is needed as soon as the panel opens.
        world.Ticket("Already queued", TicketState.Queued);
        world.Git("add", "-A");
        world.Git("commit", "-q", "-m", "queue by hand");
        Directory.Delete(world.TicketsRoot, recursive: true);
        world.Git("checkout", "--", ".yoi/tickets");

        var opened = await world.Loader().ReloadAsync(PanelReloadMode.Ensure);

        Assert.That(opened.Header.Orchestrator!.State, Is.EqualTo(RoleState.Spawned), opened.Header.Orchestrator.Detail);
        Assert.That(opened.Notice?.Text, Does.StartWith("Created the Orchestrator's worktree .worktree/orchestration"));
        Assert.That(world.Git("status", "--porcelain"), Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(world.WorktreePath, ".yoi", "tickets")), Is.True);
    }
}
