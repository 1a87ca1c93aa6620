using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// Side effects of an inbound PodEvent on the receiving (parent) Pod (docs/original-core.md §2.9), applied in every status before
/// the notify decision, all idempotent: <c>shut_down</c> moves the child from <c>spawned_children</c> to
/// <c>reclaimed_children</c>; <c>scope_sub_delegated</c> records the grandchild and returns the event to re-emit upward
/// (with <c>parent_pod</c> = this Pod) when this Pod has a parent. <c>turn_ended</c>/<c>errored</c> do nothing.
/// </summary>
public sealed class PodEventEffects(PodMetadataStore store, string podName, bool hasParent)
{
    /// <summary>Applies the event; returns an event to send to this Pod's parent, or null.</summary>
    public PodEvent? Apply(PodEvent podEvent)
    {
        switch (podEvent)
        {
            case ShutDownPodEvent down:
                store.Update(podName, m =>
                {
                    var current = m ?? new PodMetadata { PodName = podName };
                    var child = current.SpawnedChildren.FirstOrDefault(c => c.PodName == down.PodName);
                    if (child is null) return current;
                    return current with
                    {
                        SpawnedChildren = current.SpawnedChildren.Where(c => c.PodName != down.PodName).ToList(),
                        ReclaimedChildren = [.. current.ReclaimedChildren, new ReclaimedChild(child.PodName, child.ScopeDelegated)],
                    };
                });
                return null;
            case ScopeSubDelegatedPodEvent sub:
                var added = false;
                store.Update(podName, m =>
                {
                    var current = m ?? new PodMetadata { PodName = podName };
                    if (current.SpawnedChildren.Any(c => c.PodName == sub.SubPod)) return current;
                    added = true;
                    var callback = current.SpawnedChildren.FirstOrDefault(c => c.PodName == sub.ParentPod)?.SocketPath ?? "";
                    return current with
                    {
                        SpawnedChildren = [.. current.SpawnedChildren, new SpawnedChild(sub.SubPod, sub.SubSocket, sub.Scope, callback)],
                    };
                });
                return added && hasParent ? sub with { ParentPod = podName } : null;
            default:
                return null;
        }
    }
}
