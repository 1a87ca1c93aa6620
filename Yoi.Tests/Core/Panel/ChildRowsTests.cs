using Yoi.Core.Delegation;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel;

/// <summary>
/// Delegated child Pods in the panel model, from a real git repository and real Pods: the parent <c>boss</c> runs, each
/// child runs a shell script as its first turn in its own worktree (<see cref="DelegationWorld"/>).
/// </summary>
public sealed class ChildRowsTests
{
    [Test]
    public void A_child_nests_under_its_parent_pod_with_its_branch_ahead_behind_and_line_counts()
    {
        using var world = new DelegationWorld();
        world.Spawn("child-a", "printf 'one\\ntwo\\nthree\\n' > a.txt && printf 'x\\n' > shared.txt && git add -A && git commit -q -m 'add a'");
        using var loader = world.Panel.Loader();

        world.WaitForChild(loader, "child-a");
        // The child's turn-ended event makes `boss` run a notification turn of its own, so right after the child turns
        // idle the parent can be working for a moment: the counts are checked once both are idle.
        var model = DelegationWorld.ObserveUntil(loader, m => m.Pod(DelegationWorld.Parent)?.Status == PodRowStatus.LiveIdle
            && DelegationWorld.ChildRow(m, "child-a")?.Pod.Status == PodRowStatus.LiveIdle, "`boss` and `child-a` both idle");

        var lines = world.Panel.Text(model).Split('\n');
        var boss = Array.FindIndex(lines, l => l.StartsWith("P | boss |", StringComparison.Ordinal));
        Assert.That(boss, Is.GreaterThanOrEqualTo(0), string.Join('\n', lines));
        Assert.That(lines[boss + 1], Is.EqualTo("  └ | child child-a | live idle | child of boss · work/child-a → main | ↑1 ↓0 +4 −0 | open"),
            "the child is the row right under its parent");
        Assert.That(model.Rows.OfType<PodRow>().Select(p => p.Name), Does.Not.Contain("child-a"), "the child has no Pod row of its own in a section");
        Assert.That(model.Pod("child-a"), Is.Not.Null, "it is still one of the workspace's Pods");
        var row = DelegationWorld.ChildRow(model, "child-a")!;
        Assert.Multiple(() =>
        {
            Assert.That(row.Branch, Is.EqualTo("work/child-a"));
            Assert.That(row.Summary.Counts, Is.EqualTo(new ChildDiffCounts(1, 0, 4, 0, 2)));
            Assert.That(row.Action, Is.EqualTo(PanelAction.Open), "Enter opens the child like its Pod row");
            Assert.That(model.Rows.OfType<SectionHeaderRow>().Select(h => h.Label), Has.Some.Matches<string>(l => l.StartsWith("Idle Pods · 1", StringComparison.Ordinal)),
                "the section counts its own Pods; the nested child is not one more");
        });
    }

    [Test]
    public void The_counts_follow_new_commits_on_the_branch_and_on_the_base()
    {
        using var world = new DelegationWorld();
        world.Spawn("child-a", "printf 'one\\n' > a.txt && git add -A && git commit -q -m 'add a'");
        using var loader = world.Panel.Loader();
        world.WaitForChild(loader, "child-a");

        File.WriteAllText(Path.Combine(world.Worktree("child-a"), "a.txt"), "uno\ndos\n");
        world.Panel.GitIn(world.Worktree("child-a"), "commit", "-q", "-am", "rewrite a");
        File.WriteAllText(Path.Combine(world.Workspace, "main.txt"), "main\n");
        world.Git("add", "main.txt");
        world.Git("commit", "-q", "-m", "main moves on");

        var model = DelegationWorld.ObserveUntil(loader, m => DelegationWorld.ChildRow(m, "child-a")?.Summary.Counts?.Ahead == 2, "the second commit counted");
        Assert.That(DelegationWorld.ChildRow(model, "child-a")!.Summary.ToString(), Is.EqualTo("↑2 ↓1 +2 −0"),
            "base...branch: only what the child did since it forked (a.txt as it is now), and one commit behind main");
    }

    [Test]
    public void A_child_that_claims_a_ticket_is_listed_under_the_ticket_too()
    {
        using var world = new DelegationWorld();
        var id = world.Panel.Ticket("Split the reload loop", TicketState.Ready);
        world.Spawn("child-t", "printf 'loop\\n' > loop.txt && git add -A && git commit -q -m 'split'", ticket: id);
        using var loader = world.Panel.Loader();

        var model = world.WaitForChild(loader, "child-t");

        var ticketIndex = model.Rows.ToList().FindIndex(r => r is TicketRow t && t.Id == id || r is NeedsYouRow { Target: TicketRow { Id: var n } } && n == id);
        Assert.That(ticketIndex, Is.GreaterThanOrEqualTo(0), world.Panel.Text(model));
        var under = model.Rows[ticketIndex + 1] as ChildPodRow;
        Assert.That(under, Is.Not.Null, $"the row after the Ticket is its child:\n{world.Panel.Text(model)}");
        Assert.Multiple(() =>
        {
            Assert.That(under!.PodName, Is.EqualTo("child-t"));
            Assert.That(under.UnderTicket, Is.EqualTo(id));
            Assert.That(under.Key, Is.EqualTo(PanelRowKey.Child("child-t", id)));
            Assert.That(under.Summary.ToString(), Is.EqualTo("↑1 ↓0 +1 −0"));
            Assert.That(DelegationWorld.ChildRow(model, "child-t"), Is.Not.Null, "and under its parent");
            Assert.That(model.Ticket(id)!.Claim!.PodName, Is.EqualTo("child-t"));
        });
    }

    [Test]
    public void A_child_whose_worktree_is_gone_shows_worktree_gone_instead_of_counts()
    {
        using var world = new DelegationWorld();
        world.Spawn("child-a", "printf 'one\\n' > a.txt && git add -A && git commit -q -m 'add a'");
        using var loader = world.Panel.Loader();
        world.WaitForChild(loader, "child-a");

        Directory.Delete(world.Worktree("child-a"), recursive: true);
        var model = DelegationWorld.ObserveUntil(loader, m => DelegationWorld.ChildRow(m, "child-a")?.Summary.Counts is null, "the summary to notice");

        var row = DelegationWorld.ChildRow(model, "child-a")!;
        Assert.That(row.Summary.Problem, Is.EqualTo(ChildSummary.WorktreeGone));
        Assert.That(model.Notice, Is.Null, "not a failed reload");
        Assert.That(world.Panel.Text(model), Does.Contain("| child child-a | live idle | child of boss · work/child-a → main | worktree gone |"));
    }

    [Test]
    public void A_child_without_a_worktree_nests_and_says_so()
    {
        using var world = new DelegationWorld();
        new ChildSpawner(world.Panel.Services).SpawnAsync(new SpawnRequest("helper", DelegationWorld.Parent, "hello", Worktree: false))
            .GetAwaiter().GetResult();
        using var loader = world.Panel.Loader();

        var model = DelegationWorld.ObserveUntil(loader, m => DelegationWorld.ChildRow(m, "helper") is not null, "the child row");

        var row = DelegationWorld.ChildRow(model, "helper")!;
        Assert.Multiple(() =>
        {
            Assert.That(row.Branch, Is.Null);
            Assert.That(row.CanReview, Is.False, "d and F need a worktree");
            Assert.That(row.Summary.Problem, Is.EqualTo(ChildSummary.NoWorktree));
        });
    }
}
