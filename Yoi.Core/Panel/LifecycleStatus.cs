using Yoi.Core.Workflows;

namespace Yoi.Core.Panel;

/// <summary>Whether a lifecycle state reads as good (green), attention (yellow) or failed (red).</summary>
public enum LifecycleTone { Good, Attention, Failed }

/// <summary>
/// The header status of a fixed-identity Pod (Companion or Orchestrator): the <see cref="RoleLifecycle"/> result as the
/// header shows it (label, tone). <see cref="Remembered"/> is true when an observe reload showed Missing/Stopped and the
/// panel kept an earlier Unavailable failure for the same name (<see cref="LifecycleMemory"/>).
/// </summary>
public sealed record LifecycleStatus(string PodName, RoleState State, string? Detail = null, bool Remembered = false)
{
    /// <summary>The header's status of a lifecycle result.</summary>
    public static LifecycleStatus Of(RoleStatus status) =>
        new(status.PodName, status.State, status.Detail) { Announcement = status.Announcement };

    /// <summary>live, restored, spawned, stopped/restorable, missing, unavailable.</summary>
    public string Label => State switch
    {
        RoleState.Live => "live",
        RoleState.Restored => "restored",
        RoleState.Spawned => "spawned",
        RoleState.Stopped => "stopped/restorable",
        RoleState.Missing => "missing",
        _ => "unavailable",
    };

    public LifecycleTone Tone => State switch
    {
        RoleState.Live or RoleState.Restored or RoleState.Spawned => LifecycleTone.Good,
        RoleState.Stopped or RoleState.Missing => LifecycleTone.Attention,
        _ => LifecycleTone.Failed,
    };

    /// <summary>A one-time announcement of what this ensure step changed for the user (e.g. a created worktree), shown as a notice.</summary>
    public string? Announcement { get; init; }

    /// <summary>True for live, restored and spawned: a message or peer registration can go to it now.</summary>
    public bool IsUp => Tone == LifecycleTone.Good;
}
