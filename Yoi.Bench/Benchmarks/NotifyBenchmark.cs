using System.Diagnostics;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// Weak notifies (<c>notify{auto_run:false}</c>) over the product's one-shot path (<see cref="PodClient.ConnectAndSendAsync"/>:
/// connect, read the prelude through the snapshot, write) to real <c>yoi pod run</c> daemons.
/// Latency: sequential one-shots to one fresh Pod. Throughput: 8 concurrent senders to one fresh Pod per run, timed
/// until the Pod reports every notify queued; then the Pod's pending count and its session log must hold each
/// notify exactly once (none lost). A run stays under the queue capacity (1024) so nothing may be dropped by design.
/// </summary>
internal sealed class NotifyBenchmark : IBenchmark
{
    private const int Senders = 8;

    public string Name => "notify";
    public string Description => "one-shot weak notify latency, and throughput from 8 concurrent senders to one Pod (none lost)";

    public void Run(BenchReport report, BenchOptions options) => RunAsync(report, options).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchReport report, BenchOptions options)
    {
        var latencyCount = options.Pick(300, 20);
        var perSender = options.Pick(125, 5);
        var runs = options.Runs;
        using var home = new BenchHome("notify");
        var names = new[] { "lat", "long" }.Concat(Enumerable.Range(0, runs + 1).Select(i => $"t{i}")).ToList();
        await using var pods = await BenchPods.StartAsync(home, names, NativeBuild.PodsExecutable(report)).ConfigureAwait(false);
        var latencyPod = pods.Pods[0];

        for (var i = 0; i < 20; i++) await NotifyAsync(latencyPod.SocketPath, $"lat warm {i}").ConfigureAwait(false);
        var latencies = new List<double>(latencyCount);
        for (var i = 0; i < latencyCount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await NotifyAsync(latencyPod.SocketPath, $"lat {i}").ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var lost = await LostAsync(home, latencyPod, "lat ", 20 + latencyCount, 0).ConfigureAwait(false);
        report.Figure("latency_p50_ms", Stats.Percentile(latencies, 50), "ms");
        report.Figure("latency_p90_ms", Stats.Percentile(latencies, 90), "ms");
        report.Figure("latency_p99_ms", Stats.Percentile(latencies, 99), "ms");

        var rates = new List<double>();
        var sendOnlyRates = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var pod = pods.Pods[run + 2];
            var total = Senders * perSender;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; i < perSender; i++) await NotifyAsync(pod.SocketPath, $"burst s{sender} n{i}").ConfigureAwait(false);
            }))).ConfigureAwait(false);
            var sent = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await WaitPendingAsync(pod.SocketPath, total).ConfigureAwait(false);
            var queued = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var runLost = await LostAsync(home, pod, "burst ", total, 0).ConfigureAwait(false);
            lost += runLost;
            if (run == 0) continue; // warm-up
            rates.Add(total / queued);
            sendOnlyRates.Add(total / sent);
        }
        // One-shots ask for a snapshot without entries, so a long session log must not make them slower: the same
        // sequential latency against a Pod whose log holds 10,000 more entries (notifies from 8 senders; past the
        // queue capacity the oldest are dropped by design, which does not matter here).
        var longLog = pods.Pods[1];
        var longEntries = options.Pick(10_000, 40);
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = sender; i < longEntries; i += Senders) await NotifyAsync(longLog.SocketPath, $"fill {i}").ConfigureAwait(false);
        }))).ConfigureAwait(false);
        var longLatencies = new List<double>();
        for (var i = 0; i < 20; i++) await NotifyAsync(longLog.SocketPath, $"long warm {i}").ConfigureAwait(false);
        for (var i = 0; i < latencyCount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await NotifyAsync(longLog.SocketPath, $"long {i}").ConfigureAwait(false);
            longLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        report.Figure("latency_p50_with_long_log_ms", Stats.Percentile(longLatencies, 50), "ms");
        report.Figure("long_log_entries", longEntries, "entries");
        report.Figure("long_log_vs_fresh", Stats.Percentile(longLatencies, 50) / Stats.Percentile(latencies, 50), "x");
        report.Figure("throughput_8_senders", Stats.Median(rates), "notifies/s");
        report.Figure("throughput_8_senders_send_side", Stats.Median(sendOnlyRates), "notifies/s");
        report.Figure("lost", lost, "notifies");
        report.Figure("sent", 20 + latencyCount + (runs + 1) * Senders * perSender + longEntries + 20 + latencyCount, "notifies");
        report.Figure("per_run", Senders * perSender, "notifies");
    }

    private static Task NotifyAsync(string socket, string message) =>
        PodClient.ConnectAndSendAsync(socket, new NotifyMethod(message, AutoRun: false));

    /// <summary>
    /// Polls the Pod's own pending count until it reaches <paramref name="expected"/>, or stops moving for 3 s (the rest
    /// is lost), with a 120 s hard deadline for a very busy machine. Returns the last count.
    /// </summary>
    private static async Task<int> WaitPendingAsync(string socket, int expected)
    {
        var started = Stopwatch.GetTimestamp();
        var last = -1;
        var lastChange = started;
        while (true)
        {
            var probe = await PodClient.ProbeAsync(socket, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var pending = probe.PendingNotifications;
            if (pending != last)
            {
                last = pending;
                lastChange = Stopwatch.GetTimestamp();
            }
            if (pending >= expected || Stopwatch.GetElapsedTime(lastChange) > TimeSpan.FromSeconds(3)
                || Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(120))
                return pending;
            await Task.Delay(2).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How many acknowledged notifies with <paramref name="prefix"/> are missing: the session log must hold each exactly
    /// once and the Pod's pending count must agree. Throws on duplicates or a disagreement between the two.
    /// </summary>
    private static async Task<int> LostAsync(BenchHome home, LaunchedPod pod, string prefix, int expected, int pendingBefore)
    {
        var pending = await WaitPendingAsync(pod.SocketPath, pendingBefore + expected).ConfigureAwait(false) - pendingBefore;
        var metadata = new PodMetadataStore(home.Paths, TimeProvider.System).Find(pod.PodName)
            ?? throw new InvalidOperationException($"pod `{pod.PodName}` has no metadata");
        var sessionDir = Path.Combine(home.Paths.SessionsDir, metadata.Active!.SessionId);
        var messages = Directory.EnumerateFiles(sessionDir, "*.jsonl")
            .SelectMany(f => SessionLog.Read(f).Entries.OfType<NotifyQueuedEntry>())
            .Select(e => e.Message).Where(m => m is not null && m.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var distinct = messages.Distinct(StringComparer.Ordinal).Count();
        // Read the count again after the log: an entry is committed to the log just before the count moves.
        pending = (await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(2)).ConfigureAwait(false)).PendingNotifications - pendingBefore;
        if (messages.Count != distinct || distinct != pending)
            throw new InvalidOperationException(
                $"pod `{pod.PodName}`: session log holds {messages.Count} `{prefix}…` notifies ({distinct} distinct) but the Pod reports {pending} pending");
        return expected - distinct;
    }
}
