using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Roles;

/// <summary>
/// Observes a Pod through the Pods module: its metadata via <see cref="PodMetadataStore.Read"/> and its liveness via
/// <see cref="PodClient.ProbeAsync"/> (connect success within the budget = live).
/// </summary>
public sealed class FilePodStatusSource(YoiPaths paths, TimeSpan? probeBudget = null) : IPodStatusSource
{
    public static readonly TimeSpan DefaultProbeBudget = TimeSpan.FromMilliseconds(200);

    private readonly PodMetadataStore _store = new(paths, TimeProvider.System);
    private readonly TimeSpan _budget = probeBudget ?? DefaultProbeBudget;

    public PodObservation Observe(string podName)
    {
        if (PodName.Problem(podName) is { } problem)
            return new PodObservation(podName, PodMetadataState.Corrupt, null, false, problem);
        var read = _store.Read(podName);
        var live = PodClient.ProbeAsync(paths.PodSocketPath(podName), _budget).GetAwaiter().GetResult().Reachable;
        return read.State switch
        {
            MetadataState.Readable => new PodObservation(podName, PodMetadataState.Ok, read.Metadata!.WorkspaceRoot, live),
            MetadataState.Missing => new PodObservation(podName, PodMetadataState.Missing, null, live),
            _ => new PodObservation(podName, PodMetadataState.Corrupt, null, live, read.Error),
        };
    }
}
