using Yoi.Core.Hosting;
using Yoi.Core.Claims;
using Yoi.Core.Interop;
using Yoi.Core.Panel;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

/// <summary>Workspace-scoped Pod identity, the daemon lock's liveness and `yoi pod rm`, through the real CLI and real daemons.</summary>
[Category("Integration")]
public class PodIdentityCliTests
{
    private static async Task WaitIdleAsync(YoiWorld world, string pod) =>
        await Poll.UntilAsync(async () => (await PodClient.ProbeAsync(world.Paths.PodSocketPath(pod), TimeSpan.FromSeconds(1))).Status == PodStatus.Idle,
            TimeSpan.FromSeconds(20), $"pod {pod} to be idle");

    [Test]
    public async Task Starting_or_restoring_a_pod_of_another_workspace_is_refused_with_both_paths_and_adopt_moves_it_and_says_so()
    {
        using var world = new YoiWorld();
        var a = world.Workspace("a/app");
        var b = world.Workspace("b/app");
        var started = world.Yoi(a, "pod", "start", "alpha", "-w", a);
        Assert.That(started.ExitCode, Is.Zero, started.Stderr);
        Assert.That(world.Yoi(a, "pod", "send", "alpha", "hello from A").ExitCode, Is.Zero);
        await WaitIdleAsync(world, "alpha");
        Assert.That(world.Yoi(a, "pod", "stop", "alpha").ExitCode, Is.Zero);
        var session = world.Store.Find("alpha")!.Active!.SessionId;

        var takeover = world.Yoi(b, "pod", "start", "alpha", "-w", b);
        Assert.That(takeover.ExitCode, Is.EqualTo(1), takeover.Stdout);
        Assert.That(takeover.Stderr, Does.Contain($"belongs to workspace {a}, not {b}").And.Contain("--adopt").And.Contain("another name"));
        var restore = world.Yoi(b, "pod", "restore", "alpha");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.Stdout);
        Assert.That(restore.Stderr, Does.Contain(a).And.Contain(b).And.Contain("--adopt"));
        Assert.That(DaemonLock.Holder(world.Paths, "alpha"), Is.Null, "nothing was started");
        var kept = world.Store.Find("alpha")!;
        Assert.That((kept.WorkspaceRoot, kept.Active!.SessionId), Is.EqualTo((a, session)), "A's Pod and conversation stay A's");

        var fromSubdirectory = world.Yoi(world.Workspace("a/app/src"), "pod", "restore", "alpha");
        Assert.That(fromSubdirectory.ExitCode, Is.Zero, "a directory inside the Pod's workspace is that workspace: " + fromSubdirectory.Stderr);
        Assert.That(world.Yoi(a, "pod", "stop", "alpha").ExitCode, Is.Zero);

