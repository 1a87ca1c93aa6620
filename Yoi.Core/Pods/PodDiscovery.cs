using Yoi.Core.Paths;

namespace Yoi.Core.Pods;

/// <summary>
/// What a Pod named SELF can see (docs/original-core.md §4.4–§4.7): itself, the children it spawned and its peers — never
/// the whole host. Every call first converges leftover peer intents involving SELF.
/// </summary>
public sealed class PodDiscovery(PodMetadataStore store, PeerLinks peers, TimeSpan probeBudget)
{
    public static readonly TimeSpan DefaultProbeBudget = TimeSpan.FromMilliseconds(500);

    private YoiPaths Paths => store.Paths;

    /// <summary>Name-sorted visibility set; first reason wins (self, then spawned child, then peer).</summary>
    public IReadOnlyList<VisibleName> VisibleSet(string self)
    {
        peers.RecoverIntents(self);
        var set = new SortedDictionary<string, VisibleName>(StringComparer.Ordinal)
        {
            [self] = new VisibleName(self, Visibility.SelfPod, null),
        };
        PodMetadata? metadata = null;
        try { metadata = store.Find(self); }
        catch (PodMetadataException) { }
        foreach (var child in metadata?.SpawnedChildren ?? [])
            set.TryAdd(child.PodName, new VisibleName(child.PodName, Visibility.SpawnedChild, child.SocketPath));
        foreach (var peer in metadata?.Peers ?? [])
            set.TryAdd(peer.PodName, new VisibleName(peer.PodName, Visibility.Peer, null));
        return set.Values.ToList();
    }

