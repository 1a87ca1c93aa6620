using System.Text.RegularExpressions;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// Raw input end to end: the real panel in tmux reading the terminal as bytes. An SGR mouse report written to the pane
/// selects the clicked row and a double-click opens a Pod; a bracketed paste of two lines fills the composer and sends
/// nothing; Esc quickly followed by <c>/</c> opens the filter (it was once read as Alt+/ and the text went to the
/// Companion); quitting and SIGTERM leave the terminal in line mode with mouse and paste reporting off.
/// </summary>
[Category("E2E")]
[NonParallelizable] // the double-click is two tmux calls that must reach the panel within its 500 ms double-click time
public class PanelInputE2ETests
{
    private const string Config = """
        {
          "tickets": { "root": ".yoi/tickets" },
          "profiles": { "default": { "engine": "echo" } },
          "roles": { "companion": { "profile": "default" }, "orchestrator": { "profile": "default" }, "intake": { "profile": "default" } },
          "panel": { "autostart": ["companion"] },
        }
        """;

    /// <summary>The terminal settings the shell sees after yoi ended: <c>isig icanon echo</c> is line mode.</summary>
    private const string SttyAfterExit = "echo \"[stty $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(isig|icanon|echo)' | tr '\\n' ' ')]\"";

    private static Dictionary<string, string> Env(PanelWorld world) => new()
    {
        ["YOI_CONFIG_DIR"] = world.Paths.Config,
        ["YOI_DATA_DIR"] = world.Paths.Data,
        ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        ["NO_COLOR"] = "",
    };

    private static int LineOf(string pane, string pattern) =>
        Array.FindIndex(pane.Split('\n'), l => Regex.IsMatch(l, pattern));

    [Test, CancelAfter(90_000)]
    public void A_click_selects_a_row_a_double_click_opens_a_pod_and_a_pasted_text_fills_the_composer_without_sending()
    {
        using var world = new PanelWorld(config: Config);
        foreach (var title in new[] { "Alpha ticket", "Bravo ticket", "Charlie ticket" }) world.Ticket(title);
        var output = Path.Combine(world.Root, "pane-output.bin");
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world), world.Workspace, width: 100, height: 30,
            afterExit: SttyAfterExit, pipeOutputTo: output);
        var pane = tmux.WaitFor(@"^  idle\s+" + world.Companion, TimeSpan.FromSeconds(40), "the idle Companion row");

        var bravo = LineOf(pane, "Bravo ticket");
        tmux.Click(12, bravo);
        tmux.WaitFor(@"^▶ plan\s+\S+\s+Bravo ticket", what: "the clicked Ticket selected");
        Assert.That(LineOf(tmux.Capture(), "Bravo ticket"), Is.EqualTo(bravo), "the row stayed where it was clicked");

        // Esc, then '/' at once (one write): the filter opens; nothing goes to the composer or the Companion.
        tmux.SendInput("\e/charl");
        var filtered = tmux.WaitFor(@"^/charl\s+1 matching row", what: "the filter typed after a quick Esc");
        Assert.That(filtered, Does.Not.Contain("> /charl"), "the text did not land in the composer");
        tmux.SendKeys("Escape");
        tmux.WaitForAbsent(@"^/charl", what: "the filter cleared");

        pane = tmux.Capture();
        var companion = LineOf(pane, @"^  idle\s+" + world.Companion);
        tmux.Click(12, companion);
        tmux.Click(12, companion);
        tmux.WaitFor(@"^ " + world.Companion + @" .*● idle", TimeSpan.FromSeconds(20), "the Companion opened by a double-click");
        tmux.SendKeys("Escape");
        tmux.WaitFor(@"Open Tickets · 3", TimeSpan.FromSeconds(10), "back on the panel");

        tmux.SendKeys("Escape"); // no row selected: letters type into the composer
        tmux.Paste("first pasted line\nsecond pasted line");
        tmux.WaitFor(@"^> first pasted line\s*$", what: "the first pasted line in the composer");
        var composed = tmux.WaitFor(@"^  second pasted line\s*$", what: "the second pasted line on the composer's next line");
        Assert.That(composed, Does.Not.Contain("Sent to Companion").And.Not.Contain("echo: first pasted line"));
        Assert.That(YoiProcess.Run(["pod", "log", world.Companion], Env(world), world.Workspace).Stdout, Does.Not.Contain("first pasted line"),
            "nothing was sent to the Companion");

        tmux.SendKeys("C-c");
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(tmux.TerminalRestored, Is.True);
        Assert.That(tmux.Capture(), Does.Contain("[stty isig icanon echo ]"), "line mode back after quitting");
        var written = File.ReadAllText(output);
        Assert.That(written, Does.Contain("\e[?1000h\e[?1006h").And.Contain("\e[?2004h"), "mouse and paste reporting asked for");
        Assert.That(written[written.LastIndexOf("\e[?1000h", StringComparison.Ordinal)..], Does.Contain("\e[?1000l").And.Contain("\e[?2004l"),
            "and turned off again");
    }

    [Test, CancelAfter(60_000)]
    public void With_panel_mouse_false_no_mouse_reporting_is_asked_for_and_sigterm_restores_line_mode()
    {
        using var world = new PanelWorld(config: """
            { "tickets": { "root": ".yoi/tickets" }, "panel": { "autostart": [], "mouse": false } }
            """);
        world.Ticket("Only ticket");
        var output = Path.Combine(world.Root, "pane-output.bin");
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], Env(world), world.Workspace, width: 100, height: 30,
            afterExit: SttyAfterExit, pipeOutputTo: output);
        tmux.WaitFor(@"Open Tickets · 1", TimeSpan.FromSeconds(40));
        Assert.That(Yoi.Core.Interop.Libc.Kill(tmux.ProgramPid(), 15), Is.True);
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(tmux.TerminalRestored, Is.True);
        Assert.That(tmux.Capture(), Does.Contain("[stty isig icanon echo ]"), "line mode back after SIGTERM");
        var written = File.ReadAllText(output);
        Assert.That(written, Does.Not.Contain("\e[?1000h"), "panel.mouse: false leaves the terminal's own selection working");
        Assert.That(written, Does.Contain("\e[?2004l"), "paste reporting turned off on SIGTERM");
    }
}
