using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Bench;

/// <summary>
/// Smoke test of the benchmark harness: each benchmark runs in its tiny <c>--quick</c> configuration as a real child
/// process and every output line is a figure (<c>&lt;benchmark&gt;.&lt;figure&gt;: &lt;value&gt; &lt;unit&gt;</c>) or a
/// <c>#</c> note. The figures are not compared with the bars (quick runs are too small), but the invariants are.
/// </summary>
[NonParallelizable] // the benchmarks measure time and memory; the probe smoke needs its Pods to answer within the 200 ms budget
[Category("Integration")]
[Category("Bench")]
public partial class BenchRunnerTests
{
    private static readonly string[] Benchmarks = ["frame", "probe", "notify", "claims", "reload", "startup", "memory", "native"];

    [GeneratedRegex(@"^(?<bench>[a-z]+)\.(?<figure>[a-z0-9_]+): (?<value>-?[0-9]+(\.[0-9]+)?) (?<unit>\S+)$")]
    private static partial Regex FigureLine();

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
        return start;
    }

    private static Dictionary<string, (double Value, string Unit)> RunQuick(string name)
    {
        using var process = Process.Start(Bench(name, "--quick"))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Yoi.Bench {name} --quick did not finish within 120 s");
        }
        Assert.That(process.ExitCode, Is.Zero, $"Yoi.Bench {name} --quick failed: {stderr.Result}\n{stdout.Result}");
        var figures = new Dictionary<string, (double, string)>();
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal)) continue;
            var match = FigureLine().Match(line);
            Assert.That(match.Success, Is.True, $"not a figure line: `{line}`");
            Assert.That(match.Groups["bench"].Value, Is.EqualTo(name), line);
            figures.Add(match.Groups["figure"].Value, (double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture), match.Groups["unit"].Value));
        }
        return figures;
    }

    [TestCaseSource(nameof(Benchmarks))]
    public void Quick_run_prints_only_parsable_figure_lines(string name)
    {
        var figures = RunQuick(name);
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
