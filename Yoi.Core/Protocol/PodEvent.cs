using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>A typed lifecycle report from a child Pod to its parent, tagged by <c>kind</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TurnEndedPodEvent), "turn_ended")]
[JsonDerivedType(typeof(ErroredPodEvent), "errored")]
[JsonDerivedType(typeof(ShutDownPodEvent), "shut_down")]
[JsonDerivedType(typeof(ScopeSubDelegatedPodEvent), "scope_sub_delegated")]
public abstract record PodEvent
{
    /// <summary>True for events the agent should hear about; false for control-plane-only events.</summary>
    public abstract bool ShouldNotifyAgent();

    /// <summary>The text placed (wrapped) in the agent's context, e.g. "pod `X` finished a turn".</summary>
    public abstract string Render();
}

public sealed record TurnEndedPodEvent(string PodName) : PodEvent
{
    public override bool ShouldNotifyAgent() => true;
    public override string Render() => $"pod `{PodName}` finished a turn";
}

public sealed record ErroredPodEvent(string PodName, string Message) : PodEvent
{
    public override bool ShouldNotifyAgent() => true;
    public override string Render() => $"pod `{PodName}` errored: {Message}";
}

public sealed record ShutDownPodEvent(string PodName) : PodEvent
{
    public override bool ShouldNotifyAgent() => true;
    public override string Render() => $"pod `{PodName}` shut down";
}

public sealed record ScopeSubDelegatedPodEvent(string ParentPod, string SubPod, string SubSocket, IReadOnlyList<ScopeRule> Scope) : PodEvent
{
    public override bool ShouldNotifyAgent() => false;
    public override string Render() => $"pod `{ParentPod}` sub-delegated scope to `{SubPod}`";

    public bool Equals(ScopeSubDelegatedPodEvent? other) =>
        other is not null && ParentPod == other.ParentPod && SubPod == other.SubPod && SubSocket == other.SubSocket
        && Scope.SequenceEqual(other.Scope);

    public override int GetHashCode() => HashCode.Combine(ParentPod, SubPod, SubSocket, Scope.Count);
}

/// <summary>A delegated path scope; <c>recursive</c> defaults to true when absent.</summary>
public sealed record ScopeRule(string Target, ScopePermission Permission, bool Recursive = true);
