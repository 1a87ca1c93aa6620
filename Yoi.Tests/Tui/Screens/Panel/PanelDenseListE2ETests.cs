using System.Diagnostics;
using System.Text.RegularExpressions;
using Yoi.Tests.Core.Panel;
using Yoi.Tests.Support;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// The dense list end to end: the real binary in tmux on a copy of the generated 223-record Ticket corpus (and of the real
/// 2026-06 corpus when present; no Pods: autostart is off,
/// so every list line is a Ticket or a header). Counts the Ticket rows visible at once and checks that the gate column
/// starts in the same cell on every open Ticket row, Japanese titles included.
/// </summary>
[Category("E2E")]
public partial class PanelDenseListE2ETests
{
    private const string Config = """
        { "tickets": { "root": ".yoi/tickets" }, "panel": { "autostart": [] } }
        """;

    [GeneratedRegex(@"^[▶ ] (plan|ready|q|prog|done|cls)\s+[0-9A-Z]{4,13} ", RegexOptions.Multiline)]
    private static partial Regex TicketLine();

    /// <summary>A Ticket in the Needs you group (awaiting Close, stale claim): one line per Ticket too.</summary>
    [GeneratedRegex(@"^[▶ ] (close\?|stale claim) ", RegexOptions.Multiline)]
    private static partial Regex NeedsYouTicketLine();

    private static int Rows(string screen) => TicketLine().Count(screen) + NeedsYouTicketLine().Count(screen);

    /// <summary>Both sizes on the generated corpus, and on a copy of the real 2026-06 corpus when it is present.</summary>
    public static IEnumerable<TestCaseData> Sizes() => Corpora.BothWith([80, 24, 13], [200, 60, 40]);

    [TestCaseSource(nameof(Sizes))]
    [CancelAfter(60_000)]
    public void The_fixture_shows_many_ticket_rows_at_once_with_aligned_columns(int width, int height, int atLeast, CorpusKind kind)
    {
        var corpus = TestCorpus.Open(kind);
        using var world = new PanelWorld(config: Config);
        Directory.Delete(world.TicketsRoot);
        corpus.CopyTicketsTo(world.TicketsRoot);
        using var tmux = TmuxSession.Start(["panel", "--workspace", world.Workspace], new Dictionary<string, string>
        {
            ["YOI_CONFIG_DIR"] = world.Paths.Config,
            ["YOI_DATA_DIR"] = world.Paths.Data,
            ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        }, workingDirectory: world.Workspace, width: width, height: height);

        var screen = tmux.WaitFor(@"Open Tickets · \d+", TimeSpan.FromSeconds(40), "the open-Tickets section");
        // A capture can land while the frame is still being painted (seen under load): read again until the rows are
        // there or the screen stays short for 10 s.
        var painting = Stopwatch.StartNew();
        while (Rows(screen) < atLeast && painting.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
            screen = tmux.Capture();
        }
        var rows = Rows(screen);
        TestContext.Out.WriteLine(screen);
        Assert.That(rows, Is.GreaterThanOrEqualTo(atLeast), $"Ticket rows visible at {width}×{height}:\n{screen}");

        // The gate column ("clear") starts in the same cell on every open Ticket row, whatever the title's script.
        var gateCells = screen.Split('\n').Where(l => TicketLine().IsMatch(l) && l.Contains(" clear", StringComparison.Ordinal))
            .Select(l => CellWidth.Of(l[..l.LastIndexOf(" clear", StringComparison.Ordinal)])).Distinct().ToList();
        Assert.That(gateCells, Has.Count.EqualTo(1), "one gate column:\n" + screen);
        Assert.That(screen.Any(c => c is >= '\u3040' and <= '\u9fff'), Is.True, "a Japanese title is on screen");
        foreach (var line in screen.Split('\n')) Assert.That(CellWidth.Of(line), Is.LessThanOrEqualTo(width), line);

        tmux.SendKeys("q");
        Assert.That(tmux.WaitForExit(), Is.Zero);
    }
}
