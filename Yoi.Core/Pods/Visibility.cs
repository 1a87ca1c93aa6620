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

/// <summary>A discovery refusal with the reference's text; surfaced over the socket as <c>invalid_request</c>.</summary>
public sealed class DiscoveryException(string message) : InvalidOperationException(message);
