using Yoi.Core.Hosting;
using System.Diagnostics;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Bench;

/// <summary>
/// Real <c>yoi pod run</c> daemons (echo engine) started through the product's <see cref="PodLauncher"/> in a
/// <see cref="BenchHome"/>, a few at a time so a 2-core machine is not flooded. Dispose asks each to shut down and
/// kills (by pid) any that is still alive after the stop budget.
/// </summary>
internal sealed class BenchPods : IAsyncDisposable
{
    private readonly List<LaunchedPod> _pods = [];

    private BenchPods(BenchHome home) => Home = home;

    public BenchHome Home { get; }
    public IReadOnlyList<LaunchedPod> Pods => _pods;

    /// <summary>Starts the daemons with <paramref name="executable"/> (benchmarks pass <see cref="NativeBuild.PodsExecutable"/>).</summary>
    public static async Task<BenchPods> StartAsync(BenchHome home, IReadOnlyList<string> names, PodExecutable executable, int parallel = 6)
    {
        var pods = new BenchPods(home);
        var launcher = new PodLauncher(new PodMetadataStore(home.Paths, TimeProvider.System), executable);
        using var gate = new SemaphoreSlim(parallel);
        var started = await Task.WhenAll(names.Select(async name =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try { return await launcher.StartAsync(new PodLaunchRequest(home.Workspace, name)).ConfigureAwait(false); }
            finally { gate.Release(); }
        })).ConfigureAwait(false);
        pods._pods.AddRange(started);
        return pods;
    }

    /// <summary>Resident set sum of the daemons in MiB (from /proc), to say what running them cost.</summary>
    public double TotalRssMiB() => _pods.Sum(p => ProcStatus.KiB(p.Pid, "VmRSS") ?? 0) / 1024.0;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_pods.Select(async pod =>
        {
            try { await PodClient.ConnectAndSendAsync(pod.SocketPath, new ShutdownMethod()).ConfigureAwait(false); }
            catch (Exception ex) when (ex is IOException or PodClientException or OperationCanceledException) { }
        })).ConfigureAwait(false);
        foreach (var pod in _pods) await WaitGoneOrKillAsync(pod.Pid).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops every Pod that something else (the panel's autostart) started in <paramref name="home"/>: shutdown over its
    /// socket, then a kill by the pid in its runtime dir if it is still alive after the stop budget.
    /// </summary>
    public static async Task StopAllAsync(BenchHome home)
    {
        var pids = new List<int>();
        foreach (var name in new PodMetadataStore(home.Paths, TimeProvider.System).ListNames())
        {
            var pidFile = Path.Combine(home.Paths.PodRuntimeDir(name), "pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) continue;
            pids.Add(pid);
            try { await PodClient.ConnectAndSendAsync(home.Paths.PodSocketPath(name), new ShutdownMethod()).ConfigureAwait(false); }
            catch (Exception ex) when (ex is IOException or PodClientException or OperationCanceledException) { }
        }
        foreach (var pid in pids) await WaitGoneOrKillAsync(pid).ConfigureAwait(false);
    }

    private static async Task WaitGoneOrKillAsync(int pid)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10))
        {
            if (!Directory.Exists($"/proc/{pid}") || ProcStatus.State(pid) is 'Z' or 'X') return;
            await Task.Delay(20).ConfigureAwait(false);
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }
}
