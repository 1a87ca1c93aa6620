namespace Yoi.Core.Claims;

public enum PodMetadataState { Missing, Corrupt, Ok }

/// <summary>
/// What can be observed about a Pod right now: its metadata (missing, corrupt with the reason, or ok with the
/// workspace it belongs to) and whether its socket answers.
/// </summary>
public sealed record PodObservation(string PodName, PodMetadataState MetadataState, string? WorkspaceRoot, bool Live,
    string? MetadataProblem = null);

/// <summary>
/// The seam between claims and the Pods module: observe one Pod by name (<see cref="FilePodStatusSource"/> uses the
/// Pods metadata store and socket probe).
/// </summary>
public interface IPodStatusSource
{
    PodObservation Observe(string podName);
}
