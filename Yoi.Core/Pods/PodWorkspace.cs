using Yoi.Core.Paths;

namespace Yoi.Core.Pods;

/// <summary>A Pod whose metadata names another workspace than the one asking for it.</summary>
public sealed class PodWorkspaceMismatchException(string message) : YoiException(message);

/// <summary>
/// Workspace-scoped Pod identity: a Pod belongs to the canonical workspace its metadata names. Starting, restoring,
/// attaching or spawning it from another workspace is refused with both paths and the fix, unless the caller adopts it
/// explicitly (<c>--adopt</c>), which moves the Pod, session and all, and says so.
/// </summary>
public static class PodWorkspace
{
    /// <summary>The canonical workspace the metadata names, or null when it names none (older metadata).</summary>
    public static string? Of(PodMetadata? metadata) =>
        metadata?.WorkspaceRoot is { Length: > 0 } ws ? WorkspaceKey.Canonicalize(ws) : null;

    /// <summary>True when the metadata names <paramref name="canonicalWorkspace"/> (or no workspace at all).</summary>
    public static bool BelongsTo(PodMetadata? metadata, string canonicalWorkspace) =>
        Of(metadata) is not { } theirs || theirs == canonicalWorkspace;

    /// <summary>
    /// Throws <see cref="PodWorkspaceMismatchException"/> when the Pod belongs elsewhere and <paramref name="adopt"/> is
    /// false. Returns the workspace it is being moved from when adopting, else null.
    /// </summary>
    public static string? Check(YoiPaths paths, string podName, PodMetadata? metadata, string canonicalWorkspace, bool adopt)
    {
        if (BelongsTo(metadata, canonicalWorkspace)) return null;
        var theirs = Of(metadata)!;
        if (adopt) return theirs;
        throw new PodWorkspaceMismatchException(MismatchMessage(paths, podName, theirs, canonicalWorkspace));
    }

    public static string MismatchMessage(YoiPaths paths, string podName, string theirs, string ours) =>
        $"pod `{podName}` belongs to workspace {theirs}, not {ours} (its metadata: {paths.PodMetadataPath(podName)}); " +
        $"use another name here, or pass `--adopt` to move the Pod and its conversation to {ours}";

    public static string AdoptedMessage(string podName, string from, string to) =>
        $"pod `{podName}` adopted: moved from workspace {from} to {to} (its session continues here)";
}
