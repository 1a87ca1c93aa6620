using System.Diagnostics;
using Yoi.Core.Pods;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// One probe round over 200 live Pods as the panel runs it: one <see cref="ProbeRound"/> over every socket with the
/// panel's 200 ms budget (one hard deadline; lean connections). 180 are real <c>yoi pod run</c> daemons (echo engine); 20 accept and
/// never answer (<see cref="HungListener"/>), so the round can never be shorter than the budget.
/// </summary>
internal sealed class ProbeBenchmark : IBenchmark
{
    public static readonly TimeSpan PanelProbeBudget = TimeSpan.FromMilliseconds(200);

    public string Name => "probe";
    public string Description => "probe round over 200 live Pods (180 real daemons, 20 hung) with the 200 ms budget";

    public void Run(BenchReport report, BenchOptions options) => RunAsync(report, options).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchReport report, BenchOptions options)
    {
        var answering = options.Pick(180, 4);
        var hungCount = options.Pick(20, 2);
        using var home = new BenchHome("probe");
        var startWatch = Stopwatch.StartNew();
        await using var pods = await BenchPods.StartAsync(home, Enumerable.Range(0, answering).Select(i => $"p{i:000}").ToList(), NativeBuild.PodsExecutable(report)).ConfigureAwait(false);
        report.Note($"started {answering} daemons in {startWatch.Elapsed.TotalSeconds:0.0} s");
        var hung = Enumerable.Range(0, hungCount).Select(i => new HungListener(home.Paths.PodSocketPath($"h{i:000}"))).ToList();
        try
        {
            var sockets = pods.Pods.Select(p => p.SocketPath).Concat(hung.Select(h => h.SocketPath)).ToList();
            var hungSockets = hung.Select(h => h.SocketPath).ToHashSet(StringComparer.Ordinal);
            await RoundAsync(sockets).ConfigureAwait(false); // warm-up
            var rounds = new List<double>();
            var answeredCounts = new List<double>();
            var connectTimeouts = new List<double>();
            for (var run = 0; run < options.Runs; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var results = await RoundAsync(sockets).ConfigureAwait(false);
                rounds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                // A hung Pod must never produce a snapshot, and every daemon must at least accept: anything else is a
                // harness fault. A daemon that accepts but misses the budget is a measured result (a slow round).
                if (results.Any(r => hungSockets.Contains(r.Socket) && r.Result.Status is not null))
                    throw new InvalidOperationException($"probe round {run}: a hung Pod answered");
                // A connect that times out is the same measured result as a late snapshot (the round's client could not
                // get the daemon within the budget); only a refused or missing socket is a harness fault.
                if (results.FirstOrDefault(r => !r.Result.Reachable && r.Result.Error != "connect timed out") is { Socket: not null } refused)
                    throw new InvalidOperationException($"probe round {run}: daemon {refused.Socket} is unreachable: {refused.Result.Error}");
                var answered = results.Where(r => r.Result.Status is not null).ToList();
                answeredCounts.Add(answered.Count);
                connectTimeouts.Add(results.Count(r => !r.Result.Reachable));
            }
            report.Figure("round_ms", Stats.Median(rounds), "ms");
            report.Figure("round_max_ms", rounds.Max(), "ms");
            report.Figure("answered_within_budget", Stats.Median(answeredCounts), "pods");
            report.Figure("connect_timeouts", Stats.Median(connectTimeouts), "pods");
            report.Figure("answering", answering, "pods");
            report.Figure("hung", hungCount, "pods");
            report.Figure("daemons_rss_total", pods.TotalRssMiB(), "MiB");
        }
        finally
        {
            foreach (var h in hung) h.Dispose();
        }
    }

    /// <summary>One <see cref="ProbeRound"/>, the call <c>PodScanner</c> makes.</summary>
    private static async Task<(string Socket, ProbeResult Result)[]> RoundAsync(IReadOnlyList<string> sockets)
    {
        var results = await ProbeRound.RunAsync(sockets, PanelProbeBudget).ConfigureAwait(false);
        return sockets.Select((s, i) => (s, results[i])).ToArray();
    }
}
