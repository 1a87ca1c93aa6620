using System.Diagnostics;
using Yoi.Tests.Core.Panel;
using Yoi.Tests.Support;
using Yoi.Tui.Screens.Panel;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// "Needs you" end to end: the real panel in tmux, a real echo-engine Companion, a real <c>yoi pod send</c>. The
/// finished turn shows as <c>done · unseen</c>, rings the bell and writes OSC 9 once; opening the Pod clears it, and a
/// restarted panel (and <c>yoi pod list --json</c>) still knows it was seen (the seen store is on disk).
/// </summary>
[Category("E2E")]
[NonParallelizable] // a tmux end-to-end test: its screen deadlines and the panel's reload and notice timing assume the panel gets the CPU
public class PanelNeedsYouE2ETests
{
    private const string Config = """
        {
          "tickets": { "root": ".yoi/tickets" },
          "profiles": { "default": { "engine": "echo" } },
          "roles": { "companion": { "profile": "default" }, "orchestrator": { "profile": "default" }, "intake": { "profile": "default" } },
          "panel": { "autostart": ["companion"], "notify": ["bell", "desktop"] },
        }
        """;

    private static Dictionary<string, string> Env(PanelWorld world) => new()
    {
        ["YOI_CONFIG_DIR"] = world.Paths.Config,
        ["YOI_DATA_DIR"] = world.Paths.Data,
        ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
    };

    [Test, CancelAfter(120_000)]
    public void A_finished_turn_needs_you_once_until_the_pod_is_opened_and_stays_cleared_after_a_restart()
    {
        using var world = new PanelWorld(config: Config);
        world.Ticket("Only Ticket");
        var output = Path.Combine(world.Root, "pane-output.bin");
        var companion = world.Companion;
        using (var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world), workingDirectory: world.Workspace, width: 100, height: 30,
            pipeOutputTo: output))
        {
            tmux.WaitFor(@"^  idle\s+" + companion, TimeSpan.FromSeconds(30), "the idle Companion row");
            tmux.WaitFor("Needs you · nothing waiting", what: "an empty Needs you group");

            // `yoi pod wait` started while the Pod is idle returns when the next turn ends, with its outcome.
            var waitInfo = YoiProcess.StartInfo(["pod", "wait", companion, "--timeout", "30"], Env(world), world.Workspace);
            waitInfo.RedirectStandardOutput = true;
            using var wait = Process.Start(waitInfo)!;
            Assert.That(wait.StandardError.ReadLine(), Is.EqualTo($"yoi: waiting for `{companion}` (idle)…"), "pod wait connected to the idle Pod");
            Thread.Sleep(300);
            Assert.That(wait.HasExited, Is.False, "pod wait blocks while the Pod is idle");
            var sent = YoiProcess.Run(["pod", "send", companion, "hello from the test"], Env(world), world.Workspace);
            Assert.That(sent.ExitCode, Is.Zero, sent.Stderr);
            Assert.That(wait.WaitForExit(20_000), Is.True, "pod wait returns when the turn ends");
            Assert.That((wait.ExitCode, wait.StandardOutput.ReadToEnd().Trim()), Is.EqualTo((0, $"{companion}: the turn ended: finished")));
            var clock = Stopwatch.StartNew();
            // The product bar is 2 s (one 1.5 s reload plus the probe); the wait allows a loaded CI machine 1 s more.
            var screen = tmux.WaitFor(@"^  done · unseen\s+" + companion + @"\s+turn finished", TimeSpan.FromSeconds(3), "the Companion in Needs you");
            var sinceSignal = Stopwatch.StartNew(); // the OSC 9 is written with the frame that shows it
            TestContext.Out.WriteLine($"done · unseen after {clock.ElapsedMilliseconds} ms");
            Assert.That(screen, Does.Contain("Needs you · 1"));
            WaitUntil(() => tmux.Format("#{window_bell_flag}") == "1", "the window's bell flag");

            var list = PodList(world, "\"unseen\"");
            Assert.That(list.Stdout, Does.Contain("\"unseen\": true").And.Contain("\"last_outcome\": \"finished\"").And.Contain("\"last_turn_ended_at\""));

            // Had the notifier forgotten the turn, a reload after the signal (the new Ticket on screen proves one) would
            // queue it again, and the rate limit would let it out at the first tick 2 s after the signal.
            world.Ticket("Second Ticket");
            tmux.WaitFor("Open Tickets · 2", what: "a reload after the signal");
            var window = PanelNotifier.MinInterval + NoticeWriteMargin - sinceSignal.Elapsed;
            if (window > TimeSpan.Zero) Thread.Sleep(window);
            Assert.That(Occurrences(File.ReadAllText(output), "\e]9;"), Is.EqualTo(1), "one OSC 9 for one finished turn, though the panel reloaded since");

            tmux.SendKeys("Home");
            tmux.WaitFor(@"^▶ done · unseen\s+" + companion, what: "the Needs you row selected");
            tmux.SendKeys("Enter");
            tmux.WaitFor(@"^ " + companion + @" .*● idle", TimeSpan.FromSeconds(20), "the attached Pod view");
            tmux.SendKeys("Escape");
            tmux.WaitFor("Needs you · nothing waiting", TimeSpan.FromSeconds(10), "Needs you cleared after opening the Pod");
            tmux.WaitFor(@"^  idle\s+" + companion + @"|^▶ idle\s+" + companion, what: "the Companion idle again, not unseen");
            tmux.SendKeys("q");
            Assert.That(tmux.WaitForExit(), Is.Zero);
            Assert.That(Occurrences(File.ReadAllText(output), "\e]9;"), Is.EqualTo(1), "opening the Pod signals nothing more");
        }

        using (var again = TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world), workingDirectory: world.Workspace, width: 100, height: 30))
        {
            again.WaitFor(@"idle\s+" + companion, TimeSpan.FromSeconds(30), "the Companion after a panel restart");
            var screen = again.WaitFor("Needs you · nothing waiting", what: "still cleared after a restart");
            Assert.That(screen, Does.Not.Contain("done · unseen"));
            var list = PodList(world, "\"unseen\"");
            Assert.That(list.Stdout, Does.Contain("\"unseen\": false").And.Contain("\"last_seen_at\""));
            again.SendKeys("q");
            Assert.That(again.WaitForExit(), Is.Zero);
        }
    }

    /// <summary><c>yoi pod list --json</c>; the last-run fields come from a budgeted probe, so a starved machine may need another try.</summary>
    private static YoiResult PodList(PanelWorld world, string mustContain)
    {
        YoiResult list = null!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            list = YoiProcess.Run(["pod", "list", "--json"], Env(world), world.Workspace);
            if (list.Stdout.Contains(mustContain, StringComparison.Ordinal)) break;
        }
        return list;
    }

    /// <summary>Past the notifier's rate limit: the panel's 100 ms tick that would flush a second signal, and the pane pipe's write.</summary>
    private static readonly TimeSpan NoticeWriteMargin = TimeSpan.FromMilliseconds(500);

    private static int Occurrences(string text, string needle)
    {
        var count = 0;
        for (var i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5)) Assert.Fail($"timed out waiting for {what}");
            Thread.Sleep(50);
        }
    }
}
