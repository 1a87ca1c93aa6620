namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Peak RSS (VmHWM from /proc) of the real <c>yoi panel</c> with 10,000 Tickets + 200 Pod records loaded, in a
/// pseudo-terminal (<see cref="PtyPanel"/>), read after the dashboard is ready and two more background reloads ran
/// (3 s). The workspace config turns autostart off so no Pod is spawned. For comparison, the peak of a process that
/// runs only the model load (<see cref="LoaderWorker"/>).
/// </summary>
internal sealed class MemoryBenchmark : IBenchmark
{
    public string Name => "memory";
    public string Description => "peak RSS of yoi panel with 10,000 Tickets + 200 Pods loaded (pty, VmHWM)";

    public void Run(BenchReport report, BenchOptions options)
    {
        var workspace = ReloadWorkspace.Shared(options.TicketCount, options.Pick(200, 5));
        var config = Path.Combine(workspace.Home.Workspace, ".yoi", "config.json");
        File.WriteAllText(config, """{ "panel": { "autostart": [] } }""");
        try
        {
            var panel = Enumerable.Range(0, options.Pick(3, 1))
                .Select(_ => PtyPanel.Run(workspace.Home, workspace.Home.Workspace, TimeSpan.FromSeconds(options.Pick(3, 0))))
                .ToList();
            report.Figure("panel_peak_rss", Stats.Median(panel.Select(p => p.PeakRssKiB / 1024.0).ToList()), "MiB");
            report.Figure("panel_ready_ms", Stats.Median(panel.Select(p => p.ReadyMs).ToList()), "ms");
            report.Figure("loader_process_peak_rss", LoaderProcessPeakMiB(workspace), "MiB");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static double LoaderProcessPeakMiB(ReloadWorkspace workspace)
    {
        using var worker = SelfProcess.Start([LoaderWorker.Mode, workspace.Home.Workspace, workspace.Home.Paths.Data]);
        worker.StandardInput.Close();
        var output = worker.StandardOutput.ReadToEnd();
        if (!worker.WaitForExit(120_000) || worker.ExitCode != 0)
            throw new InvalidOperationException($"loader worker failed: {output} {worker.StandardError.ReadToEnd()}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        if (int.Parse(lines["records"]) != workspace.Tickets)
            throw new InvalidOperationException($"loader worker loaded {lines["records"]} records, expected {workspace.Tickets}");
        return long.Parse(lines["VmHWM"]) / 1024.0;
    }
}
