using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>
/// What a probe found: <see cref="Reachable"/> = the socket answers; <see cref="DaemonRunning"/> = the Pod's daemon holds
/// its daemon lock (true with Reachable false = live, unreachable: the socket or runtime dir is gone).
/// </summary>
public sealed record LiveInfo(string SocketPath, bool Reachable, PodStatus? Status = null, string? Error = null, int? PendingNotifications = null,
    bool DaemonRunning = false, int? DaemonPid = null)
{
    public bool Unreachable => DaemonRunning && !Reachable;
}

public sealed record RestoreInfo(bool Possible, string? RestoreName = null, string? Reason = null);

public sealed record CommRegistryInfo(bool Registered, string? SocketPath = null, IReadOnlyList<ScopeRule>? ScopeDelegated = null);

public sealed record ChildrenSummary(int Count, int Reachable, int Unreachable);

/// <summary>One element of <c>pods_listed</c> (docs/original-core.md §4.6); <c>state</c> is readable, missing or corrupt.</summary>
public sealed record VisiblePodItem(
    string PodName,
    Visibility Visibility,
    string State,
    ActiveSession? Active,
    LiveInfo Live,
    RestoreInfo Restore,
    CommRegistryInfo CommRegistry,
    ChildrenSummary SpawnedChildren,
    string? Error = null,
    IReadOnlyList<string>? Peers = null,
    string? Role = null)
{
    /// <summary>When the last run ended (ISO 8601), from the live Pod's snapshot; null when unknown.</summary>
    public string? LastTurnEndedAt { get; init; }

    /// <summary><c>finished</c> or <c>errored</c>; null when unknown.</summary>
    public string? LastOutcome { get; init; }

    /// <summary>The first line of the last run's error, when it errored.</summary>
    public string? LastError { get; init; }

    /// <summary>When the user last opened the Pod (<see cref="PodSeenStore"/>).</summary>
    public string? LastSeenAt { get; init; }

    /// <summary>The last run ended after <see cref="LastSeenAt"/> (or the Pod was never opened).</summary>
    public bool? Unseen { get; init; }
}

/// <summary>The result of <c>restore_pod</c>: <c>action</c> is already_live or restored.</summary>
public sealed record RestoreOutcome(string Action, string PodName, string SocketPath, PodStatus? Status = null);

/// <summary>The result of <c>register_peer</c>.</summary>
public sealed record PeerRegistration(string Source, string Peer);
