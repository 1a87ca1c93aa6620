namespace Yoi.Bench;

/// <summary>Where the fixture workspace is: <c>YOI_BENCH_FIXTURE</c>, else <c>../shared/fixtures/yoi-tickets-2026-06</c> next to the repository.</summary>
internal static class BenchPaths
{
    public static string FixtureWorkspace
    {
        get
        {
            if (Environment.GetEnvironmentVariable("YOI_BENCH_FIXTURE") is { Length: > 0 } overridden) return overridden;
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Yoi.sln"))) dir = Path.GetDirectoryName(dir);
            var path = dir is null ? null : Path.GetFullPath(Path.Combine(dir, "..", "shared", "fixtures", "yoi-tickets-2026-06"));
            return path is not null && Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException(
                    "the fixture workspace yoi-tickets-2026-06 was not found next to the repository (../shared/fixtures); set YOI_BENCH_FIXTURE to its path");
        }
    }

    public static string FixtureTickets => Path.Combine(FixtureWorkspace, ".yoi", "tickets");
}
