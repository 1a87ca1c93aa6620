using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

/// <summary><c>yoi attach</c> end to end: the real binary in a private tmux server, real echo-engine Pods.</summary>
[Category("E2E")]
public class AttachCliTests
{
    private static Dictionary<string, string> Env(string root) => new()
    {
        ["YOI_DATA_DIR"] = PodProcess.DataDir(root),
        ["YOI_RUNTIME_DIR"] = PodProcess.RuntimeDir(root),
        ["YOI_CONFIG_DIR"] = PodProcess.ConfigDir(root),
        ["YOI_HOME"] = "",
    };

    private static PodMetadataStore Store(string root) =>
        new(YoiPaths.From(k => Env(root).TryGetValue(k, out var v) && v.Length > 0 ? v : null), TimeProvider.System);

    private static async Task RunTurnAsync(PodProcess pod, string text)
    {
        var confirmation = await PodClient.SendRunAndConfirmAsync(pod.SocketPath, [new TextSegment(text)]);
        Assert.That(confirmation.Kind, Is.EqualTo(RunConfirmationKind.Accepted));
        await Poll.UntilAsync(async () => (await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(1))).Status == PodStatus.Idle,
            TimeSpan.FromSeconds(10), $"pod {pod.Name} idle again");
    }

    private static void AssertDetachedCleanly(TmuxSession tmux, PodProcess pod)
    {
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(tmux.TerminalRestored, Is.True, "normal screen and a visible cursor after exit");
        Assert.That(pod.HasExited, Is.False, "the Pod keeps running after detach");
    }

    [Test]
    public void Attach_without_a_terminal_exits_2_and_points_to_the_script_commands()
    {
        using var dir = new TempDir("ya");
        var result = YoiProcess.Run(["attach", "alpha"], Env(dir.Path));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("yoi attach needs an interactive terminal").And.Contain("yoi pod send"));
    }

    [Test, CancelAfter(60_000)]
    public void Attach_from_another_workspace_is_refused_with_both_paths_and_nothing_is_restored()
    {
        using var dir = new TempDir("ya");
        using (var alpha = PodProcess.Start(dir.Path, "alpha"))
        {
            alpha.Signal(Yoi.Core.Interop.Libc.SIGTERM);
            Assert.That(alpha.WaitForExit(TimeSpan.FromSeconds(20)), Is.True);
        }
        var elsewhere = Directory.CreateDirectory(Path.Combine(dir.Path, "elsewhere")).FullName;
        using var tmux = TmuxSession.Start(["attach", "alpha"], Env(dir.Path), elsewhere, width: 200, height: 30);
        var screen = tmux.WaitFor(@"belongs to workspace", what: "the refusal");
        Assert.That(tmux.WaitForExit(), Is.EqualTo(1));
        Assert.That(screen, Does.Contain(PodProcess.Workspace(dir.Path)).And.Contain("--adopt"));
        Assert.That(DaemonLock.Holder(Store(dir.Path).Paths, "alpha"), Is.Null, "the Pod was not restored");
    }

    [Test, CancelAfter(60_000)]
    public async Task Attach_shows_the_history_and_a_typed_message_runs_an_echo_turn()
    {
        using var dir = new TempDir("ya");
        using var alpha = PodProcess.Start(dir.Path, "alpha");
        await RunTurnAsync(alpha, "hello");
        using var tmux = TmuxSession.Start(["attach", "alpha"], Env(dir.Path), PodProcess.Workspace(dir.Path), width: 100, height: 30);

        tmux.WaitFor(@"^› hello$", what: "the earlier user input");
        tmux.WaitFor(@"echo: received 1 message, 0 notifications: hello", what: "the earlier echo reply");
        tmux.WaitFor(@"alpha\s+● idle.*engine: echo", what: "the status line");

        tmux.SendText("second 日本語");
        tmux.SendKeys("Enter");
        tmux.WaitFor(@"^› second 日本語$", what: "the sent message in the transcript");
        tmux.WaitFor(@"echo: received 1 message, 0 notifications: second 日本語", what: "the echo reply to the typed message");
        tmux.WaitFor(@"● idle", what: "idle after the turn");

        tmux.SendKeys("Escape");
        AssertDetachedCleanly(tmux, alpha);
    }

    [Test, CancelAfter(60_000)]
    public void Peer_command_links_both_pods_and_a_missing_peer_shows_the_pod_error()
    {
        using var dir = new TempDir("ya");
        using var alpha = PodProcess.Start(dir.Path, "alpha");
        using var beta = PodProcess.Start(dir.Path, "beta");
        using var tmux = TmuxSession.Start(["attach", "alpha"], Env(dir.Path), PodProcess.Workspace(dir.Path), width: 100, height: 30);
        tmux.WaitFor(@"alpha\s+● idle", what: "connected");

        tmux.SendText(":pe");
        tmux.WaitFor(@"COMMAND\s+peer <pod-name>", what: "the prefix suggestion");
        tmux.SendText("er beta");
        tmux.SendKeys("Enter");
        tmux.WaitFor("Peer metadata registered: `alpha` ↔ `beta`", what: "the peer notice");
        tmux.WaitFor(@"peers: beta", what: "the peer in the status line");
        var store = Store(dir.Path);
        Assert.That(store.Find("alpha")!.HasPeer("beta"), Is.True);
        Assert.That(store.Find("beta")!.HasPeer("alpha"), Is.True);

        tmux.SendText(":peer missing");
        tmux.SendKeys("Enter");
        tmux.WaitFor(@"\[InvalidRequest\] pod `missing` does not exist", what: "the Pod's error");

        tmux.SendText(":bogus");
        tmux.SendKeys("Enter");
        tmux.WaitFor(@"Unknown command: bogus\. Type :help for available commands\.", what: "the unknown-command diagnostic");
        tmux.SendKeys("Escape");
        tmux.WaitForAbsent("COMMAND", what: "command mode closed");

        tmux.SendText(":q");
        tmux.SendKeys("Enter");
        AssertDetachedCleanly(tmux, alpha);
        Assert.That(beta.HasExited, Is.False);
    }

    [Test, CancelAfter(60_000)]
    public async Task Attach_restores_a_stored_pod_that_is_not_live_and_Ctrl_R_restores_it_after_a_lost_connection()
    {
        using var dir = new TempDir("ya");
        var env = Env(dir.Path);
        using (var alpha = PodProcess.Start(dir.Path, "alpha"))
        {
            await RunTurnAsync(alpha, "before the stop");
        }
        try
        {
            using var tmux = TmuxSession.Start(["attach", "alpha"], env, PodProcess.Workspace(dir.Path), width: 100, height: 30);
            tmux.WaitFor(@"^› before the stop$", TimeSpan.FromSeconds(30), "the history of the restored Pod");
            tmux.WaitFor(@"alpha\s+● idle", what: "connected to the restored Pod");

            Assert.That(YoiProcess.Run(["pod", "stop", "alpha"], env).ExitCode, Is.Zero);
            tmux.WaitFor(@"alpha\s+✖ disconnected", what: "the lost connection in the status line");
            tmux.WaitFor(@"Connection to pod `alpha` lost: the Pod shut down\. Ctrl\+R reconnects", what: "the reconnect offer");
            tmux.SendKeys("C-r");
            tmux.WaitFor(@"alpha\s+● idle", TimeSpan.FromSeconds(30), "reconnected after Ctrl+R restored the Pod");
            var pane = tmux.WaitFor(@"^› before the stop$", what: "the history again");
            Assert.That(System.Text.RegularExpressions.Regex.Count(pane, "› before the stop"), Is.EqualTo(1), "reloaded, not appended");
            tmux.SendKeys("Escape");
            Assert.That(tmux.WaitForExit(), Is.Zero);
            Assert.That(tmux.TerminalRestored, Is.True);
            var socket = Store(dir.Path).Paths.PodSocketPath("alpha");
            await Poll.UntilAsync(async () => (await PodClient.ProbeAsync(socket, TimeSpan.FromSeconds(1))).Reachable,
                TimeSpan.FromSeconds(10), "the restored Pod still live after detach");
        }
        finally
        {
            YoiProcess.Run(["pod", "stop", "alpha"], env);
        }
    }

    [Test, CancelAfter(60_000)]
    public void Sigterm_quits_the_attached_view_with_the_terminal_restored_and_the_pod_running()
    {
        using var dir = new TempDir("ya");
        using var alpha = PodProcess.Start(dir.Path, "alpha");
        using var tmux = TmuxSession.Start(["attach", "alpha"], Env(dir.Path), PodProcess.Workspace(dir.Path), width: 100, height: 30);
        tmux.WaitFor(@"alpha\s+● idle", what: "connected");
        Assert.That(Yoi.Core.Interop.Libc.Kill(tmux.ProgramPid(), 15), Is.True);
        AssertDetachedCleanly(tmux, alpha);
    }

    [Test, CancelAfter(30_000)]
    public void Attach_to_an_unknown_pod_says_how_to_start_one()
    {
        using var dir = new TempDir("ya");
        using var tmux = TmuxSession.Start(["attach", "ghost"], Env(dir.Path), width: 100, height: 30);
        Assert.That(tmux.WaitForExit(), Is.EqualTo(1));
        Assert.That(tmux.Capture(), Does.Contain("pod `ghost` does not exist; start it with `yoi pod start ghost`"));
    }
}
