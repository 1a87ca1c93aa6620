using Yoi.Core.Hosting;
using System.Diagnostics;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Panel model build from disk (<see cref="PanelLoader.ReloadAsync"/>, observe mode) for 10,000 generated Tickets
/// (threads, relations; <c>--tickets=N</c> for other sizes) + 200 Pod metadata records + claims, against reading the
/// same files with <see cref="File.ReadAllBytes(string)"/> in the same run. "Cold" = a fresh loader (nothing cached in
/// the process; the OS page cache is warm for both sides — dropping it needs root), without a watcher: the model build
/// alone. "Warm" and "one changed" use a watched loader as <c>yoi panel</c> runs it
/// (<see cref="PanelLoaderOptions.WatchChanges"/>): warm = nothing changed; one changed = after one Ticket got a comment
/// through <see cref="TicketStore.Comment"/> (not timed) and the watcher reported it plus the panel's 100 ms debounce.
/// Its periodic full stamp pass is moved out of the timed window (interval 1 h) and measured on its own
/// (<c>full_pass_ms</c>: a warm reload of an unwatched loader, which stamps every record).
/// </summary>
internal sealed class ReloadBenchmark : IBenchmark
{
    public string Name => "reload";
    public string Description => "panel model build for 10,000 Tickets (--tickets=N) + 200 Pods: cold vs raw read, warm, one Ticket changed";

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

        var unwatched = NewLoader(workspace);
        Check(await unwatched.ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false), workspace);
        var fullPass = new List<double>();
        for (var run = 0; run <= options.Runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var model = await unwatched.ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false);
            if (run == 0) continue;
            fullPass.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (model.Timing.TicketsParsed != 0) throw new InvalidOperationException($"a full stamp pass re-parsed {model.Timing.TicketsParsed} unchanged Tickets");
        }
        unwatched.Dispose();

        using var loader = NewLoader(workspace, watched: true);
        var reported = 0;
        loader.Changed += () => Interlocked.Increment(ref reported);
        var watchedFirst = Stopwatch.GetTimestamp();
        Check(await loader.ReloadAsync(PanelReloadMode.Observe).ConfigureAwait(false), workspace);
        var watchedFirstMs = Stopwatch.GetElapsedTime(watchedFirst).TotalMilliseconds;
        if (loader.Watcher is not { Watching: true }) throw new InvalidOperationException("the loader's change watcher did not start on every input");
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
            var before = Volatile.Read(ref reported);
            store.Comment(workspace.Ids[run * 37 % workspace.Tickets], "comment", $"bench change {run}", "bench");
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
            while (Volatile.Read(ref reported) == before && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(5);
            Thread.Sleep(100); // the panel's debounce: the item.md rename follows the thread append
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
        report.Figure("full_pass_ms", Stats.Median(fullPass), "ms");
        report.Figure("watched_first_ms", watchedFirstMs, "ms");
        report.Figure("warm_ms", Stats.Median(warm), "ms");
        report.Figure("warm_tickets_ms", warmTiming.TicketsMs, "ms");
        report.Figure("warm_build_ms", warmTiming.BuildMs, "ms");
        report.Figure("warm_pods_ms", warmTiming.PodsMs, "ms");
        report.Figure("warm_registry_ms", warmTiming.RegistryMs, "ms");
        report.Figure("one_changed_ms", Stats.Median(changed), "ms");
        report.Figure("one_changed_tickets_ms", changedTiming.TicketsMs, "ms");
        report.Figure("one_changed_build_ms", changedTiming.BuildMs, "ms");
        var profile = LoadProfile.Measure(workspace.TicketRoot);
        report.Figure("profile_stamps_ms", profile.StampsMs, "ms");
        report.Figure("profile_read_bytes_ms", profile.ReadMs, "ms");
        report.Figure("profile_utf8_validate_decode_ms", profile.DecodeMs, "ms");
        report.Figure("profile_frontmatter_yaml_ms", profile.FrontmatterMs, "ms");
        report.Figure("profile_latest_event_ms", profile.LatestEventMs, "ms");
        report.Figure("profile_relations_plans_ms", profile.RelationsAndPlansMs, "ms");
        report.Figure("profile_full_only_thread_parse_ms", profile.FullThreadMs, "ms");
        report.Figure("profile_full_only_artifact_listing_ms", profile.FullArtifactsMs, "ms");
        report.Figure("ticket_rows", firstModel.Rows.OfType<TicketRow>().Count(), "rows");
        report.Figure("invalid_records", firstModel.Rows.OfType<InvalidTicketRow>().Count(), "records");
    }

    private static PanelLoader NewLoader(ReloadWorkspace workspace, bool watched = false) =>
        new(new YoiServices(workspace.Home.Paths, TimeProvider.System), workspace.Home.Workspace,
            new PanelLoaderOptions { WatchChanges = watched, FullPassInterval = TimeSpan.FromHours(1) });

    private static void Check(PanelModel model, ReloadWorkspace workspace)
    {
        var parsed = model.Timing.TicketsParsed + model.Timing.TicketsReused;
        if (model.Notice is { Level: NoticeLevel.Error } || parsed != workspace.Tickets || model.Pods.Count == 0 || !model.Rows.OfType<TicketRow>().Any())
            throw new InvalidOperationException($"the panel model loaded {parsed} Tickets (expected {workspace.Tickets}) and {model.Pods.Count} Pods; " +
                $"notice: {model.Notice?.Text}; diagnostics: {string.Join(" | ", model.Diagnostics)}");
    }
}
