using Yoi.Core.Paths;

namespace Yoi.Tests.Support;

/// <summary>Snapshot scrubbing: the workspace hash in Companion/Orchestrator names depends on where the workspace lives.</summary>
public static class WorkspaceHash
{
    public static string Scrub(string text, string canonicalWorkspace) =>
        text.Replace("-" + WorkspaceKey.FromKey(canonicalWorkspace).Digest[..PodName.WorkspaceHashLength], "-<hash>", StringComparison.Ordinal);
}
