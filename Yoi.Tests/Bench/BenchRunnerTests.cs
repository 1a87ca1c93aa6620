using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Yoi.Core.Paths;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Bench;

/// <summary>
/// Smoke test of the benchmark harness: every benchmark runs in its tiny <c>--quick</c> configuration in one real child
/// process (<c>Yoi.Bench &lt;name&gt;… --quick</c>, as the CLI runs several benchmarks in one start), and every output
/// line is a figure (<c>&lt;benchmark&gt;.&lt;figure&gt;: &lt;value&gt; &lt;unit&gt;</c>) or a <c>#</c> note. The figures are
/// not compared with the bars (quick runs are too small), but the invariants are, one test per benchmark.
/// </summary>
/// <remarks>
/// Runs beside the rest of the suite: no verdict here depends on how fast anything is. The invariants are counts (no
/// notify lost, 12 claims, every generated Ticket loads, 4 answering and 2 hung Pods) and a lower bound (the hung Pods
/// hold the probe round for its whole budget, which load can only lengthen); how many Pods answered within the budget
/// is a measured figure, accepted from 0 to 4. The bars are measured on a quiet machine (docs/performance.md).
/// </remarks>
[Category("Integration")]
[Category("Bench")]
public partial class BenchRunnerTests
{
    private static readonly string[] Benchmarks = ["frame", "probe", "notify", "claims", "reload", "startup", "memory", "native"];

    [GeneratedRegex(@"^(?<bench>[a-z]+)\.(?<figure>[a-z0-9_]+): (?<value>-?[0-9]+(\.[0-9]+)?) (?<unit>\S+)$")]
    private static partial Regex FigureLine();

    /// <summary>Every figure of the one quick run, by benchmark (<see cref="RunEveryBenchmarkOnce"/>).</summary>
    private readonly Dictionary<string, Dictionary<string, (double Value, string Unit)>> _figures = new(StringComparer.Ordinal);

    /// <summary>The built Yoi.Bench.dll next to the test binaries, run by the dotnet host.</summary>
    private static ProcessStartInfo Bench(params string[] args)
    {
        var start = new ProcessStartInfo(YoiProcess.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Yoi.Bench.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // The panels and CLI calls the benchmarks start run the suite's yoi (the native build under ./test.sh), as every
        // other child of the suite does; the `native` benchmark's JIT figures still start `dotnet yoi.dll` by name.
        if (YoiProcess.Native) start.Environment[PodExecutable.OverrideVariable] = YoiProcess.Executable.Program;
        return start;
    }

    /// <summary>One start of Yoi.Bench for every benchmark: each start of the JIT-compiled harness costs about half a CPU-second.</summary>
    [OneTimeSetUp]
    public void RunEveryBenchmarkOnce()
    {
        var command = $"Yoi.Bench {string.Join(' ', Benchmarks)} --quick";
        using var process = Process.Start(Bench([.. Benchmarks, "--quick"]))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(240)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not finish within 240 s");
        }
        Assert.That(process.ExitCode, Is.Zero, $"{command} failed: {stderr.Result}\n{stdout.Result}");
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal)) continue;
            var match = FigureLine().Match(line);
            Assert.That(match.Success, Is.True, $"not a figure line: `{line}`");
            var bench = match.Groups["bench"].Value;
            Assert.That(Benchmarks, Does.Contain(bench), $"a figure of no benchmark that ran: `{line}`");
            if (!_figures.TryGetValue(bench, out var figures)) _figures[bench] = figures = new(StringComparer.Ordinal);
            figures.Add(match.Groups["figure"].Value, (double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture), match.Groups["unit"].Value));
        }
    }

    [TestCaseSource(nameof(Benchmarks))]
    public void Quick_run_prints_only_parsable_figure_lines(string name)
    {
        Assert.That(_figures.TryGetValue(name, out var figures), Is.True, $"no `{name}.…` figure in the output");
        Assert.That(figures, Is.Not.Empty);
        Assert.That(figures.Values.Select(f => f.Value), Has.All.GreaterThanOrEqualTo(0));
        switch (name)
        {
            case "probe":
                Assert.That(figures["answering"].Value, Is.EqualTo(4));
                Assert.That(figures["answered_within_budget"].Value, Is.InRange(0, 4));
                Assert.That(figures["hung"].Value, Is.EqualTo(2));
                // The round's one hard deadline is the 200 ms budget: the hung Pods hold it that long (less the clock's rounding), no longer.
                Assert.That(figures["round_ms"].Value, Is.GreaterThanOrEqualTo(190), "the hung Pods hold the round for the whole budget");
                break;
            case "notify":
                Assert.That(figures["lost"].Value, Is.Zero);
                Assert.That(figures["latency_p50_ms"].Unit, Is.EqualTo("ms"));
                break;
            case "claims":
                Assert.That(figures["claims"].Value, Is.EqualTo(12));
                break;
            case "native":
                Assert.That(figures["help_ms_jit"].Value, Is.GreaterThan(0));
                Assert.That(figures["idle_pod_rss_jit"].Value, Is.GreaterThan(0), "an idle Pod's resident memory was read");
                Assert.That(figures["ticket_list_alloc_bytes"].Value, Is.GreaterThan(0), "one in-process ticket list was measured");
                break;
            case "reload":
                Assert.That(figures["invalid_records"].Value, Is.Zero, "every generated Ticket loads");
                break;
        }
    }

    [Test]
    public void Unknown_benchmark_exits_2_and_names_it()
    {
        using var process = Process.Start(Bench("nosuch"))!;
        var stderr = process.StandardError.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unknown benchmark `nosuch`"));
    }
}
