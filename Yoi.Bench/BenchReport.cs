using System.Diagnostics;

namespace Yoi.Bench;

/// <summary>Collects figures and prints them as <c>&lt;benchmark&gt;.&lt;figure&gt;: &lt;value&gt; &lt;unit&gt;</c>.</summary>
internal sealed class BenchReport(string benchmark)
{
    public void Figure(string figure, double value, string unit) =>
        Console.WriteLine($"{benchmark}.{figure}: {Format(value)} {unit}");

    /// <summary>A free-text line that is not a figure (starts with <c>#</c>, so parsers skip it).</summary>
    public void Note(string text) => Console.WriteLine($"# {benchmark}: {text}");

    private static string Format(double value) => value switch
    {
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => value.ToString("0"),
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
        return Stats.Median(samples);
    }
}
