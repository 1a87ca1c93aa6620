using System.Text.Json.Serialization;
using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>The active session pointer; <c>segment_id</c> absent = session chosen, first segment not yet written.</summary>
public sealed record ActiveSession(string SessionId, string? SegmentId = null);

public sealed record PeerRef(string PodName);

public sealed record SpawnedChild(string PodName, string SocketPath, IReadOnlyList<ScopeRule> ScopeDelegated, string CallbackAddress)
{
    public bool Equals(SpawnedChild? other) => other is not null && PodName == other.PodName && SocketPath == other.SocketPath
        && CallbackAddress == other.CallbackAddress && ScopeDelegated.SequenceEqual(other.ScopeDelegated);
    public override int GetHashCode() => HashCode.Combine(PodName, SocketPath);
}

public sealed record ReclaimedChild(string PodName, IReadOnlyList<ScopeRule> ScopeDelegated)
{
    public bool Equals(ReclaimedChild? other) => other is not null && PodName == other.PodName && ScopeDelegated.SequenceEqual(other.ScopeDelegated);
    public override int GetHashCode() => PodName.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// Durable per-name Pod metadata (<c>&lt;data&gt;/pods/&lt;name&gt;/metadata.json</c>). Fields of the original plus
/// (ours) role, profile, created_at, updated_at. Empty lists and nulls are omitted on write.
/// </summary>
public sealed record PodMetadata
{
    // Source-generated deserialisation assigns absent init properties as null; absent lists mean empty.
    private readonly IReadOnlyList<SpawnedChild> _spawnedChildren = [];
    private readonly IReadOnlyList<ReclaimedChild> _reclaimedChildren = [];
    private readonly IReadOnlyList<PeerRef> _peers = [];

    public required string PodName { get; init; }
    public ActiveSession? Active { get; init; }
    public string? WorkspaceRoot { get; init; }
    public string? Role { get; init; }
    public string? Profile { get; init; }
    public string? Ticket { get; init; }
    /// <summary>(ours) The agent's own conversation id (Claude: the Pod's session id; Codex: its thread id) once the
    /// agent has started it; later turns and restores resume exactly this conversation.</summary>
    public string? AgentSessionId { get; init; }
    /// <summary>(ours) Set on a child spawned with <c>yoi pod spawn</c>: its parent and worktree.</summary>
    public Delegation.ChildDelegation? Delegation { get; init; }
    public IReadOnlyList<SpawnedChild> SpawnedChildren { get => _spawnedChildren; init => _spawnedChildren = value ?? []; }
    public IReadOnlyList<ReclaimedChild> ReclaimedChildren { get => _reclaimedChildren; init => _reclaimedChildren = value ?? []; }
    /// <summary>Sorted by name (ordinal), unique.</summary>
    public IReadOnlyList<PeerRef> Peers { get => _peers; init => _peers = value ?? []; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }

    public bool HasPeer(string name) => Peers.Any(p => p.PodName == name);

    public PodMetadata WithPeer(string name) => HasPeer(name) ? this : this with { Peers = NormalizePeers([.. Peers, new PeerRef(name)]) };

    public PodMetadata WithoutPeer(string name) => this with { Peers = Peers.Where(p => p.PodName != name).ToList() };

    public static IReadOnlyList<PeerRef> NormalizePeers(IEnumerable<PeerRef> peers) =>
        peers.DistinctBy(p => p.PodName).OrderBy(p => p.PodName, StringComparer.Ordinal).ToList();

    public bool Equals(PodMetadata? other) => other is not null && PodName == other.PodName && Active == other.Active
        && WorkspaceRoot == other.WorkspaceRoot && Role == other.Role && Profile == other.Profile && Ticket == other.Ticket
        && AgentSessionId == other.AgentSessionId && Delegation == other.Delegation
        && SpawnedChildren.SequenceEqual(other.SpawnedChildren) && ReclaimedChildren.SequenceEqual(other.ReclaimedChildren)
        && Peers.SequenceEqual(other.Peers) && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(PodName, Active, WorkspaceRoot);
}