        var adopted = world.Yoi(b, "pod", "start", "alpha", "-w", b, "--adopt");
        Assert.That(adopted.ExitCode, Is.Zero, adopted.Stderr);
        Assert.That(adopted.Stdout, Does.Contain($"pod `alpha` adopted: moved from workspace {a} to {b}"));
        var moved = world.Store.Find("alpha")!;
        Assert.That((moved.WorkspaceRoot, moved.Active!.SessionId), Is.EqualTo((b, session)), "adopting moves the Pod, session and all");
    }

    [Test]
    public async Task With_its_runtime_dir_deleted_a_live_pod_is_live_unreachable_everywhere_and_nothing_starts_a_second_daemon()
    {
        using var world = new YoiWorld();
        var ws = world.Workspace("ws");
        Assert.That(world.Yoi(ws, "pod", "start", "alpha", "-w", ws).ExitCode, Is.Zero);
        var pid = DaemonLock.Holder(world.Paths, "alpha")!.Pid!.Value;
        Directory.Delete(world.Paths.PodRuntimeDir("alpha"), recursive: true); // what logind does to $XDG_RUNTIME_DIR at logout

        var list = world.Yoi(ws, "pod", "list");
        Assert.That(list.Stdout, Does.Match($@"alpha\s+self\s+live unreachable \(daemon pid {pid}\)"));
        Assert.That(list.Stdout, Does.Contain("yoi pod stop alpha").And.Not.Contain("restorable"));
        var restore = world.Yoi(ws, "pod", "restore", "alpha");
        Assert.That(restore.ExitCode, Is.EqualTo(1));
        Assert.That(restore.Stderr, Does.Contain("live but unreachable").And.Contain($"pid {pid}").And.Contain("yoi pod stop alpha"));
        var start = world.Yoi(ws, "pod", "start", "alpha", "-w", ws);
        Assert.That(start.ExitCode, Is.EqualTo(1));
        Assert.That(start.Stderr, Does.Contain("live but unreachable"));
        using (var second = PodProcess.Launch(world.Root, "alpha"))
        {
            Assert.That(second.WaitForExit(TimeSpan.FromSeconds(20)), Is.True);
            Assert.That(second.ExitCode, Is.EqualTo(1));
            Assert.That(second.Stderr, Does.Contain("pod `alpha` is already running").And.Contain($"pid {pid} holds its daemon lock"));
        }
        Assert.That(new FilePodStatusSource(world.Store).Observe("alpha").Live, Is.True, "claims see the Pod as live, never restorable");
        var panel = await new PanelLoader(world.Services(), ws).ReloadAsync(PanelReloadMode.Observe);
        Assert.That(panel.Pod("alpha")!.Status, Is.EqualTo(PodRowStatus.LiveUnreachable));
        Assert.That((panel.Pod("alpha")!.StatusLabel, panel.Pod("alpha")!.CanOpen, panel.Pod("alpha")!.CanRestore), Is.EqualTo(("live unreachable", false, false)));
        Assert.That(panel.Pod("alpha")!.OpenHint, Does.Contain("yoi pod stop alpha"));
        var doctor = world.Yoi(ws, "doctor", "-w", ws);
        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.Stdout);
        Assert.That(doctor.Stdout + doctor.Stderr, Does.Contain("Pod `alpha` is live but unreachable"));
        Assert.That(Libc.ProcessExists(pid), Is.True, "the first daemon was never disturbed");

        var stop = world.Yoi(ws, "pod", "stop", "alpha");
        Assert.That(stop.ExitCode, Is.Zero, stop.Stderr);
        Assert.That(DaemonLock.Holder(world.Paths, "alpha"), Is.Null);
        var restored = world.Yoi(ws, "pod", "restore", "alpha");
        Assert.That(restored.ExitCode, Is.Zero, restored.Stderr);
        Assert.That(restored.Stdout, Does.Contain("restored"));
    }

    [Test]
    public void A_daemon_removes_only_the_runtime_dir_it_set_up()
    {
        using var world = new YoiWorld();
        var ws = world.Workspace("ws");
        Assert.That(world.Yoi(ws, "pod", "start", "alpha", "-w", ws).ExitCode, Is.Zero);
        var runtime = world.Paths.PodRuntimeDir("alpha");
        Directory.Delete(runtime, recursive: true);
        Directory.CreateDirectory(runtime);
        File.WriteAllText(Path.Combine(runtime, "stderr.log"), "someone else's\n");

        Assert.That(world.Yoi(ws, "pod", "stop", "alpha").ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(runtime, "stderr.log")), Is.EqualTo("someone else's\n"));
    }

    [Test]
    public async Task Pod_rm_refuses_a_live_pod_removes_a_stopped_one_keeping_its_log_and_purge_deletes_the_log()
    {
        using var world = new YoiWorld();
        var ws = world.Workspace("ws");
        Assert.That(world.Yoi(ws, "pod", "start", "alpha", "-w", ws).ExitCode, Is.Zero);
        Assert.That(world.Yoi(ws, "pod", "send", "alpha", "hello").ExitCode, Is.Zero);
        await WaitIdleAsync(world, "alpha");
        var session = Path.Combine(world.Paths.SessionsDir, world.Store.Find("alpha")!.Active!.SessionId);

        var live = world.Yoi(ws, "pod", "rm", "alpha");
        Assert.That(live.ExitCode, Is.EqualTo(1));
        Assert.That(live.Stderr, Does.Contain("pod `alpha` is live").And.Contain("yoi pod stop alpha"));
        Assert.That(world.Store.Exists("alpha"), Is.True);

        Assert.That(world.Yoi(ws, "pod", "stop", "alpha").ExitCode, Is.Zero);
        var removed = world.Yoi(ws, "pod", "rm", "alpha");
        Assert.That(removed.ExitCode, Is.Zero, removed.Stderr);
        Assert.That(removed.Stdout, Does.Contain("removed pod `alpha`").And.Contain($"session log is kept at {session}"));
        Assert.That(Directory.Exists(world.Paths.PodDir("alpha")), Is.False);
        Assert.That(Directory.EnumerateFiles(session, "*.jsonl").Single(), Does.Contain(".jsonl"), "the conversation is kept");
        Assert.That(world.Yoi(ws, "pod", "list").Stdout, Does.Not.Contain("alpha"));
        var again = world.Yoi(ws, "pod", "rm", "alpha");
        Assert.That((again.ExitCode, again.Stderr), Is.EqualTo((1, "yoi: pod `alpha` does not exist (no " + world.Paths.PodDir("alpha") + "); `yoi pod list` shows the Pods there are\n")));

        Assert.That(world.Yoi(ws, "pod", "start", "beta", "-w", ws).ExitCode, Is.Zero);
        var betaSession = Path.Combine(world.Paths.SessionsDir, world.Store.Find("beta")!.Active!.SessionId);
        Assert.That(world.Yoi(ws, "pod", "stop", "beta").ExitCode, Is.Zero);
        var purged = world.Yoi(ws, "pod", "rm", "beta", "--purge");
        Assert.That(purged.ExitCode, Is.Zero, purged.Stderr);
        Assert.That(Directory.Exists(betaSession), Is.False);
    }
}
