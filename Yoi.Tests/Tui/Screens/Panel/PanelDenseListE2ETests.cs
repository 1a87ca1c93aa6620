using System.Text.RegularExpressions;
using Yoi.Tests.Core.Panel;
using Yoi.Tests.Support;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// The dense list end to end: the real binary in tmux on a copy of the 223-Ticket fixture (no Pods: autostart is off,
/// so every list line is a Ticket or a header). Counts the Ticket rows visible at once and checks that the gate column
/// starts in the same cell on every open Ticket row, Japanese titles included.
/// </summary>
[Category("E2E")]
[NonParallelizable]
public partial class PanelDenseListE2ETests
{
    private const string Config = """
        { "tickets": { "root": ".yoi/tickets" }, "panel": { "autostart": [] } }
        """;

    [GeneratedRegex(@"^[▶ ] (plan|ready|q|prog|done|cls)\s+[0-9A-Z]{4,13} ", RegexOptions.Multiline)]
    private static partial Regex TicketLine();

    [TestCase(80, 24, 13)]
    [TestCase(200, 60, 40)]
    [CancelAfter(60_000)]
    public void The_fixture_shows_many_ticket_rows_at_once_with_aligned_columns(int width, int height, int atLeast)
    {
        if (!Directory.Exists(RepoPaths.FixtureWorkspace)) Assert.Ignore("the 223-Ticket fixture is not in this checkout");
        using var world = new PanelWorld(config: Config);
        CopyTickets(Path.Combine(RepoPaths.FixtureWorkspace, ".yoi", "tickets"), world.TicketsRoot);
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], new Dictionary<string, string>
        {
            ["YOI_CONFIG_DIR"] = world.Paths.Config,
            ["YOI_DATA_DIR"] = world.Paths.Data,
            ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        }, workingDirectory: world.Workspace, width: width, height: height);

        var screen = tmux.WaitFor(@"Closed Tickets · 213", TimeSpan.FromSeconds(40), "the closed-Tickets section");
        screen = tmux.WaitFor(@"Open Tickets · 10", what: "the open-Tickets section");
        var rows = TicketLine().Count(screen);
        TestContext.Out.WriteLine(screen);
        Assert.That(rows, Is.GreaterThanOrEqualTo(atLeast), $"Ticket rows visible at {width}×{height}:\n{screen}");

        // The gate column ("clear") starts in the same cell on every open Ticket row, whatever the title's script.
        var gateCells = screen.Split('\n').Where(l => TicketLine().IsMatch(l) && l.Contains(" clear", StringComparison.Ordinal))
            .Select(l => CellWidth.Of(l[..l.LastIndexOf(" clear", StringComparison.Ordinal)])).Distinct().ToList();
        Assert.That(gateCells, Has.Count.EqualTo(1), "one gate column:\n" + screen);
        Assert.That(screen, Does.Contain("評価メトリクス"), "a Japanese title is on screen");
        foreach (var line in screen.Split('\n')) Assert.That(CellWidth.Of(line), Is.LessThanOrEqualTo(width), line);

        tmux.SendKeys("q");
        Assert.That(tmux.WaitForExit(), Is.Zero);
    }

    private static void CopyTickets(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
