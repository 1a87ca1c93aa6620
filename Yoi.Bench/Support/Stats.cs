namespace Yoi.Bench;

internal static class Stats
{
    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 50);

    /// <summary>Median of <see cref="BenchOptions.Runs"/> figures <paramref name="measure"/> returns, after <see cref="BenchOptions.WarmUps"/> unmeasured ones.</summary>
    public static double MedianAfterWarmUps(BenchOptions options, Func<double> measure)
    {
        for (var i = 0; i < options.WarmUps; i++) measure();
        return Median(Enumerable.Range(0, options.Runs).Select(_ => measure()).ToList());
    }

    /// <summary>Nearest-rank percentile (no interpolation), so every reported value was actually observed.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
