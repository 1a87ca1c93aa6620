using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Yoi.Tests.Reliability;

/// <summary>
/// Trial counts and figure reporting shared by the reliability suite. Counts are reduced by default (the category
/// runs inside <c>./test.sh</c>); <c>YOI_RELIABILITY_FULL=1</c> (set by <c>./test.sh --reliability</c>) runs full counts.
/// </summary>
internal static class Reliability
{
    public const string Category = "Reliability";

    public static bool Full => Environment.GetEnvironmentVariable("YOI_RELIABILITY_FULL") == "1";

    public static int Count(int reduced, int full) => Full ? full : reduced;

    /// <summary>Prints one figures line per test (visible in the test log) and appends it to <c>.test-logs/reliability-figures.txt</c>.</summary>
    public static void Report(string test, params (string Name, object Value)[] figures)
    {
        var line = new StringBuilder($"[reliability] {test} ({(Full ? "full" : "reduced")} counts):");
        foreach (var (name, value) in figures)
            line.Append(' ').Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        TestContext.Out.WriteLine(line.ToString());
        TestContext.Progress.WriteLine(line.ToString());
        try
        {
            var logs = Path.Combine(Support.RepoPaths.Root(), ".test-logs");
            Directory.CreateDirectory(logs);
            File.AppendAllText(Path.Combine(logs, "reliability-figures.txt"), $"{DateTimeOffset.UtcNow:O} {line}\n");
        }
        catch (IOException) { }
    }

    public static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + "ms";

    public static string Seconds(Stopwatch watch) => watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
