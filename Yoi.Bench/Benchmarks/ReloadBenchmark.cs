using System.Diagnostics;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Panel model build from disk (<see cref="PanelLoader.ReloadAsync"/>, observe mode) for 10,000 generated Tickets
/// (threads, relations) + 200 Pod metadata records + claims, against reading the same files with
/// <see cref="File.ReadAllBytes(string)"/> in the same run. "Cold" = a fresh loader (nothing cached in the process; the
/// OS page cache is warm for both sides — dropping it needs root); "warm" = the same loader again with nothing
/// changed; "one changed" = after one Ticket got a comment through <see cref="TicketStore.Comment"/> (not timed).
/// </summary>
internal sealed class ReloadBenchmark : IBenchmark
{
    public string Name => "reload";
    public string Description => "panel model build for 10,000 Tickets + 200 Pods: cold vs raw read, warm, one Ticket changed";

    public void Run(BenchReport report, BenchOptions options) => RunAsync(report, options).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchReport report, BenchOptions options)
    {
        var workspace = ReloadWorkspace.Shared(options.TicketCount, options.Pick(200, 5));
        report.Note($"generated {workspace.Tickets} Tickets ({workspace.GeneratedBytes / 1048576.0:0.0} MiB) + {workspace.Pods} Pods in {workspace.GenerationTime.TotalSeconds:0.0} s");
        var files = workspace.LoadedFiles();
        long rawBytes = 0;
        var first = Stopwatch.GetTimestamp();
        var firstModel = await NewLoader(workspace).ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false);
        var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        Check(firstModel, workspace);

        var rawMs = BenchReport.MedianMs(options.Runs, () => rawBytes = files.Sum(f => (long)File.ReadAllBytes(f).Length));

        var cold = new List<double>();
        var coldTimings = new List<PanelTiming>();
        for (var run = 0; run <= options.Runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var model = await NewLoader(workspace).ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false);
            if (run == 0) continue;
            cold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            coldTimings.Add(model.Timing);
        }

        var loader = NewLoader(workspace);
        Check(await loader.ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false), workspace);
        var warm = new List<double>();
        PanelTiming warmTiming = PanelTiming.None;
        for (var run = 0; run <= options.Runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var model = await loader.ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false);
            if (run == 0) continue;
            warm.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (model.Timing.TicketsParsed != 0) throw new InvalidOperationException($"a warm reload re-parsed {model.Timing.TicketsParsed} Tickets");
            warmTiming = model.Timing;
        }

        var store = new TicketStore(workspace.TicketRoot);
        var changed = new List<double>();
        PanelTiming changedTiming = PanelTiming.None;
        for (var run = 0; run <= options.Runs; run++)
        {
            store.Comment(workspace.Ids[run * 37 % workspace.Tickets], "comment", $"bench change {run}", "bench");
            var started = Stopwatch.GetTimestamp();
            var model = await loader.ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false);
            if (run == 0) continue;
            changed.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (model.Timing.TicketsParsed != 1) throw new InvalidOperationException($"one changed Ticket re-parsed {model.Timing.TicketsParsed} Tickets");
            changedTiming = model.Timing;
        }

        var coldMs = Stats.Median(cold);
        report.Figure("files", files.Count, "files");
        report.Figure("bytes", rawBytes / 1048576.0, "MiB");
        report.Figure("raw_read_ms", rawMs, "ms");
        report.Figure("first_in_process_ms", firstMs, "ms");
        report.Figure("cold_ms", coldMs, "ms");
        report.Figure("cold_vs_raw_read", coldMs / rawMs, "x");
        report.Figure("cold_tickets_ms", Stats.Median(coldTimings.Select(t => t.TicketsMs).ToList()), "ms");
        report.Figure("cold_pods_ms", Stats.Median(coldTimings.Select(t => t.PodsMs).ToList()), "ms");
        report.Figure("cold_registry_ms", Stats.Median(coldTimings.Select(t => t.RegistryMs).ToList()), "ms");
        report.Figure("cold_build_ms", Stats.Median(coldTimings.Select(t => t.BuildMs).ToList()), "ms");
        report.Figure("warm_ms", Stats.Median(warm), "ms");
        report.Figure("warm_tickets_ms", warmTiming.TicketsMs, "ms");
        report.Figure("warm_build_ms", warmTiming.BuildMs, "ms");
        report.Figure("one_changed_ms", Stats.Median(changed), "ms");
        report.Figure("one_changed_tickets_ms", changedTiming.TicketsMs, "ms");
        report.Figure("one_changed_build_ms", changedTiming.BuildMs, "ms");
        var profile = LoadProfile.Measure(workspace.TicketRoot);
        report.Figure("profile_stamps_ms", profile.StampsMs, "ms");
        report.Figure("profile_path_containment_ms", profile.ContainmentMs, "ms");
        report.Figure("profile_read_bytes_ms", profile.ReadMs, "ms");
        report.Figure("profile_utf8_decode_ms", profile.DecodeMs, "ms");
        report.Figure("profile_frontmatter_yaml_ms", profile.FrontmatterMs, "ms");
        report.Figure("profile_thread_parse_ms", profile.ThreadMs, "ms");
        report.Figure("profile_artifact_listing_ms", profile.ArtifactsMs, "ms");
        report.Figure("profile_relations_plans_ms", profile.RelationsAndPlansMs, "ms");
        report.Figure("ticket_rows", firstModel.Rows.OfType<TicketRow>().Count(), "rows");
        report.Figure("invalid_records", firstModel.Rows.OfType<InvalidTicketRow>().Count(), "records");
    }

    private static PanelLoader NewLoader(ReloadWorkspace workspace) =>
        new(workspace.Home.Workspace, workspace.Home.Paths, TimeProvider.System);

    private static void Check(PanelModel model, ReloadWorkspace workspace)
    {
        var parsed = model.Timing.TicketsParsed + model.Timing.TicketsReused;
        if (model.Notice is { Level: NoticeLevel.Error } || parsed != workspace.Tickets || model.Pods.Count == 0 || !model.Rows.OfType<TicketRow>().Any())
            throw new InvalidOperationException($"the panel model loaded {parsed} Tickets (expected {workspace.Tickets}) and {model.Pods.Count} Pods; " +
                $"notice: {model.Notice?.Text}; diagnostics: {string.Join(" | ", model.Diagnostics)}");
    }
}
