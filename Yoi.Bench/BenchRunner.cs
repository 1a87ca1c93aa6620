using System.Diagnostics;

namespace Yoi.Bench;

/// <summary>One benchmark: a name, a one-line description, and a body that reports figures.</summary>
internal interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    void Run(BenchReport report);
}

/// <summary>Collects figures and prints them as <c>&lt;benchmark&gt;.&lt;figure&gt;: &lt;value&gt; &lt;unit&gt;</c>.</summary>
internal sealed class BenchReport(string benchmark)
{
    public void Figure(string figure, double value, string unit) =>
        Console.WriteLine($"{benchmark}.{figure}: {Format(value)} {unit}");

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("0"),
        >= 10 => value.ToString("0.0"),
        _ => value.ToString("0.###"),
    };

    /// <summary>Median wall time in milliseconds of <paramref name="runs"/> runs after one warm-up run.</summary>
    public static double MedianMs(int runs, Action body)
    {
        body();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            body();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[runs / 2];
    }
}

internal static class BenchRunner
{
    private static readonly IBenchmark[] All = [new Benchmarks.FrameBenchmark()];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: dotnet run -c Release --project Yoi.Bench -- <name>|all");
            foreach (var b in All) Console.WriteLine($"  {b.Name,-10} {b.Description}");
            return args.Length == 0 ? 2 : 0;
        }
        var selected = args[0] == "all" ? All : All.Where(b => args.Contains(b.Name)).ToArray();
        if (selected.Length == 0)
        {
            Console.Error.WriteLine($"Yoi.Bench: unknown benchmark `{string.Join(' ', args)}`; run with --help for the list");
            return 2;
        }
        foreach (var benchmark in selected) benchmark.Run(new BenchReport(benchmark.Name));
        return 0;
    }
}
