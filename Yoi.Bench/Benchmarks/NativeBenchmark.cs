using System.Diagnostics;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Corpus;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// The native (AOT) and JIT builds side by side in one run: <c>yoi --help</c> start → exit, <c>yoi ticket list</c> on the
/// generated 223-Ticket corpus, and the resident memory (VmRSS) of an idle echo Pod after one turn. The native build
/// is <see cref="NativeBuild"/> (published first when missing, except with <c>--quick</c>, which then measures JIT only).
/// <c>ticket_list_alloc_bytes</c> is what one <c>ticket list</c> of the same corpus allocates, run in this process through
/// the CLI's own entry: the native list's CPU is dominated by its allocations (zeroing and first-touching fresh GC
/// memory), and bytes allocated, unlike milliseconds, do not depend on the machine's load.
/// </summary>
internal sealed class NativeBenchmark : IBenchmark
{
    public string Name => "native";
    public string Description => "native (AOT) vs JIT: yoi --help, yoi ticket list on the fixture, idle Pod RSS after one turn";

    public void Run(BenchReport report, BenchOptions options) => RunAsync(report, options).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchReport report, BenchOptions options)
    {
        var builds = new List<(string Name, PodExecutable Executable)> { ("jit", NativeBuild.Jit) };
        if (NativeBuild.Exists || (!options.Quick && NativeBuild.TryPublish(report))) builds.Add(("native", new PodExecutable(NativeBuild.Path, [])));
        else report.Note("no native build: native figures skipped");
        using var home = new BenchHome("native");
        var fixture = Path.Combine(home.Workspace, "fixture");
        TicketCorpus.Write(Path.Combine(fixture, ".yoi", "tickets"));
        report.Figure("ticket_list_alloc_bytes", TicketListAllocatedBytes(home, fixture), "bytes");
        var figures = new Dictionary<string, (double Help, double List, double Rss)>();
        foreach (var (name, executable) in builds)
        {
            var help = Stats.MedianAfterWarmUps(options, () => YoiCli.Run(home, ["--help"], "Usage", executable));
            var list = Stats.MedianAfterWarmUps(options, () => YoiCli.Run(home, ["ticket", "list"], "\t", executable, fixture));
            var rss = await IdlePodRssAsync(home, name, executable, options.Pick(5, 1), options.Quick ? TimeSpan.Zero : TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            report.Figure($"help_ms_{name}", help, "ms");
            report.Figure($"ticket_list_ms_{name}", list, "ms");
            report.Figure($"idle_pod_rss_{name}", rss, "MiB");
            figures[name] = (help, list, rss);
        }
        if (figures.TryGetValue("native", out var n) && figures.TryGetValue("jit", out var j))
        {
            report.Figure("help_jit_vs_native", j.Help / n.Help, "x");
            report.Figure("ticket_list_jit_vs_native", j.List / n.List, "x");
            report.Figure("idle_pod_rss_jit_vs_native", j.Rss / n.Rss, "x");
        }
    }

    /// <summary>Bytes allocated by one in-process <c>yoi ticket list</c> of <paramref name="fixture"/> (after a first run that warms statics).</summary>
    private static double TicketListAllocatedBytes(BenchHome home, string fixture)
    {
        string? Lookup(string name) => home.Environment.TryGetValue(name, out var value) ? value : null;
        var services = new YoiServices(YoiPaths.From(Lookup), TimeProvider.System, env: Lookup);
        string[] args = ["ticket", "list", "--workspace", fixture];
        long Run()
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var code = Yoi.Tui.Cli.YoiCli.RunAsync(args, services, output, error).GetAwaiter().GetResult();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (code != 0) throw new InvalidOperationException($"yoi ticket list (in-process) exited {code}: {error}");
            return allocated;
        }
        Run();
        return Run();
    }

    /// <summary>Median VmRSS of <paramref name="count"/> echo Pods of one build, each after one turn and <paramref name="idle"/> (a second; none in quick mode).</summary>
    private static async Task<double> IdlePodRssAsync(BenchHome home, string build, PodExecutable executable, int count, TimeSpan idle)
    {
        await using var pods = await BenchPods.StartAsync(home, Enumerable.Range(0, count).Select(i => $"rss-{build}-{i}").ToList(), executable).ConfigureAwait(false);
        foreach (var pod in pods.Pods)
        {
            var confirmation = await PodClient.SendRunAndConfirmAsync(pod.SocketPath, [new TextSegment("one turn")]).ConfigureAwait(false);
            if (confirmation.Kind != RunConfirmationKind.Accepted) throw new InvalidOperationException($"pod `{pod.PodName}` refused its turn: {confirmation.Message}");
        }
        foreach (var pod in pods.Pods) await WaitIdleAfterTurnAsync(pod.SocketPath).ConfigureAwait(false);
        if (idle > TimeSpan.Zero) await Task.Delay(idle).ConfigureAwait(false);
        return Stats.Median(pods.Pods.Select(p => (ProcStatus.KiB(p.Pid, "VmRSS") ?? 0) / 1024.0).ToList());
    }

    private static async Task WaitIdleAfterTurnAsync(string socket)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            var probe = await PodClient.ProbeAsync(socket, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            if (probe.Status == PodStatus.Idle) return;
            await Task.Delay(20).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"the Pod at {socket} did not become idle after its turn");
    }
}
