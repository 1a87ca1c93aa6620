using Yoi.Core.Pods;
using Yoi.Tests.Core.Panel;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// <c>yoi panel</c> end to end: the real binary in a private tmux server, a temp workspace with real Tickets, and real
/// echo-engine Pods (the Companion is autostarted by the startup reload). Every Pod is stopped on dispose.
/// </summary>
[Category("E2E")]
public class PanelScreenE2ETests
{
    private const string Config = """
        {
          "tickets": { "root": ".yoi/tickets" },
          "profiles": { "default": { "engine": "echo" } },
          "roles": { "companion": { "profile": "default" }, "orchestrator": { "profile": "default" }, "intake": { "profile": "default" } },
          "panel": { "autostart": ["companion"] },
        }
        """;

    private static Dictionary<string, string> Env(PanelWorld world) => new()
    {
        ["YOI_CONFIG_DIR"] = world.Paths.Config,
        ["YOI_DATA_DIR"] = world.Paths.Data,
        ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        ["NO_COLOR"] = "",
    };

    private static TmuxSession Panel(PanelWorld world, int width = 100, int height = 24) =>
        TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world), workingDirectory: world.Workspace, width: width, height: height);

    private static bool Reachable(PanelWorld world, string pod) =>
        PodClient.ProbeAsync(world.Paths.PodSocketPath(pod), TimeSpan.FromSeconds(1)).GetAwaiter().GetResult().Reachable;

    [Test, CancelAfter(60_000)]
    public void The_first_frame_comes_before_the_data_arrows_scroll_past_the_bottom_and_ctrl_c_leaves_pods_running()
    {
        using var world = new PanelWorld(config: Config);
        for (var i = 1; i <= 30; i++) world.Ticket($"Scroll target {i:D2}");
        var output = Path.Combine(world.Root, "pane-output.bin");
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world), workingDirectory: world.Workspace,
            width: 100, height: 24, pipeOutputTo: output);

        tmux.WaitFor(@"Open Tickets · 30", TimeSpan.FromSeconds(30));
        // Read from the bytes yoi wrote, not from a capture: a fast start replaces the loading frame before a poll sees it.
        var written = File.ReadAllText(output);
        var loading = written.IndexOf("Loading workspace dashboard…", StringComparison.Ordinal);
        Assert.That(loading, Is.GreaterThanOrEqualTo(0), "a loading frame was drawn");
        Assert.That(written.IndexOf("Scroll target", StringComparison.Ordinal), Is.GreaterThan(loading),
            "the first frame is drawn before any Ticket is loaded");
        tmux.WaitFor(@"companion (live|spawned)", TimeSpan.FromSeconds(30), "the autostarted Companion");
        // The first ↓ selects the first row: no Working Pods section above the Tickets (the Companion's row, below the
        // fold, is among the Idle Pods once it has answered a probe).
        tmux.WaitFor(@"^Needs you[^\n]*\nOpen Tickets · 30", TimeSpan.FromSeconds(30), "the Tickets first, no Pod above them");
        tmux.SendKeys("Down"); // the first data selects no row
        var top = tmux.WaitFor(@"^▶ plan\s+\S+\s+Scroll target 30", what: "the newest Ticket selected by the first ↓");
        Assert.That(top, Does.Not.Contain("Scroll target 01"), "the oldest Ticket is below the fold");

        tmux.SendKeys("-N", "29", "Down");
        var bottom = tmux.WaitFor(@"^▶ plan\s+\S+\s+Scroll target 01", what: "the selection on the last Ticket, scrolled into view");
        Assert.That(bottom, Does.Not.Contain("Scroll target 30"), "the list scrolled");

        tmux.SendKeys("C-c");
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(tmux.TerminalRestored, Is.True, "alternate screen left and cursor shown");
        Assert.That(Reachable(world, world.Companion), Is.True, "the Companion keeps running after the panel quits");
    }

    [Test, CancelAfter(60_000)]
    public void Enter_opens_a_pod_and_esc_comes_back_to_the_panel_then_resize_redraws_and_q_quits()
    {
        using var world = new PanelWorld(config: Config);
        world.Ticket("Only Ticket");
        using var tmux = Panel(world);
        tmux.WaitFor(@"idle\s+" + world.Companion, TimeSpan.FromSeconds(30), "the Companion's Pod row");

        tmux.SendKeys("End");
        tmux.WaitFor(@"^▶ idle\s+" + world.Companion, what: "the Companion row selected");
        tmux.SendKeys("Enter");
        tmux.WaitFor(@"^ " + world.Companion + @" .*● idle", TimeSpan.FromSeconds(20), "the attached Pod view");
        tmux.SendKeys("Escape");
        tmux.WaitFor("workspace dashboard", what: "the panel again");
        tmux.WaitFor(@"^▶ idle\s+" + world.Companion, what: "the same selection");

        tmux.Resize(70, 18);
        tmux.WaitFor(@"^── Pod " + world.Companion + " ─{" + (70 - 8 - world.Companion.Length) + "}$", what: "a 70-wide details heading after the resize");
        tmux.Resize(50, 12);
        tmux.WaitFor(@"terminal too small \(50×12\); need 60×16");
        tmux.Resize(100, 24);
        tmux.WaitFor(@"^── Pod " + world.Companion + " ─{" + (100 - 8 - world.Companion.Length) + "}$", what: "the panel at 100 columns");

        tmux.SendKeys("q");
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(tmux.TerminalRestored, Is.True);
        Assert.That(Reachable(world, world.Companion), Is.True);
    }

    [Test, CancelAfter(60_000)]
    public void Enter_on_a_planning_ticket_starts_intake_and_the_row_shows_the_live_intake_child()
    {
        using var world = new PanelWorld(config: Config);
        var id = world.Ticket("Clarify the reload race");
        using var tmux = Panel(world);
        tmux.WaitFor(@"^  plan\s+\S+\s+Clarify the reload race", TimeSpan.FromSeconds(30), "the planning Ticket, not selected yet");
        tmux.WaitFor(@"^  idle\s+" + world.Companion, TimeSpan.FromSeconds(30), "the Companion idle below the Ticket (the first ↓ selects the first row)");
        tmux.SendKeys("Down");
        tmux.WaitFor(@"^▶ plan\s+\S+\s+Clarify the reload race", TimeSpan.FromSeconds(30), "the planning Ticket selected");
        tmux.WaitFor(@"blank Enter Start Intake", what: "the target line naming the action");

        tmux.SendKeys("Enter");
        var pod = "ticket-intake-" + id.ToLowerInvariant();
        tmux.WaitFor(@"└ live\s+Intake Pod " + pod, TimeSpan.FromSeconds(30), "the live Intake child row");
        tmux.WaitFor(@"Clarify the reload race\s+live\s+clear", what: "the live claim on the Ticket row");
        Assert.That(Reachable(world, pod), Is.True, "the Intake Pod is a real running Pod");

        tmux.SendKeys("C-c");
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(Reachable(world, pod), Is.True, "quitting the panel leaves the Intake Pod running");
    }
}
