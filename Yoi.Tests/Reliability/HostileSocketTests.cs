using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Reliability;

/// <summary>
/// Reliability 3: garbage lines, a 64 MiB line, 200 concurrent connections, clients that never read and abrupt
/// disconnects, all at once, while a well-behaved client keeps measuring round trips and the Pod's memory is sampled.
/// </summary>
[NonParallelizable] // measures a Pod's answer latency (p99 within 100 ms of a calm baseline)
[Category(Reliability.Category)]
public class HostileSocketTests
{
    private static readonly TimeSpan LatencyLimit = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Beyond this an answer counts as a stall whatever the machine is doing (scheduling on 2 shared cores gave single
    /// spikes of ~2 s on the loaded machine while the 99th percentile held); a hung Pod would exceed this by far.
    /// </summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Below this calm-baseline maximum the machine is quiet enough for the absolute bound (the 99th percentile within
    /// 100 ms) to measure the Pod rather than the scheduler; on a loaded shared machine the bound is relative to the calm p99.
    /// </summary>
    private static readonly TimeSpan QuietMachine = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long the calm baseline is measured, and how long the client keeps measuring after the storm (recovery): the
    /// client answers thousands of round trips a second on a quiet machine, so half a second gives the percentiles
    /// hundreds of samples (and at least the client's minimum of 20 on any machine).
    /// </summary>
    private static readonly TimeSpan CalmWindow = TimeSpan.FromMilliseconds(500);

    [Test]
    public void A_pod_under_hostile_clients_keeps_answering_a_well_behaved_client_within_100_ms_with_bounded_memory()
    {
        var idle = Reliability.Count(reduced: 200, full: 200);
        var garbageClients = Reliability.Count(reduced: 4, full: 20);
        var garbageLines = Reliability.Count(reduced: 300, full: 2000);
        var deafClients = Reliability.Count(reduced: 4, full: 20);
        var abrupt = Reliability.Count(reduced: 100, full: 1000);
        var hugeLines = Reliability.Count(reduced: 1, full: 3);
        using var dir = new TempDir("yoi-hostile");
        using var pod = PodProcess.Start(dir.Path, "target");
        var baselineRss = Rss(pod.Pid);

        if (!WellBehavedClient.Available) Assert.Ignore("python3 is needed to measure from a separate process");

        // The same measurement with no hostile client first: on a shared machine this is the floor the storm adds to.
        // The measuring client runs in its own process, so the latency is the Pod's, not this process's (GC, threads).
        List<TimeSpan> calmLatencies;
        using (var calmClient = WellBehavedClient.Start(pod.SocketPath, minimum: 20))
        {
            // The window starts at the client's first answer (python's start is no part of it); the client itself waits for its 20.
            Poll.Until(() => calmClient.RoundTrips > 0, TimeSpan.FromSeconds(30), "the calm client's first answer");
            var window = Stopwatch.StartNew();
            Poll.Until(() => window.Elapsed > CalmWindow, TimeSpan.FromSeconds(5), "the calm window");
            var (calmTrips, calmProbes) = calmClient.Stop(TimeSpan.FromMinutes(1));
            calmLatencies = [.. calmTrips, .. calmProbes];
        }
        calmLatencies.Sort();
        var calmMax = calmLatencies[^1];
        var calmP99 = calmLatencies[(int)(calmLatencies.Count * 0.99)];
        var quietMachine = calmMax < QuietMachine;

        using var stop = new CancellationTokenSource();
        using var wellBehaved = WellBehavedClient.Start(pod.SocketPath);
        // The storm starts once the client measures: on a loaded machine python's start alone can outlast the storm.
        Poll.Until(() => wellBehaved.RoundTrips > 0, TimeSpan.FromSeconds(30), "the well-behaved client's first answer");
        var peakRss = baselineRss;
        var sampler = Dedicated(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, Rss(pod.Pid));
                stop.Token.WaitHandle.WaitOne(50);
            }
        });
        var watch = Stopwatch.StartNew();

        var held = new List<Socket>();
        for (var i = 0; i < idle; i++) held.Add(Connect(pod.SocketPath));
        var hostile = new List<Task<string>>();
        for (var i = 0; i < hugeLines; i++) hostile.Add(Dedicated(() => HugeLine(pod.SocketPath)));
        for (var i = 0; i < garbageClients; i++)
        {
            var seed = i;
            hostile.Add(Dedicated(() => Garbage(pod.SocketPath, garbageLines, seed)));
        }
        for (var i = 0; i < deafClients; i++) hostile.Add(Dedicated(() => NeverReads(pod.SocketPath)));
        hostile.Add(Dedicated(() => AbruptDisconnects(pod.SocketPath, abrupt)));
        Task.WaitAll([.. hostile], TimeSpan.FromMinutes(5));
        foreach (var socket in held) socket.Dispose();
        // Keep measuring for a moment after the storm so recovery is observed too.
        var calm = Stopwatch.StartNew();
        Poll.Until(() => calm.Elapsed > CalmWindow, TimeSpan.FromSeconds(5), "the calm window after the storm");
        stop.Cancel();
        var (latencies, probeLatencies) = wellBehaved.Stop(TimeSpan.FromMinutes(1));
        sampler.Wait();
        watch.Stop();
        var finalRss = Rss(pod.Pid);

        var all = latencies.Concat(probeLatencies).Order().ToList();
        var slow = all.Count(l => l > LatencyLimit);
        Reliability.Report("hostile sockets", ("idle_connections", idle), ("garbage_clients", garbageClients), ("garbage_lines", garbageClients * garbageLines),
            ("huge_lines_64MiB", hugeLines), ("never_reading_clients", deafClients), ("abrupt_disconnects", abrupt),
            ("round_trips", latencies.Count), ("fresh_probes", probeLatencies.Count),
            ("p50", Reliability.Ms(all[all.Count / 2])), ("p99", Reliability.Ms(all[(int)(all.Count * 0.99)])), ("max_latency", Reliability.Ms(all[^1])),
            ("over_100ms", slow), ("max_round_trip", Reliability.Ms(latencies.Max())), ("max_fresh_probe", Reliability.Ms(probeLatencies.Max())),
            ("calm_round_trips", calmLatencies.Count), ("calm_p99", Reliability.Ms(calmP99)), ("calm_max_latency", Reliability.Ms(calmMax)), ("strict_bound_applied", quietMachine), ("rss_baseline_mb", baselineRss / 1024 / 1024), ("rss_peak_mb", peakRss / 1024 / 1024),
            ("rss_after_mb", finalRss / 1024 / 1024), ("hostile_outcomes", string.Join(";", hostile.Select(h => h.Result).Distinct())),
            ("measured_from", "separate process"), ("elapsed", Reliability.Seconds(watch)));

        Assert.Multiple(() =>
        {
            Assert.That(pod.HasExited, Is.False, "the Pod survived");
            Assert.That(hostile.Where(h => h.Result.StartsWith("FAIL", StringComparison.Ordinal)).Select(h => h.Result), Is.Empty);
            Assert.That(latencies, Has.Count.GreaterThan(50), "the well-behaved client kept being served");
            Assert.That(all[(int)(all.Count * 0.99)], Is.LessThan(calmP99 + LatencyLimit),
                "the hostile clients add less than 100 ms to the 99th percentile of the well-behaved client's answers");
            Assert.That(all[^1], Is.LessThan(StallLimit), "no answer stalls");
            // Single answers are reported (max_latency) but not bounded strictly: one GC pause or scheduler hiccup of this
            // test process on 2 cores is not the Pod's latency. The 99th percentile is.
            if (quietMachine) Assert.That(all[(int)(all.Count * 0.99)], Is.LessThan(LatencyLimit), "on a quiet machine 99% of answers within 100 ms");
            Assert.That(peakRss, Is.LessThan(baselineRss + 256L * 1024 * 1024), "memory stays bounded (peak over baseline)");
        });
    }

    /// <summary>
    /// Every client runs on its own thread: the clients block (synchronous sockets, sync-over-async reads), and on the
    /// shared pool they would starve each other and the latency figure would measure this test process, not the Pod.
    /// </summary>
    private static Task<T> Dedicated<T>(Func<T> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Task Dedicated(Action body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Socket Connect(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        return socket;
    }

    /// <summary>Writes 64 MiB without a newline; expects the 16 MiB refusal and a closed connection.</summary>
    private static string HugeLine(string socketPath)
    {
        using var socket = Connect(socketPath);
        using var stream = new NetworkStream(socket);
        var chunk = Encoding.ASCII.GetBytes(new string('x', 1024 * 1024));
        var written = 0;
        try
        {
            for (; written < 64; written++) stream.Write(chunk);
            stream.Write("\n"u8);
        }
        catch (IOException) { }
        socket.Shutdown(SocketShutdown.Send);
        var received = ReadAll(stream);
        return received.Contains(FrameReader.TooLongMessage, StringComparison.Ordinal)
            ? "huge:refused"
            : $"FAIL huge line: no refusal after {written} MiB; got {received[..Math.Min(300, received.Length)]}";
    }

    /// <summary>Random bytes, invalid UTF-8, broken JSON and unknown methods; reads the replies.</summary>
    private static string Garbage(string socketPath, int lines, int seed)
    {
        var random = new Random(seed);
        using var socket = Connect(socketPath);
        using var stream = new NetworkStream(socket);
        var reading = Dedicated(() => ReadAll(stream));
        string[] samples = ["{", "}", "null", "[]", "{\"method\":42}", "{\"method\":\"nope\"}", "{\"method\":\"run\",\"params\":{\"input\":7}}",
            "{\"method\":\"notify\",\"params\":{}}", "\"just a string\"", "{\"method\":\"register_peer\",\"params\":{\"name\":null}}"];
        try
        {
            for (var i = 0; i < lines; i++)
            {
                byte[] line;
                if (i % 3 == 0)
                {
                    line = new byte[random.Next(1, 200)];
                    random.NextBytes(line);
                    for (var b = 0; b < line.Length; b++) if (line[b] == (byte)'\n') line[b] = 0xFF;
                }
                else line = Encoding.UTF8.GetBytes(samples[random.Next(samples.Length)]);
                stream.Write(line);
                stream.Write("\n"u8);
            }
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (IOException) { return "garbage:dropped"; }
        if (!reading.Wait(TimeSpan.FromSeconds(60))) return "FAIL garbage: the Pod neither answered nor closed within 60 s";
        // A reader slower than the 256-event buffer is disconnected by design; otherwise every bad line is answered.
        return reading.Result.Contains("invalid method", StringComparison.Ordinal) ? "garbage:answered" : "garbage:dropped";
    }

    /// <summary>Sends many methods that each produce a reply and never reads: the Pod must drop it, not buffer without bound.</summary>
    private static string NeverReads(string socketPath)
    {
        using var socket = Connect(socketPath);
        socket.SendTimeout = 10_000;
        var line = Encoding.UTF8.GetBytes("{\"method\":\"cancel\"}\n");
        var batch = Enumerable.Repeat(line, 1000).SelectMany(b => b).ToArray();
        try
        {
            for (var i = 0; i < 100; i++) socket.Send(batch);
        }
        catch (SocketException) { return "deaf:dropped"; }
        return "deaf:kept";
    }

    /// <summary>Connect and vanish: some close at once, some after half a line, some reset mid-prelude.</summary>
    private static string AbruptDisconnects(string socketPath, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = Connect(socketPath);
            if (i % 3 == 1) socket.Send("{\"method\":\"not"u8);
            if (i % 3 == 2) socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
        }
        return "abrupt:done";
    }

    private static string ReadAll(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            int n;
            while ((n = stream.Read(buffer)) > 0) if (text.Length < 1_000_000) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        catch (IOException) { }
        return text.ToString();
    }

    /// <summary>Resident set size of a process in bytes (VmRSS).</summary>
    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return 0; }
    }
}
