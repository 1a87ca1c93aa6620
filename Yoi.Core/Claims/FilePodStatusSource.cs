using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Claims;

/// <summary>
/// Observes a Pod through the Pods module: its metadata via <see cref="PodMetadataStore.Read"/> and its liveness via
/// <see cref="PodClient.ProbeLiveAsync"/> (connect success within the budget = live). A refused connect or a missing socket
/// file is a definite "not live"; a connect that merely timed out (a cold or loaded process can spend the whole budget
/// before the socket call) is probed once more with four times the budget, so a live Pod is not misread as
/// restorable and then released or force-reclaimed. A Pod whose daemon holds its daemon lock is live even when its socket
/// is gone (live, unreachable).
/// </summary>
public sealed class FilePodStatusSource(PodMetadataStore store, TimeSpan? probeBudget = null) : IPodStatusSource
{
    public static readonly TimeSpan DefaultProbeBudget = PodDiscovery.DefaultProbeBudget;

    private readonly PodMetadataStore _store = store;
    private readonly YoiPaths _paths = store.Paths;
    private readonly TimeSpan _budget = probeBudget ?? DefaultProbeBudget;

    public PodObservation Observe(string podName)
    {
        if (PodName.Problem(podName) is { } problem)
            return new PodObservation(podName, PodMetadataState.Corrupt, null, false, problem);
        var read = _store.Read(podName);
        var live = IsLive(_paths.PodSocketPath(podName)) || DaemonLock.Holder(_paths, podName) is not null;
        return read.State switch
        {
            MetadataState.Readable => new PodObservation(podName, PodMetadataState.Ok, read.Metadata!.WorkspaceRoot, live),
            MetadataState.Missing => new PodObservation(podName, PodMetadataState.Missing, null, live),
            _ => new PodObservation(podName, PodMetadataState.Corrupt, null, live, read.Error),
        };
    }

    private bool IsLive(string socketPath) => PodClient.ProbeLiveAsync(socketPath, _budget).GetAwaiter().GetResult().Reachable;
}
