using System.Diagnostics;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Paint + diff + encode of a 200×60 panel-like frame that shows a window of a 10,000-row list of two-line Ticket
/// rows (Japanese and English titles), and the bytes one selection move sends to the terminal.
/// </summary>
internal sealed class FrameBenchmark : IBenchmark
{
    private const int Width = 200;
    private const int Height = 60;
    private const int Rows = 10_000;
    private const int MovesPerRun = 100;

    private static readonly string[] Titles =
    [
        "ワークスペース一覧の表示を改善する",
        "Fix the reload race between the panel and the Pod registry",
        "日本語と English の混在したタイトルで列が揃うことを確認する",
        "Intake の起動時に古い claim を掃除する",
        "Render the attached Pod view transcript incrementally",
    ];

    private static readonly string[] States = ["planning", "ready", "implementing", "review", "closed"];

    public string Name => "frame";
    public string Description => "render + diff of a 200×60 panel frame over a 10,000-row list; bytes per selection move";

    public void Run(BenchReport report, BenchOptions options)
    {
        var renderer = new Renderer(noColor: false);
        var frame = new Frame(Width, Height);
        var list = new ScrollList { Count = Rows, RowHeight = _ => 2, Selected = Rows / 2 };
        var composer = new TextInput { Text = "次の作業をお願いします" };
        var down = Key.Of(KeyCode.Down);
        var up = Key.Of(KeyCode.Up);

        Paint(frame, list, composer);
        var fullBytes = renderer.Render(frame).Length;

        // Typical move: the selection moves inside the visible window.
        list.HandleKey(up, ListHeight);
        Paint(frame, list, composer);
        var moveBytes = renderer.Render(frame).Length;

        // Worst move: the selection leaves the bottom, so the whole window scrolls by one row.
        list.HandleKey(Key.Of(KeyCode.Down), ListHeight);
        while (list.Selected < list.Offset + (ListHeight / 2) - 1) list.HandleKey(down, ListHeight);
        Paint(frame, list, composer);
        renderer.Render(frame);
        list.HandleKey(down, ListHeight);
        Paint(frame, list, composer);
        var scrollBytes = renderer.Render(frame).Length;

        // Warm-up long enough for tiered JIT to promote the hot paths even on a busy machine (1.5 s), then measure.
        var step = 0;
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalMilliseconds < options.Pick(1500, 50))
        {
            list.HandleKey(step++ % 20 < 10 ? up : down, ListHeight);
            Paint(frame, list, composer);
            renderer.Render(frame);
        }
        var medianRunMs = BenchReport.MedianMs(options.Runs, () =>
        {
            for (var i = 0; i < MovesPerRun; i++)
            {
                // Move up and down within the window (no scrolling), as a user browsing the list does.
                list.HandleKey(step++ % 20 < 10 ? up : down, ListHeight);
                Paint(frame, list, composer);
                renderer.Render(frame);
            }
        });

        var scrollMs = BenchReport.MedianMs(options.Runs, () =>
        {
            for (var i = 0; i < MovesPerRun; i++)
            {
                list.HandleKey(list.Selected >= Rows - 1 ? Key.Of(KeyCode.Home) : down, ListHeight);
                Paint(frame, list, composer);
                renderer.Render(frame);
            }
        });

        var paintStarted = Stopwatch.GetTimestamp();
        for (var i = 0; i < MovesPerRun; i++) Paint(frame, list, composer);
        var paintMs = Stopwatch.GetElapsedTime(paintStarted).TotalMilliseconds / MovesPerRun;

        report.Figure("render_diff_ms", medianRunMs / MovesPerRun, "ms");
        report.Figure("render_diff_scrolling_ms", scrollMs / MovesPerRun, "ms");
        report.Figure("paint_only_ms", paintMs, "ms");
        report.Figure("bytes_per_move", moveBytes, "B");
        report.Figure("bytes_per_scrolling_move", scrollBytes, "B");
        report.Figure("bytes_full_repaint", fullBytes, "B");
    }

    private const int ListHeight = Height - 5;

    private static readonly Style Grey = Color.DarkGrey;
    private static readonly Style Title = Color.Magenta;
    private static readonly Style Selected = new(Color.Magenta, Attr: TextAttr.Bold);
    private static readonly Column[] Line1 = [new(2, Gap: 0), new(10), new(0)];
    private static readonly Column[] Line2 = [new(2, Gap: 0), new(5, Gap: 0), new(0)];

    private static void Paint(Frame frame, ScrollList list, TextInput composer)
    {
        frame.Clear();
        frame.Write(0, 0, [new Span("workspace dashboard", default(Style).Bold()),
            new Span("  Row selection: blank Enter opens/dispatches · text Enter uses target · Tab target", Grey),
            new Span(" · companion ", Grey), new Span("running", Color.Green),
            new Span(" · orchestrator ", Grey), new Span("idle", Color.Yellow)]);
        list.Render(frame, new Rect(0, 1, Width, ListHeight), (f, area, row, selected) =>
        {
            var style = selected ? Selected : Title;
            var state = States[row % States.Length];
            var stateStyle = row % 3 == 0 ? new Style(Color.Green) : row % 3 == 1 ? new Style(Color.Cyan) : Grey;
            Columns.Draw(f, area, 0, Line1, [new Span(selected ? "▶ " : "  ", selected ? Selected : Grey), new Span(state, stateStyle),
                new Span(Titles[row % Titles.Length] + $" #{row}", style)]);
            Columns.Draw(f, area, 1, Line2, [new Span(selected ? "│ " : "  ", Selected), new Span("meta ", Grey),
                new Span($"20260601-{row:00000} · Gate: clear · Action: Start Intake · Reason: ready for planning", Grey)]);
        });
        var y = 1 + ListHeight;
        frame.Write(0, y, new string('─', Width), Grey);
        StatusLine.Render(frame, new Rect(0, y + 1, Width, 1), [new Span("composer target ", Grey),
            new Span("Ticket Intake", Selected), new Span(" · selected Ticket ", Grey), new Span("ready", Color.Green)]);
        composer.Render(frame, new Rect(0, y + 2, Width, 1), Grey, default);
        StatusLine.Render(frame, new Rect(0, y + 3, Width, 1),
            [new Span("Composer target: Ticket Intake; type a request, then Enter launches Intake", Grey)],
            "↑/↓ select row  Enter selected row  Tab target  Esc clear selection  Left/Right cursor  Ctrl+C quit", Grey);
    }
}
