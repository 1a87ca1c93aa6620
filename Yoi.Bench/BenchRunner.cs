namespace Yoi.Bench;

/// <summary>One benchmark: a name, a one-line description, and a body that reports figures.</summary>
internal interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    void Run(BenchReport report, BenchOptions options);
}

/// <summary>
/// Command line: <c>&lt;name&gt;… | all</c>, <c>--quick</c> (tiny configuration for the smoke test: the same code
/// paths, small counts, figures not comparable to the bars). Worker modes (<c>__claims-worker</c>, …) are internal.
/// </summary>
internal static class BenchRunner
{
    private static readonly IBenchmark[] All =
    [
        new Benchmarks.FrameBenchmark(),
        new Benchmarks.ProbeBenchmark(),
        new Benchmarks.NotifyBenchmark(),
        new Benchmarks.ClaimsBenchmark(),
        new Benchmarks.ReloadBenchmark(),
        new Benchmarks.StartupBenchmark(),
        new Benchmarks.MemoryBenchmark(),
        new Benchmarks.NativeBenchmark(),
    ];

    public static int Run(string[] args)
    {
        if (args.Length > 0 && Workers.TryRun(args) is { } workerExit) return workerExit;
        var quick = args.Contains("--quick");
        var tickets = args.FirstOrDefault(a => a.StartsWith("--tickets=", StringComparison.Ordinal)) is { } t ? int.Parse(t["--tickets=".Length..]) : (int?)null;
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (names.Length == 0 || names[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: dotnet run -c Release --project Yoi.Bench -- <name>…|all [--quick] [--tickets=N]");
            foreach (var b in All) Console.WriteLine($"  {b.Name,-10} {b.Description}");
            return names.Length == 0 ? 2 : 0;
        }
        var unknown = names.Where(n => n != "all" && All.All(b => b.Name != n)).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Yoi.Bench: unknown benchmark `{string.Join(' ', unknown)}`; run with --help for the list");
            return 2;
        }
        var selected = names.Contains("all") ? All : All.Where(b => names.Contains(b.Name)).ToArray();
        var options = new BenchOptions(quick, tickets);
        try
        {
            foreach (var benchmark in selected) benchmark.Run(new BenchReport(benchmark.Name), options);
        }
        finally
        {
            ReloadWorkspace.DisposeShared();
        }
        return 0;
    }
}
