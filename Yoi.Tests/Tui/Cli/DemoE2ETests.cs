using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

/// <summary>The README's first command, end to end: `yoi demo` in a real terminal (tmux) shows every row kind and cleans up.</summary>
public class DemoE2ETests
{
    [Test]
    public void Yoi_demo_opens_the_panel_with_every_row_kind_and_stops_its_pods_on_quit()
    {
        using var dir = new TempDir("yoi-demo");
        var demoDir = dir.Combine("demo");
        var home = Path.Combine(demoDir, "home");
        var env = new Dictionary<string, string>
        {
            // No YOI_HOME: the demo must use its own home inside the demo dir and never the user's.
            ["YOI_HOME"] = "", ["YOI_DATA_DIR"] = "", ["YOI_RUNTIME_DIR"] = "", ["YOI_CONFIG_DIR"] = "", ["XDG_RUNTIME_DIR"] = "",
            ["HOME"] = dir.Combine("fake-home"),
        };
        using var tmux = TmuxSession.Start(["demo", "--dir", demoDir], env, dir.Path, width: 160, height: 48);
        try
        {
            var timeout = TimeSpan.FromSeconds(60);
            var screen = tmux.WaitFor(@"ticket-intake-\S+", timeout, "the claimed Intake Pod row");
            screen = tmux.WaitFor(@"stale claim +Document the session log format", timeout, "the stale claim in Needs you");
            screen = tmux.WaitFor(@"└ stale \(no pod", timeout, "the stale Intake row with its reason");
            foreach (var (pattern, what) in new[]
            {
                ("yoi-demo-[0-9a-f]{6}-orchestrator", "the Orchestrator"),
                ("ログイン画面のエラー表示を改善する", "a planning Ticket with a Japanese title"),
                ("Show read notifications in the attached view", "a ready Ticket with an active blocker"),
                (@"Show read notifications in the attached view +wait 1", "the active blocker in the gate column"),
                ("Add a filter for queued work", "a ready Ticket with a soft blocker"),
                ("検索インデックスを再構築する", "a queued Ticket"),
                ("Pod 一覧の並び順を安定させる", "an inprogress Ticket"),
                ("Fix wide-character truncation in titles", "a done Ticket to close"),
                (@"ログイン画面のエラー表示を改善する +live", "the live claim on its Ticket row"),
                (@"idle +yoi-demo-[0-9a-f]{6} +companion", "the Companion's Pod row"),
            })
            {
                screen = tmux.WaitFor(pattern, timeout, what);
            }
            TestContext.Out.WriteLine(screen);

            tmux.SendKeys("C-c");
            Assert.That(tmux.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero);
            Assert.That(tmux.TerminalRestored, Is.True);
            tmux.WaitFor(@"stopped 3 demo Pod\(s\)", TimeSpan.FromSeconds(5));
        }
        finally
        {
            StopAll(home);
        }
        Assert.That(Directory.GetDirectories(Path.Combine(home, "pods"), "yoi-demo-*"), Is.Not.Empty, "the demo's Pods lived in its own home");
        Assert.That(Directory.Exists(dir.Combine("fake-home", ".yoi")), Is.False, "the user's ~/.yoi is never touched");
        Assert.That(LiveRuntimeDirs(home), Is.Empty, "every demo Pod stopped and removed its runtime dir");
    }

    private static IEnumerable<string> LiveRuntimeDirs(string home)
    {
        var run = Path.Combine(home, "run");
        return Directory.Exists(run) ? Directory.EnumerateDirectories(run).Where(d => Path.GetFileName(d) != "h") : [];
    }

    private static void StopAll(string home)
    {
        foreach (var dir in LiveRuntimeDirs(home).ToList())
            YoiProcess.Run(["pod", "stop", Path.GetFileName(dir)], new Dictionary<string, string> { ["YOI_HOME"] = home });
    }
}
