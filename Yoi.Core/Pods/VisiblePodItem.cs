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

/// <summary>One element of <c>pods_listed</c> (reference §4.6); <c>state</c> is readable, missing or corrupt.</summary>
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
    string? Role = null);

/// <summary>The result of <c>restore_pod</c>: <c>action</c> is already_live or restored.</summary>
public sealed record RestoreOutcome(string Action, string PodName, string SocketPath, PodStatus? Status = null);

/// <summary>The result of <c>register_peer</c>.</summary>
public sealed record PeerRegistration(string Source, string Peer);
