namespace Yoi.Bench;

/// <summary>Internal worker modes: a benchmark starts this executable again with <c>__&lt;mode&gt;</c> as first argument.</summary>
internal static class Workers
{
    public static int? TryRun(string[] args) => args[0] switch
    {
        Benchmarks.ClaimsWorker.Mode => Benchmarks.ClaimsWorker.Run(args[1..]),
        Benchmarks.LoaderWorker.Mode => Benchmarks.LoaderWorker.Run(args[1..]),
        _ => null,
    };
}
