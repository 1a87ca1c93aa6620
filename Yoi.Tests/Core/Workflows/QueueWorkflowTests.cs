using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Screens.Panel;

namespace Yoi.Tests.Core.Workflows;

public sealed class QueueWorkflowTests
{
    private static Task<PanelActionResult> PanelQueue(PanelWorld world, string id) =>
        PanelEnter.RunAsync(new PanelActions(world.Services, world.Workspace), world.Control, world.Observe(), PanelRowKey.Ticket(id));

    /// <summary>The routing contracts the Orchestrator queued (its session log's notify_queued entries that name a Ticket).</summary>
    private static List<string> RoutingNotices(PanelWorld world) =>
        Directory.GetFiles(world.Paths.SessionsDir, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadAllLines)
            .Where(l => l.Contains("\"notify_queued\"", StringComparison.Ordinal) && l.Contains("was queued: the human authorized", StringComparison.Ordinal)).ToList();

    [Test]
    [Category("Integration")]
    public async Task Ticket_state_queued_on_the_cli_and_queue_in_the_panel_leave_the_same_commit_and_notify_the_orchestrator_the_same_way()
    {
        using var world = new PanelWorld();
        var viaCli = world.Ticket("Queued from the CLI", TicketState.Ready);
        var viaPanel = world.Ticket("Queued from the panel", TicketState.Ready);
        world.InitGit();
        world.StartPod(world.Orchestrator, role: "orchestrator");
        // An agent commented on both after the last commit: yoi's own pending change, carried in the Queue commit.
        foreach (var id in new[] { viaCli, viaPanel })
            Assert.That(world.Yoi("ticket", "--workspace", world.Workspace, "comment", id, "--message", "Plan recorded.").ExitCode, Is.Zero);

        var cli = world.Yoi("ticket", "--workspace", world.Workspace, "state", viaCli.ToLowerInvariant(), "queued");
        Assert.That(cli.ExitCode, Is.Zero, cli.Stderr);
        var cliCommit = world.Git("rev-parse", "HEAD");
        var panel = await PanelQueue(world, viaPanel);
        Assert.That(panel.Failed, Is.False, panel.Notice.Details ?? panel.Notice.Text);
        var panelCommit = world.Git("rev-parse", "HEAD");

        Assert.That(cli.Stdout, Does.StartWith($"state\t{viaCli}\tqueued\nQueued Ticket {viaCli}; root Queue commit {cliCommit[..12]} (with yoi's pending Ticket changes: item.md, thread.md)")
            .And.Contain($"workspace Orchestrator {world.Orchestrator} notified"), "the CLI says what it did");
        Assert.That(panel.Notice.Text, Does.StartWith($"Queued Ticket {viaPanel}; root Queue commit {panelCommit[..12]} (with yoi's pending Ticket changes: item.md, thread.md)")
            .And.Contain($"workspace Orchestrator {world.Orchestrator} notified"));
        foreach (var (id, commit) in new[] { (viaCli, cliCommit), (viaPanel, panelCommit) })
        {
            Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued));
            Assert.That(world.Git("log", "-1", "--format=%s", commit), Is.EqualTo($"ticket: queue {id}"));
            Assert.That(world.Git("show", "--name-only", "--format=", commit).Split('\n'),
                Is.EquivalentTo(new[] { $".yoi/tickets/{id}/item.md", $".yoi/tickets/{id}/thread.md" }), "the commit touches only the Ticket's directory");
        }
        Assert.That(world.Git("status", "--porcelain", "--", ".yoi/tickets"), Is.Empty, "nothing of either Ticket is left to commit by hand");
        Poll.Until(() => RoutingNotices(world).Count == 2, TimeSpan.FromSeconds(10), "both routing notices in the Orchestrator's session log");
        var notices = RoutingNotices(world);
        Assert.That(notices, Has.One.Contains($"Ticket {viaCli} was queued").And.One.Contains($"Ticket {viaPanel} was queued"));
    }

    [Test]
    [Category("Integration")]
    public void Ticket_state_queued_refuses_a_change_yoi_did_not_make_and_names_the_file()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Someone edits an artifact", TicketState.Ready);
        world.InitGit();
        File.WriteAllText(Path.Combine(world.TicketsRoot, id, "artifacts", "notes.md"), "someone's unfinished edit");
        var head = world.Git("rev-parse", "HEAD");

        var cli = world.Yoi("ticket", "--workspace", world.Workspace, "state", id, "queued");

        Assert.That(cli.ExitCode, Is.EqualTo(1));
        Assert.That(cli.Stderr, Does.Contain("`root-ticket-clean`").And.Contain($".yoi/tickets/{id}/artifacts/notes.md").And.Contain("changes yoi did not make"));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Ready));
        Assert.That(world.Git("rev-parse", "HEAD"), Is.EqualTo(head));
    }

    [Test]
    [Category("Integration")]
    public async Task A_hand_rewritten_thread_is_not_yois_change_and_refuses_queue()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("History rewritten", TicketState.Ready);
        world.InitGit();
        var thread = Path.Combine(world.TicketsRoot, id, "thread.md");
        File.WriteAllText(thread, File.ReadAllText(thread).Replace("requirements are clear", "requirements are murky", StringComparison.Ordinal));

        var result = await PanelQueue(world, id);

        Assert.That(result.Notice.DetailsTitle, Is.EqualTo("Ticket action rejected"));
        Assert.That(result.Notice.Details, Does.Contain("`root-ticket-clean`").And.Contain("thread.md"));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Ready));
    }
}
