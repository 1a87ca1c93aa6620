using System.Diagnostics;
using System.Text.RegularExpressions;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// The details pane's live preview end to end: the real panel in tmux and a real Companion whose engine is a
/// <c>command</c> that prints four lines 0.6 s apart. A message typed in the composer is sent to the Companion, and the
/// preview shows its reply line by line while the turn runs (one line on screen before the next is printed).
/// </summary>
[Category("E2E")]
[NonParallelizable] // a tmux end-to-end test: its screen deadlines and the panel's reload and notice timing assume the panel gets the CPU
public class PanelPreviewE2ETests
{
    private const string Config = """
        {
          "tickets": { "root": ".yoi/tickets" },
          "profiles": {
            "default": { "engine": "echo" },
            "slow": { "engine": "command", "command": ["sh", "-c", "cat > /dev/null; for i in 1 2 3 4; do echo \"slow line $i\"; [ $i = 4 ] || sleep 0.6; done"] }
          },
          "roles": { "companion": { "profile": "slow" }, "orchestrator": { "profile": "default" }, "intake": { "profile": "default" } },
          "panel": { "autostart": ["companion"] },
        }
        """;

    [Test, CancelAfter(120_000)]
    public void A_message_to_the_companion_shows_its_reply_in_the_preview_line_by_line_while_the_turn_runs()
    {
        using var world = new PanelWorld(config: Config);
        world.Ticket("Some ticket");
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], new Dictionary<string, string>
        {
            ["YOI_CONFIG_DIR"] = world.Paths.Config,
            ["YOI_DATA_DIR"] = world.Paths.Data,
            ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        }, world.Workspace, width: 100, height: 40);
        tmux.WaitFor(@"^  idle\s+" + world.Companion, TimeSpan.FromSeconds(40), "the idle Companion row");

        tmux.SendText("please report");
        tmux.SendKeys("Enter");
        var first = tmux.WaitFor(@"slow line 1", TimeSpan.FromSeconds(20), "the first line of the reply in the preview");
        Assert.That(first, Does.Not.Contain("slow line 3"), "the preview shows the reply while it is printed, not at the end");
        Assert.That(first, Does.Contain("── Companion " + world.Companion + " (the composer's target) · live"), "the Companion's preview, live");
        Assert.That(first, Does.Contain("› please report"), "the message sent from the composer is in the preview too");

        // Every later line appears on its own: seen while the line after it is not printed yet.
        var seen = new List<int>();
        var clock = Stopwatch.StartNew();
        while (seen.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var pane = tmux.Capture();
            var last = Enumerable.Range(1, 4).LastOrDefault(i => pane.Contains($"slow line {i}", StringComparison.Ordinal));
            if (last >= 2 && !seen.Contains(last)) seen.Add(last);
            Thread.Sleep(50);
        }
        Assert.That(seen, Is.EqualTo(new[] { 2, 3, 4 }), "lines 2, 3 and 4 each seen as the newest line");
        tmux.WaitFor(@"^  (done · unseen|idle)\s+" + world.Companion, TimeSpan.FromSeconds(20), "the turn ended");
        tmux.SendKeys("C-c");
        Assert.That(tmux.WaitForExit(), Is.Zero);
    }
}
