using System.Diagnostics;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Process start of the real <c>yoi</c> on the fixture workspace (223 Tickets). Until <c>yoi panel</c> exists: start →
/// exit of <c>yoi --help</c> (the runtime floor) and of <c>yoi ticket list</c> (start, load all 223, print).
/// </summary>
internal sealed class StartupBenchmark : IBenchmark
{
    public string Name => "startup";
    public string Description => "yoi process start → first frame and → dashboard ready on the 223-Ticket fixture";

    public void Run(BenchReport report, BenchOptions options)
    {
        var fixture = BenchPaths.FixtureWorkspace;
        using var home = new BenchHome("startup");
        var runs = options.Runs;
        report.Figure("cli_help_ms", Median(runs, () => YoiCli.Run(home, ["--help"], "Usage")), "ms");
        report.Figure("ticket_list_fixture_ms", Median(runs, () => YoiCli.Run(home, ["ticket", "list", "--workspace", fixture], "00001K")), "ms");
    }

    private static double Median(int runs, Func<double> body)
    {
        body();
        return Stats.Median(Enumerable.Range(0, runs).Select(_ => body()).ToList());
    }
}
