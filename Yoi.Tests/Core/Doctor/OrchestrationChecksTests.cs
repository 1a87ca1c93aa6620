using Yoi.Core.Doctor;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Doctor;

/// <summary>`yoi doctor`'s orchestration-worktree checks on a real git repository: each broken shape is reported with its fix.</summary>
public sealed class OrchestrationChecksTests
{
    private static async Task<IReadOnlyList<DoctorFinding>> Orchestration(PanelWorld world) =>
        (await new WorkspaceDoctor(world.Services).RunAsync(world.Workspace, repair: false)).Findings
            .Where(f => f.Area == "orchestration").ToList();

    [Test]
    [Category("Integration")]
    public async Task A_missing_worktree_is_fine_and_each_broken_one_is_reported_with_the_fix()
    {
        using var world = new PanelWorld();
        world.InitGit(ignoreWorktrees: false);
        Assert.That(await Orchestration(world), Is.Empty, "absent: yoi creates it when the Orchestrator is first needed");

        // Created by hand on another branch, not excluded, without the Ticket root.
        world.Git("worktree", "add", "-q", world.WorktreePath, "-b", "elsewhere");
        var wrongBranch = (await Orchestration(world)).Single();
        Assert.That(wrongBranch.Severity, Is.EqualTo(DoctorSeverity.Error));
        Assert.That(wrongBranch.Reason, Does.Contain("is on branch elsewhere, expected orchestration"));
        Assert.That(wrongBranch.Fix, Does.Contain($"git -C {world.WorktreePath} checkout orchestration"));

        world.GitIn(world.WorktreePath, "checkout", "-q", "-b", "orchestration");
        Assert.That(Directory.Exists(Path.Combine(world.WorktreePath, ".yoi", "tickets")), Is.False, "an empty Ticket root is not in the checkout");
        var valid = await Orchestration(world);
        Assert.That(valid.Select(f => f.Reason), Has.Some.Contains("is not excluded").And.Some.Contains("has no Ticket root"));
        Assert.That(valid.Select(f => f.Fix), Has.Some.Contains("`/.worktree/orchestration/` to .git/info/exclude"));

        Directory.Delete(world.WorktreePath, recursive: true);
        var registered = (await Orchestration(world)).Single();
        Assert.That(registered.Reason, Does.Contain("deleted but git still registers it"));
        Assert.That(registered.Fix, Does.StartWith("run `git worktree prune`"));
    }
}
