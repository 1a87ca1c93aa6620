using Yoi.Core.Claims;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>One Pod as scanned: its metadata read and, for Pods of this workspace, the probe result.</summary>
internal sealed record ScannedPod(string Name, MetadataRead Read, ProbeResult? Probe, string SocketPath, DaemonHolder? Daemon = null, bool LeftBehind = false)
{
    /// <summary>Live: the socket answers, or the daemon lock is held (live, unreachable).</summary>
    public bool Live => Probe?.Reachable == true || Daemon is not null;

    public PodMetadata? Metadata => Read.Metadata;
}

/// <summary>
/// Reads Pod metadata (cached by file mtime+size, so unchanged files are not re-read), keeps the Pods whose
/// metadata records this canonical workspace, and probes their sockets concurrently with a per-probe budget
/// (a hung listener cannot delay the reload beyond the budget; a Pod whose daemon runs but did not answer in time is
/// probed once more, see <see cref="RetryTimedOutLivePodsAsync"/>). Live Pods without matching metadata are hidden.
/// </summary>
internal sealed class PodScanner(PodMetadataStore store, TimeSpan probeBudget)
{
    private readonly PodMetadataStore _store = store;
    private readonly YoiPaths _paths = store.Paths;
    private Dictionary<string, (FileStamp? Stamp, MetadataRead Read)> _cache = new(StringComparer.Ordinal);

    /// <summary>Every Pod with metadata (any workspace), by name; used to derive claim statuses.</summary>
    public IReadOnlyDictionary<string, MetadataRead> AllMetadata { get; private set; } = new Dictionary<string, MetadataRead>();

    private List<MetadataRead> _mine = [];
    private bool _scanned;

    /// <summary>
    /// Probes this workspace's Pods; re-lists and re-stats the metadata first when <paramref name="rescanMetadata"/>
    /// (otherwise the previous scan's metadata is used: the caller knows nothing changed).
    /// </summary>
    public async Task<IReadOnlyList<ScannedPod>> ScanAsync(string canonicalWorkspace, bool rescanMetadata, CancellationToken cancellationToken)
    {
        if (rescanMetadata || !_scanned) RescanMetadata(canonicalWorkspace);
        var mine = _mine;
        // One probe round (one hard deadline) over the Pods that have a socket file; a stopped Pod (no socket file) is
        // answered without a connection attempt.
        var sockets = mine.Select(r => _paths.PodSocketPath(r.PodName)).ToList();
        var withSocket = sockets.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
        var round = await ProbeRound.RunAsync(withSocket, probeBudget, cancellationToken).ConfigureAwait(false);
        var bySocket = withSocket.Select((s, i) => (s, round[i])).ToDictionary(p => p.s, p => p.Item2, StringComparer.Ordinal);
        await RetryTimedOutLivePodsAsync(mine, bySocket, cancellationToken).ConfigureAwait(false);
        var probes = sockets.Select(s => bySocket.TryGetValue(s, out var p) ? p : ProbeResult.Unreachable(UnreachableKind.NoSocket, "no socket file (the pod is not running)")).ToArray();
        return mine.Select((r, i) =>
        {
            var daemon = probes[i].Reachable ? null : DaemonLock.Holder(_paths, r.PodName);
            var leftBehind = !probes[i].Reachable && daemon is null && DaemonLock.LeftBehind(_paths, r.PodName);
            return new ScannedPod(r.PodName, r, probes[i], _paths.PodSocketPath(r.PodName), daemon, leftBehind);
        }).ToList();
    }

    /// <summary>
    /// A Pod whose daemon runs but whose probe timed out (a loaded machine scheduled it late) is probed once more, all
    /// of them in one round with <see cref="PodClient.RetryFactor"/> times the budget, as every liveness decision does
    /// (<see cref="PodClient.ProbeLiveAsync"/>): otherwise a live idle Pod flickers into Working Pods as "live" or "live
    /// unreachable" and back, and a row selected meanwhile jumps with it. A socket with no daemon behind it (a hung
    /// listener) is not retried, so it still costs one budget.
    /// </summary>
    private async Task RetryTimedOutLivePodsAsync(IReadOnlyList<MetadataRead> mine, Dictionary<string, ProbeResult> bySocket, CancellationToken cancellationToken)
    {
        var retry = mine
            .Select(r => (Pod: r.PodName, Socket: _paths.PodSocketPath(r.PodName)))
            .Where(p => bySocket.TryGetValue(p.Socket, out var probe) && probe.TimedOut && DaemonLock.Holder(_paths, p.Pod) is not null)
            .Select(p => p.Socket)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (retry.Count == 0) return;
        var again = await ProbeRound.RunAsync(retry, probeBudget * PodClient.RetryFactor, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < retry.Count; i++) bySocket[retry[i]] = again[i];
    }

    private void RescanMetadata(string canonicalWorkspace)
    {
        _scanned = true;
        var names = _store.ListNames();
        var next = new Dictionary<string, (FileStamp? Stamp, MetadataRead Read)>(names.Count, StringComparer.Ordinal);
        var all = new Dictionary<string, MetadataRead>(names.Count, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var info = new FileInfo(_paths.PodMetadataPath(name));
            FileStamp? stamp = info.Exists ? new FileStamp(info.LastWriteTimeUtc.Ticks, info.Length) : null;
            var read = _cache.TryGetValue(name, out var cached) && cached.Stamp == stamp && stamp is not null ? cached.Read : _store.Read(name);
            next[name] = (stamp, read);
            all[name] = read;
        }
        _cache = next;
        AllMetadata = all;
        _mine = all.Values
            .Where(r => r.State == MetadataState.Readable && r.Metadata!.WorkspaceRoot is { } ws && SameWorkspace(ws, canonicalWorkspace))
            .ToList();
    }

    /// <summary>What claims need to know about one Pod, from this scan (no extra probe).</summary>
    public PodObservation Observe(string podName, IReadOnlyDictionary<string, ScannedPod> workspacePods)
    {
        if (PodName.Problem(podName) is { } problem) return new PodObservation(podName, PodMetadataState.Corrupt, null, false, problem);
        if (workspacePods.TryGetValue(podName, out var pod))
            return new PodObservation(podName, PodMetadataState.Ok, pod.Metadata!.WorkspaceRoot, pod.Live);
        var read = AllMetadata.TryGetValue(podName, out var r) ? r : _store.Read(podName);
        var running = DaemonLock.Holder(_paths, podName) is not null;
        return read.State switch
        {
            MetadataState.Readable => new PodObservation(podName, PodMetadataState.Ok, read.Metadata!.WorkspaceRoot, running),
            MetadataState.Missing => new PodObservation(podName, PodMetadataState.Missing, null, running),
            _ => new PodObservation(podName, PodMetadataState.Corrupt, null, running, read.Error),
        };
    }

    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

    private bool SameWorkspace(string podWorkspace, string canonicalWorkspace)
    {
        if (podWorkspace == canonicalWorkspace) return true;
        string canonical;
        if (!_canonical.TryGetValue(podWorkspace, out canonical!))
        {
            canonical = WorkspaceKey.Canonicalize(podWorkspace);
            if (_canonical.Count < 4096) _canonical[podWorkspace] = canonical;
        }
        return canonical == canonicalWorkspace;
    }
}
