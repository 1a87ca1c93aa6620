using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// Delegated children in <c>yoi panel</c> end to end: the real binary in a private tmux server, a real git repository,
/// a running parent Pod and a child spawned with <c>--worktree</c> that committed a file (<see cref="DelegationWorld"/>).
/// </summary>
[Category("E2E")]
public class PanelChildrenE2ETests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(45);

    private static Dictionary<string, string> Env(PanelWorld world) => new()
    {
        ["YOI_CONFIG_DIR"] = world.Paths.Config,
        ["YOI_DATA_DIR"] = world.Paths.Data,
        ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        ["NO_COLOR"] = "",
    };

    [Test, CancelAfter(180_000)]
    public void The_child_row_shows_its_branch_and_counts_d_shows_the_diff_and_f_finishes_it_into_the_main_checkout()
    {
        using var world = new DelegationWorld();
        world.Spawn("child-a", "printf 'alpha\\nbeta\\n' > a.txt && git add a.txt && git commit -q -m 'add a'");
        using (var loader = world.Panel.Loader()) world.WaitForChild(loader, "child-a");
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world.Panel), world.Workspace, width: 120, height: 40);

        var pane = tmux.WaitFor(@"└ \S.*child-a · work/child-a\s+↑1 ↓0 \+2 −0", Slow, "the child row with its branch and counts");
        var lines = pane.Split('\n');
        var child = Array.FindIndex(lines, l => l.Contains("child-a · work/child-a", StringComparison.Ordinal));
        Assert.That(lines[child - 1], Does.Match(@"^\s+\S.*\bboss\b"), $"the child row is right under its parent's row:\n{pane}");

        tmux.SendText("/");
        tmux.SendText("work/child-a");
        tmux.SendKeys("Enter");
        tmux.SendKeys("Down");
        tmux.WaitFor(@"^▶ └ \S.*child-a · work/child-a", what: "the child row selected");
        tmux.WaitFor(@"d diff\s+F finish", what: "the d and F hints");

        tmux.SendText("d");
        tmux.WaitFor(@"^Diff work/child-a → main · lines 1–\d+ of \d+ · ↑1 ↓0 \+2 −0 · child Pod child-a", Slow, "the diff view's heading");
        pane = tmux.WaitFor(@"^\+beta", what: "the patch");
        Assert.That(pane, Does.Contain(" a.txt | 2 ++").And.Contain("diff --git a/a.txt b/a.txt").And.Contain("@@ -0,0 +1,2 @@"));
        tmux.SendKeys("Escape");
        tmux.WaitFor(@"^▶ └ \S.*child-a · work/child-a", what: "the list again, the child still selected");

        tmux.SendText("F");
        tmux.WaitFor(@"Finish child Pod child-a: merge work/child-a \(1 commit, \+2 −0\) into main", what: "the finish question");
        tmux.SendText("y");
        tmux.WaitFor(@"Finished child-a: merged work/child-a into main", Slow, "the finish notice");
        tmux.WaitForAbsent(@"└ .*child-a · work/child-a", Slow, "the child row to go");

        Assert.That(world.Git("log", "-1", "--format=%s"), Is.EqualTo("Merge work/child-a (child Pod `child-a`, yoi pod finish)"));
        Assert.That(world.Git("log", "--format=%s"), Does.Contain("add a"));
        Assert.That(File.ReadAllText(Path.Combine(world.Workspace, "a.txt")), Is.EqualTo("alpha\nbeta\n"));
        Assert.That(Directory.Exists(world.Worktree("child-a")), Is.False);
        Assert.That(PodClient.ProbeAsync(world.Panel.Paths.PodSocketPath("child-a"), TimeSpan.FromSeconds(1)).GetAwaiter().GetResult().Reachable, Is.False,
            "the child is stopped");

        tmux.SendKeys("Escape");
        tmux.SendText("q");
        Assert.That(tmux.WaitForExit(), Is.Zero);
    }
}
