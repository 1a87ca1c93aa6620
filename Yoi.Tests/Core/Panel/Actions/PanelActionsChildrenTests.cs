using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel.Actions;

/// <summary>The panel's diff and finish of a delegated child, on a real git repository with real Pods (<see cref="DelegationWorld"/>).</summary>
public sealed class PanelActionsChildrenTests
{
    private static PanelActions Actions(DelegationWorld world) => new(world.Panel.Services, world.Workspace);

    /// <summary>A world whose child <c>child-a</c> ran <paramref name="script"/> as its first turn and is idle with one commit.</summary>
    private static DelegationWorld WithChild(string script)
    {
        var world = new DelegationWorld();
        try
        {
            world.Spawn("child-a", script);
            using var loader = world.Panel.Loader();
            world.WaitForChild(loader, "child-a");
            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    private static bool Live(DelegationWorld world, string pod) =>
        PodClient.ProbeAsync(world.Panel.Paths.PodSocketPath(pod), TimeSpan.FromSeconds(2)).GetAwaiter().GetResult().Reachable;

    [Test]
    public async Task The_diff_is_the_stat_and_patch_of_the_branch_against_its_base_without_colour()
    {
        using var world = WithChild("printf 'A\\n' > a.txt && git add a.txt && git commit -q -m 'add a'");

        var result = await Actions(world).ChildDiffAsync("child-a");

        Assert.That(result.Failed, Is.False, result.Notice.Details);
        Assert.That(result.Patch!.Child, Is.EqualTo("child-a"));
        Assert.That(result.Patch.Text, Does.Contain("a.txt | 1 +").And.Contain("diff --git a/a.txt b/a.txt").And.Contain("+A").And.Not.Contain("\u001b"));
    }

    [Test]
    public async Task Finish_merges_the_child_into_the_main_checkout_and_its_row_goes()
    {
        using var world = WithChild("printf 'A\\n' > a.txt && git add a.txt && git commit -q -m 'add a'");

        var result = await Actions(world).FinishChildAsync("child-a");

        Assert.That(result.Notice.Level, Is.EqualTo(NoticeLevel.Info), result.Notice.Details ?? result.Notice.Text);
        Assert.That(result.Notice.Text, Does.StartWith("Finished child-a: merged work/child-a into main (").And.EndWith("its worktree and branch are removed."));
        Assert.Multiple(() =>
        {
            Assert.That(world.Git("log", "-1", "--format=%s"), Is.EqualTo("Merge work/child-a (child Pod `child-a`, yoi pod finish)"));
            Assert.That(File.ReadAllText(Path.Combine(world.Workspace, "a.txt")), Is.EqualTo("A\n"));
            Assert.That(Directory.Exists(world.Worktree("child-a")), Is.False);
            Assert.That(world.Git("branch", "--list", "work/*"), Is.Empty);
        });
        using var loader = world.Panel.Loader();
        var model = await loader.ReloadAsync(PanelReloadMode.Observe);
        Assert.That(model.Rows.OfType<ChildPodRow>(), Is.Empty);
        Assert.That(model.Pod("child-a"), Is.Null);
    }

    [Test]
    public async Task A_finish_refused_for_uncommitted_changes_is_an_error_with_the_reason_and_next_step_and_changes_nothing()
    {
        using var world = WithChild("printf 'A\\n' > a.txt && git add a.txt && git commit -q -m 'add a' && printf 'draft\\n' > draft.txt");
        var head = world.Git("rev-parse", "HEAD");

        var result = await Actions(world).FinishChildAsync("child-a");

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Notice.DetailsTitle, Is.EqualTo("Finish refused"));
        Assert.That(result.Notice.Text, Does.StartWith("cannot finish `child-a`: its worktree").And.EndWith("(F2 details)"));
        Assert.That(result.Notice.Details, Does.Contain("has uncommitted changes (?? draft.txt)").And.Contain("commit them there (or ask the child to), or `yoi pod discard` it"));
        Assert.Multiple(() =>
        {
            Assert.That(world.Git("rev-parse", "HEAD"), Is.EqualTo(head), "main is untouched");
            Assert.That(File.Exists(Path.Combine(world.Worktree("child-a"), "draft.txt")), Is.True, "the draft stays");
            Assert.That(Live(world, "child-a"), Is.True, "the child was not stopped");
            Assert.That(world.Panel.Metadata.Find("child-a"), Is.Not.Null);
        });
    }

    [Test]
    public async Task A_conflicting_finish_is_refused_naming_the_file_and_changes_nothing()
    {
        using var world = WithChild("printf 'child\\n' > .gitignore && git commit -q -am 'child edits .gitignore'");
        File.WriteAllText(Path.Combine(world.Workspace, ".gitignore"), ".worktree/\nmain\n");
        world.Git("commit", "-q", "-am", "main edits .gitignore");
        var head = world.Git("rev-parse", "HEAD");
        var childHead = world.Panel.GitIn(world.Worktree("child-a"), "rev-parse", "HEAD");

        var result = await Actions(world).FinishChildAsync("child-a");

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Notice.Details, Does.Contain("merging work/child-a into main conflicts in .gitignore").And.Contain("nothing was changed")
            .And.Contain("Resolve it in the child's worktree"));
        Assert.Multiple(() =>
        {
            Assert.That(world.Git("rev-parse", "HEAD"), Is.EqualTo(head));
            Assert.That(world.Git("status", "--porcelain"), Is.Empty);
            Assert.That(world.Panel.GitIn(world.Worktree("child-a"), "rev-parse", "HEAD"), Is.EqualTo(childHead));
            Assert.That(Live(world, "child-a"), Is.True);
        });
    }
}
