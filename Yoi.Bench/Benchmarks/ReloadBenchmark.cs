using System.Diagnostics;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Panel model build from disk for 10,000 generated Tickets (threads, relations) + 200 Pod metadata records, against
/// reading the same files with <see cref="File.ReadAllBytes(string)"/> in the same run. "Cold" = a fresh loader
/// instance with nothing cached in the process (the OS page cache is warm for both sides, as after the first panel
/// frame; dropping it needs root); "warm" = the same loader again with nothing changed; "one changed" = after one
/// Ticket's thread gained an event.
/// </summary>
internal sealed class ReloadBenchmark : IBenchmark
{
    public string Name => "reload";
    public string Description => "panel model build for 10,000 Tickets + 200 Pods: cold vs raw read, warm, one Ticket changed";

    public void Run(BenchReport report, BenchOptions options)
    {
        using var workspace = ReloadWorkspace.Create("reload", options.Pick(10_000, 60), options.Pick(200, 5));
        report.Note($"generated {workspace.Tickets} Tickets ({workspace.GeneratedBytes / 1048576.0:0.0} MiB) + {workspace.Pods} Pods in {workspace.GenerationTime.TotalSeconds:0.0} s");
        var files = workspace.LoadedFiles();
        long rawBytes = 0;
        var rawMs = BenchReport.MedianMs(options.Runs, () => rawBytes = files.Sum(f => (long)File.ReadAllBytes(f).Length));

        var first = Stopwatch.GetTimestamp();
        var listing = StoreLoad(workspace);
        var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        if (listing.Records.Count + listing.Invalid.Count != workspace.Tickets)
            throw new InvalidOperationException($"the store saw {listing.Records.Count + listing.Invalid.Count} records, expected {workspace.Tickets}");
        var storeMs = BenchReport.MedianMs(options.Runs, () => StoreLoad(workspace));
        var dirs = new TicketStore(workspace.TicketRoot).RecordDirectories();
        var stampMs = BenchReport.MedianMs(options.Runs, () =>
        {
            foreach (var dir in dirs) TicketStore.Stamp(dir);
        });

        report.Figure("files", files.Count, "files");
        report.Figure("bytes", rawBytes / 1048576.0, "MiB");
        report.Figure("raw_read_ms", rawMs, "ms");
        report.Figure("store_first_in_process_ms", firstMs, "ms");
        report.Figure("store_cold_ms", storeMs, "ms");
        report.Figure("store_cold_vs_raw_read", storeMs / rawMs, "x");
        report.Figure("stamp_pass_ms", stampMs, "ms");
        report.Figure("invalid_records", listing.Invalid.Count, "records");
    }

    /// <summary>Until the panel's loader is merged: every record through <see cref="TicketStore.ListTolerant"/> plus every Pod's metadata.</summary>
    private static TicketListing StoreLoad(ReloadWorkspace workspace)
    {
        var listing = new TicketStore(workspace.TicketRoot).ListTolerant();
        var pods = new PodMetadataStore(workspace.Home.Paths, TimeProvider.System);
        foreach (var name in pods.ListNames()) pods.Read(name);
        return listing;
    }
}
