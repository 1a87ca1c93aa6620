namespace Yoi.Core.Claims;

public enum ClaimStatusKind { Live, Restorable, Stale }

public enum StaleReason { NoMetadata, MetadataCorrupt, OtherWorkspace }

/// <summary>A claim's status, derived on every read and never stored; stale carries why.</summary>
public sealed record ClaimStatus(ClaimStatusKind Kind, StaleReason? Reason = null, string? Detail = null)
{
    /// <summary><c>live</c>, <c>restorable</c> or <c>stale</c>.</summary>
    public string Label => Kind switch
    {
        ClaimStatusKind.Live => "live",
        ClaimStatusKind.Restorable => "restorable",
        _ => "stale",
    };

    /// <summary>Why the claim is stale, in words (empty for live and restorable).</summary>
    public string Explanation => Reason switch
    {
        StaleReason.NoMetadata => "the Pod has no metadata: deleted or never created",
        StaleReason.MetadataCorrupt => $"the Pod's metadata is corrupt{(Detail is null ? "" : ": " + Detail)}",
        StaleReason.OtherWorkspace => $"the Pod belongs to another workspace{(Detail is null ? "" : ": " + Detail)}",
        _ => "",
    };

    /// <summary>Machine-readable reason for <c>--json</c>: <c>no_metadata</c>, <c>metadata_corrupt</c>, <c>other_workspace</c>.</summary>
    public string? ReasonCode => Reason switch
    {
        StaleReason.NoMetadata => "no_metadata",
        StaleReason.MetadataCorrupt => "metadata_corrupt",
        StaleReason.OtherWorkspace => "other_workspace",
        _ => null,
    };
}

/// <summary>
/// The one rule (docs/original-panel.md §2.9, spec "Claim lifecycle" 5): no metadata, corrupt metadata or metadata of another
/// workspace → stale with that reason; otherwise live when the socket answers, else restorable.
/// </summary>
public static class ClaimStatusDeriver
{
    public static ClaimStatus Derive(PodObservation pod, string? workspaceRoot)
    {
        switch (pod.MetadataState)
        {
            case PodMetadataState.Missing:
                return new ClaimStatus(ClaimStatusKind.Stale, StaleReason.NoMetadata);
            case PodMetadataState.Corrupt:
                return new ClaimStatus(ClaimStatusKind.Stale, StaleReason.MetadataCorrupt, pod.MetadataProblem);
        }
        if (workspaceRoot is not null && !SameWorkspace(pod.WorkspaceRoot, workspaceRoot))
            return new ClaimStatus(ClaimStatusKind.Stale, StaleReason.OtherWorkspace,
                pod.WorkspaceRoot is null ? "its metadata records no workspace" : pod.WorkspaceRoot);
        return pod.Live ? new ClaimStatus(ClaimStatusKind.Live) : new ClaimStatus(ClaimStatusKind.Restorable);
    }

    private static bool SameWorkspace(string? podWorkspace, string workspaceRoot) =>
        podWorkspace is not null
        && string.Equals(Paths.WorkspaceKey.Canonicalize(podWorkspace), Paths.WorkspaceKey.Canonicalize(workspaceRoot), StringComparison.Ordinal);
}
