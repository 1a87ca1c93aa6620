namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Peak RSS (VmHWM) with 10,000 Tickets + 200 Pods loaded. Until <c>yoi panel</c> exists this measures a process that
/// runs only the model load (<see cref="LoaderWorker"/>), which is a lower bound for the panel.
/// </summary>
internal sealed class MemoryBenchmark : IBenchmark
{
    public string Name => "memory";
    public string Description => "peak RSS of a process with 10,000 Tickets + 200 Pods loaded";

    public void Run(BenchReport report, BenchOptions options)
    {
        using var workspace = ReloadWorkspace.Create("memory", options.Pick(10_000, 60), options.Pick(200, 5));
        var samples = new List<double>();
        for (var run = 0; run < options.Pick(5, 1); run++)
        {
            using var worker = SelfProcess.Start([LoaderWorker.Mode, workspace.TicketRoot, workspace.Home.Paths.Data]);
            worker.StandardInput.Close();
            var output = worker.StandardOutput.ReadToEnd();
            if (!worker.WaitForExit(120_000) || worker.ExitCode != 0)
                throw new InvalidOperationException($"loader worker failed: {output} {worker.StandardError.ReadToEnd()}");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
            if (int.Parse(lines["records"]) != workspace.Tickets)
                throw new InvalidOperationException($"loader worker loaded {lines["records"]} records, expected {workspace.Tickets}");
            samples.Add(long.Parse(lines["VmHWM"]) / 1024.0);
        }
        report.Figure("loader_process_peak_rss", Stats.Median(samples), "MiB");
    }
}
