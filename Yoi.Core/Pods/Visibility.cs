using System.Text.Json.Serialization;

namespace Yoi.Core.Pods;

/// <summary>Why a Pod can see another: itself, a child it spawned, or a reciprocal peer. First reason wins.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Visibility>))]
public enum Visibility
{
    [JsonStringEnumMemberName("self_pod")] SelfPod,
    [JsonStringEnumMemberName("spawned_child")] SpawnedChild,
    [JsonStringEnumMemberName("peer")] Peer,
}

/// <summary>A visible name, with the socket to probe when it differs from the default (a spawned child's recorded socket).</summary>
public sealed record VisibleName(string PodName, Visibility Visibility, string? SocketOverride);

/// <summary>What a discovery refusal is about; callers decide on this, never on the message.</summary>
public enum DiscoveryFailure
{
    /// <summary>Not a valid Pod name.</summary>
    InvalidName,
    /// <summary>No metadata for the Pod (it was never created or was removed).</summary>
    Missing,
    /// <summary>The Pod exists but is not self, a spawned child or a peer of the acting Pod.</summary>
    NotVisible,
    /// <summary>A Pod named as its own peer.</summary>
    SelfPeer,
    /// <summary>Visible, but not as a peer (a peer-only operation).</summary>
    NotPeer,
    /// <summary>A restore that cannot happen (the reason says why).</summary>
    NotRestorable,
}

/// <summary>A discovery refusal with its <see cref="DiscoveryFailure"/> and the display text; surfaced over the socket as <c>invalid_request</c>.</summary>
public sealed class DiscoveryException(DiscoveryFailure failure, string message) : YoiException(message)
{
    public DiscoveryFailure Failure { get; } = failure;
}
