using Yoi.Corpus;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// <c>yoi panel</c> on the generated default corpus (<see cref="TicketCorpus"/>, 223 Tickets, as many as the real 2026-06 corpus) in a pseudo-terminal (<see cref="PtyPanel"/>):
/// process start → first frame, and → dashboard ready (first frame showing Tickets). The workspace has no config, so
/// the default autostart applies: the first start spawns the Companion and Orchestrator (reported separately); the
/// measured starts find them live, as every later start does. Also the floor: start → exit of <c>yoi --help</c>.
/// </summary>
internal sealed class StartupBenchmark : IBenchmark
{
    public string Name => "startup";
    public string Description => "yoi panel start → first frame and → dashboard ready on the generated 223-Ticket corpus (pty)";

    public void Run(BenchReport report, BenchOptions options)
    {
        using var home = new BenchHome("startup");
        var workspace = Path.Combine(home.Workspace, "fixture");
        TicketCorpus.Write(Path.Combine(workspace, ".yoi", "tickets"));
        try
        {
            var spawning = PtyPanel.Run(home, workspace, TimeSpan.Zero);
            var starts = Enumerable.Range(0, options.WarmUps + options.Runs).Select(_ => PtyPanel.Run(home, workspace, TimeSpan.Zero)).Skip(options.WarmUps).ToList();
            report.Figure("first_frame_ms", Stats.Median(starts.Select(s => s.FirstFrameMs).ToList()), "ms");
            report.Figure("dashboard_ready_ms", Stats.Median(starts.Select(s => s.ReadyMs).ToList()), "ms");
            report.Figure("first_start_spawning_first_frame_ms", spawning.FirstFrameMs, "ms");
            report.Figure("first_start_spawning_ready_ms", spawning.ReadyMs, "ms");
            report.Figure("pty_overhead_ms", Stats.MedianAfterWarmUps(options, () => PtyPanel.Overhead()), "ms");
            report.Figure("cli_help_ms", Stats.MedianAfterWarmUps(options, () => YoiCli.Run(home, ["--help"], "Usage")), "ms");
        }
        finally
        {
            BenchPods.StopAllAsync(home).GetAwaiter().GetResult();
        }
    }
}
