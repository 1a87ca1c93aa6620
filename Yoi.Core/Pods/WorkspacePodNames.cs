using Yoi.Core.Paths;

namespace Yoi.Core.Pods;

/// <summary>
/// The Companion and Orchestrator names of one workspace: <see cref="PodName.Companion"/> (folder name + a short
/// hash of the canonical path), except that a Pod created under the older folder-name-only scheme keeps its name
/// while its metadata names this workspace and no Pod with the new name exists — so existing Pods keep working, and
/// a second clone with the same folder name gets Pods of its own (docs/pod-runtime.md, "Names and migration").
/// </summary>
public sealed record WorkspacePodNames(string Companion, string Orchestrator)
{
    public static WorkspacePodNames Resolve(PodMetadataStore store, string workspace)
    {
        var canonical = WorkspaceKey.Canonicalize(workspace);
        var companion = PodName.Companion(canonical);
        var orchestrator = PodName.Orchestrator(canonical);
        if (store.Paths.DataOrNull is null) return new WorkspacePodNames(companion, orchestrator);
        return new WorkspacePodNames(
            Pick(store, canonical, companion, PodName.LegacyCompanion(canonical)),
            Pick(store, canonical, orchestrator, PodName.LegacyOrchestrator(canonical)));
    }

    private static string Pick(PodMetadataStore store, string canonical, string current, string legacy)
    {
        if (current == legacy || store.Exists(current)) return current;
        var read = store.Read(legacy);
        return read.Metadata?.WorkspaceRoot is { Length: > 0 } && PodWorkspace.BelongsTo(read.Metadata, canonical) ? legacy : current;
    }
}