    public async Task<IReadOnlyList<VisiblePodItem>> ListPodsAsync(string self, CancellationToken cancellationToken = default)
    {
        var visible = VisibleSet(self);
        var probes = await ProbeRound.RunAsync(visible.Select(SocketOf).ToList(), probeBudget, cancellationToken).ConfigureAwait(false);
        return await Task.WhenAll(visible.Select((v, i) => DescribeAsync(self, v, probes[i], cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Every Pod with metadata, each as its own self view (<c>yoi pod list</c> without <c>--as</c>): one probe round over
    /// all of them, so 200 Pods cost one budget.
    /// </summary>
    public async Task<IReadOnlyList<VisiblePodItem>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        var names = store.ListNames();
        foreach (var name in names) peers.RecoverIntents(name);
        var selves = names.Select(n => new VisibleName(n, Visibility.SelfPod, null)).ToList();
        var probes = await ProbeRound.RunAsync(selves.Select(SocketOf).ToList(), probeBudget, cancellationToken).ConfigureAwait(false);
        return await Task.WhenAll(selves.Select((v, i) => DescribeAsync(v.PodName, v, probes[i], cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>The detail of one visible Pod; "pod state missing for `X`" / "pod `X` is not visible to this Pod" otherwise.</summary>
    public async Task<VisiblePodItem> InspectAsync(string self, string name, CancellationToken cancellationToken = default)
    {
        if (PodName.Problem(name) is { } problem) throw new DiscoveryException(DiscoveryFailure.InvalidName, $"invalid pod name: {name} ({problem})");
        var visible = VisibleSet(self).FirstOrDefault(v => v.PodName == name);
        if (!store.Exists(name)) throw new DiscoveryException(DiscoveryFailure.Missing, $"pod state missing for `{name}`");
        if (visible is null) throw new DiscoveryException(DiscoveryFailure.NotVisible, $"pod `{name}` is not visible to this Pod");
        var probe = await PodClient.ProbeAsync(SocketOf(visible), probeBudget, cancellationToken).ConfigureAwait(false);
        return await DescribeAsync(self, visible, probe, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Restores a visible, stopped Pod; never one the caller cannot see. A live Pod is reported as already live.</summary>
    public async Task<RestoreOutcome> RestoreAsync(string self, string name, PodControl control, CancellationToken cancellationToken = default)
    {
        var detail = await InspectAsync(self, name, cancellationToken).ConfigureAwait(false);
        if (detail.Live.Reachable) return new RestoreOutcome("already_live", name, detail.Live.SocketPath, detail.Live.Status);
        if (detail.Live.DaemonRunning) throw new DiscoveryException(DiscoveryFailure.NotRestorable, $"pod `{name}` is not restorable: {detail.Restore.Reason}");
        if (!detail.Restore.Possible) throw new DiscoveryException(DiscoveryFailure.NotRestorable, $"pod `{name}` is not restorable: {detail.Restore.Reason}");
        var (pod, alreadyLive) = await control.RestoreAsync(name, cancellationToken).ConfigureAwait(false);
        return new RestoreOutcome(alreadyLive ? "already_live" : "restored", name, pod.SocketPath);
    }

    private string SocketOf(VisibleName visible) => visible.SocketOverride is { Length: > 0 } s ? s : Paths.PodSocketPath(visible.PodName);

    private async Task<VisiblePodItem> DescribeAsync(string self, VisibleName visible, ProbeResult probe, CancellationToken cancellationToken)
    {
        var socket = SocketOf(visible);
        var read = store.Read(visible.PodName);
        var daemon = DaemonLock.Holder(Paths, visible.PodName);
        var live = new LiveInfo(socket, probe.Reachable, probe.Status, probe.Reachable ? null : probe.Error,
            probe.Reachable ? probe.PendingNotifications : null, daemon is not null, daemon?.Pid);
        var comm = visible.Visibility == Visibility.SpawnedChild
            ? new CommRegistryInfo(true, socket, ChildRecord(self, visible.PodName)?.ScopeDelegated)
            : new CommRegistryInfo(false);
        switch (read.State)
        {
            case MetadataState.Readable:
                var m = read.Metadata!;
                var children = await SummarizeChildrenAsync(m, cancellationToken).ConfigureAwait(false);
                var seen = new PodSeenStore(Paths).LastSeenAt(visible.PodName);
                return new VisiblePodItem(visible.PodName, visible.Visibility, "readable", m.Active, live, PlanRestore(m, live),
                    comm, children, null, m.Peers.Select(p => p.PodName).ToList(), m.Role)
                {
                    LastTurnEndedAt = probe.LastRun?.EndedAt,
                    LastOutcome = probe.LastRun?.Outcome,
                    LastError = probe.LastRun?.Error,
                    LastSeenAt = seen,
                    Unseen = probe.LastRun is null ? null : PodLastRun.IsUnseen(probe.LastRun, probe.Status == Yoi.Core.Protocol.PodStatus.Running, seen),
                };
            case MetadataState.Missing:
                return new VisiblePodItem(visible.PodName, visible.Visibility, "missing", null, live,
                    new RestoreInfo(false, null, "pod state missing"), comm, new ChildrenSummary(0, 0, 0));
            default:
                return new VisiblePodItem(visible.PodName, visible.Visibility, "corrupt", null, live,
                    new RestoreInfo(false, null, "pod state is unreadable"), comm, new ChildrenSummary(0, 0, 0), read.Error);
        }
    }

    private static RestoreInfo PlanRestore(PodMetadata metadata, LiveInfo live)
    {
        if (live.Reachable) return new RestoreInfo(false, metadata.PodName, "pod is already live");
        if (live.DaemonRunning)
            return new RestoreInfo(false, null, DaemonLock.UnreachableMessage(metadata.PodName, new DaemonHolder(live.DaemonPid), live.SocketPath));
        if (metadata.Active is null) return new RestoreInfo(false, null, "pod state has no active session");
        if (metadata.Active.SegmentId is null) return new RestoreInfo(false, null, "active segment is not known yet");
        return new RestoreInfo(true, metadata.PodName);
    }

    private SpawnedChild? ChildRecord(string self, string child)
    {
        try { return store.Find(self)?.SpawnedChildren.FirstOrDefault(c => c.PodName == child); }
        catch (PodMetadataException) { return null; }
    }

    private async Task<ChildrenSummary> SummarizeChildrenAsync(PodMetadata metadata, CancellationToken cancellationToken)
    {
        if (metadata.SpawnedChildren.Count == 0) return new ChildrenSummary(0, 0, 0);
        var probes = await ProbeRound.RunAsync(metadata.SpawnedChildren.Select(c => c.SocketPath).ToList(), probeBudget, cancellationToken).ConfigureAwait(false);
        var reachable = probes.Count(p => p.Reachable);
        return new ChildrenSummary(probes.Count, reachable, probes.Count - reachable);
    }
}
