using System.Globalization;
using Yoi.Core.Engines;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>Pod metadata (unreadable, no workspace, workspace gone), stale runtime dirs, and pending peer intents.</summary>
internal static class PodChecks
{
    public static readonly TimeSpan ProbeBudget = TimeSpan.FromMilliseconds(300);

    public static IEnumerable<DoctorFinding> Metadata(PodMetadataStore store)
    {
        var paths = store.Paths;
        if (!Directory.Exists(paths.PodsDir)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(paths.PodsDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith('.') || !File.Exists(Path.Combine(dir, "metadata.json"))) continue;
            var file = paths.PodMetadataPath(name);
            var read = store.Read(name);
            if (read.State == MetadataState.Corrupt)
            {
                yield return new DoctorFinding("pods", DoctorSeverity.Error, file, $"metadata of Pod `{name}` is unreadable: {StripPath(read.Error, file)}",
                    $"fix the JSON by hand, or delete {dir} if the Pod is no longer needed (its session logs stay); claims on it show as stale");
                continue;
            }
            var workspace = read.Metadata!.WorkspaceRoot;
            if (workspace is not { Length: > 0 })
                yield return new DoctorFinding("pods", DoctorSeverity.Warning, file, $"Pod `{name}` records no workspace, so it cannot be restored",
                    $"delete {dir} if the Pod is no longer needed");
            else if (!Directory.Exists(workspace))
                yield return new DoctorFinding("pods", DoctorSeverity.Warning, file, $"the workspace of Pod `{name}` no longer exists: {workspace}",
                    $"delete {dir} if the Pod is no longer needed (it cannot be restored)");
        }
    }

    public static async Task<IReadOnlyList<DoctorFinding>> RuntimeDirsAsync(YoiPaths paths, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        if (paths.RuntimeOrNull is not { } runtime || !Directory.Exists(runtime)) return findings;
        var dirs = Directory.EnumerateDirectories(runtime).Where(d => Path.GetFileName(d) != "h" && PodName.IsValid(Path.GetFileName(d)))
            .Order(StringComparer.Ordinal).ToList();
        var probes = await ProbeRound.RunAsync(dirs.Select(d => paths.PodSocketPath(Path.GetFileName(d))).ToList(), ProbeBudget, cancellationToken)
            .ConfigureAwait(false);
        for (var i = 0; i < dirs.Count; i++)
        {
            if (probes[i].Reachable) continue;
            var dir = dirs[i];
            var name = Path.GetFileName(dir);
            if (DaemonLock.Holder(paths, name) is not null) continue; // live, unreachable: reported by DaemonsAsync
            var pid = ReadPid(Path.Combine(dir, "pid"));
            if (pid is { } alive && Libc.ProcessExists(alive))
            {
                findings.Add(new DoctorFinding("runtime", DoctorSeverity.Warning, dir,
                    $"Pod `{name}` has a running process (pid {alive}) but its socket does not answer ({probes[i].Error})",
                    $"see {Path.Combine(dir, "stderr.log")}; if it hangs, `kill {alive}` and then `yoi pod restore {name}`"));
                continue;
            }
            var age = now - new DateTimeOffset(Directory.GetLastWriteTimeUtc(dir), TimeSpan.Zero);
            if (pid is null && age < LeftoverFiles.MinimumAge) continue; // a Pod may be starting right now
            var why = pid is { } dead ? $"its process {dead} is gone" : "it has no pid file";
            findings.Add(new DoctorFinding("runtime", DoctorSeverity.Warning, dir,
                $"stale runtime dir of Pod `{name}`: the socket does not answer and {why} (a crashed or killed Pod)",
                $"`yoi doctor --repair` removes it; `yoi pod restore {name}` starts the Pod again", RepairKind.RemoveRuntimeDir));
        }
        return findings;
    }

    /// <summary>Pods whose daemon runs (daemon lock held) but whose socket does not answer: live, unreachable, never stale.</summary>
    public static async Task<IReadOnlyList<DoctorFinding>> DaemonsAsync(PodMetadataStore store, CancellationToken cancellationToken)
    {
        var paths = store.Paths;
        var running = store.ListNames().Select(n => (Name: n, Holder: DaemonLock.Holder(paths, n))).Where(p => p.Holder is not null).ToList();
        var probes = await Task.WhenAll(running.Select(p => PodClient.ProbeAsync(paths.PodSocketPath(p.Name), ProbeBudget, cancellationToken))).ConfigureAwait(false);
        return running.Where((_, i) => !probes[i].Reachable)
            .Select(p => new DoctorFinding("pods", DoctorSeverity.Error, paths.PodDaemonLockPath(p.Name),
                $"Pod `{p.Name}` is live but unreachable: its daemon ({p.Holder!.PidText}) holds the daemon lock, but its socket {paths.PodSocketPath(p.Name)} does not answer",
                $"`yoi pod stop {p.Name}` stops it (then `yoi pod restore {p.Name}`); never start a second daemon for it"))
            .ToList();
    }

    /// <summary>Agent processes recorded for a Pod whose daemon is gone (killed mid-turn): they would work on without it.</summary>
    public static IEnumerable<DoctorFinding> LeftoverAgents(YoiPaths paths)
    {
        if (!Directory.Exists(paths.PodsDir)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(paths.PodsDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (!PodName.IsValid(name) || name.StartsWith('.') || !File.Exists(paths.PodAgentGroupPath(name))) continue;
            if (DaemonLock.Holder(paths, name) is not null) continue; // the running turn's agent
            var leftovers = new AgentGroup(paths, name).Leftovers();
            if (leftovers.Count == 0) continue;
            yield return new DoctorFinding("pods", DoctorSeverity.Error, paths.PodAgentGroupPath(name),
                $"Pod `{name}` is not running but {leftovers.Count} of its agent processes still are (pids {string.Join(", ", leftovers)})",
                $"`yoi doctor --repair` ends them (SIGTERM, then SIGKILL); `yoi pod restore {name}` also ends them before it starts", RepairKind.EndAgentProcesses);
        }
    }

    /// <summary>Ends the leftover agent group recorded at <paramref name="recordPath"/>; returns the pids it ended.</summary>
    public static IReadOnlyList<int> EndAgents(YoiPaths paths, string recordPath) =>
        new AgentGroup(paths, Path.GetFileName(Path.GetDirectoryName(recordPath)!)).EndLeftovers();

    public static IEnumerable<DoctorFinding> PeerIntents(PeerLinks links) =>
        links.PendingIntents().Select(path => new DoctorFinding("peers", DoctorSeverity.Warning, path,
            "pending peer registration: a crash came between the two metadata writes, so the link may be one-sided",
            "`yoi doctor --repair` completes the link when both Pods exist, otherwise removes the one-sided entry", RepairKind.RollForwardPeerIntent));

    public static void RemoveRuntimeDir(YoiPaths paths, string dir)
    {
        var socket = paths.PodSocketPath(Path.GetFileName(dir));
        if (!socket.StartsWith(dir + "/", StringComparison.Ordinal)) File.Delete(socket);
        Directory.Delete(dir, recursive: true);
    }

    private static string? StripPath(string? error, string path) =>
        error is not null && error.StartsWith(path + ": ", StringComparison.Ordinal) ? error[(path.Length + 2)..] : error;

    private static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
