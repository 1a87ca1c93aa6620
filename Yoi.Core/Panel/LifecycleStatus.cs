namespace Yoi.Core.Panel;

/// <summary>Companion/Orchestrator lifecycle state in the header (docs/original-panel.md §2.5).</summary>
public enum LifecycleState
{
    /// <summary>Live and reachable.</summary>
    Live,
    /// <summary>Restored by this (ensure) reload.</summary>
    Restored,
    /// <summary>Spawned by this (ensure) reload.</summary>
    Spawned,
    /// <summary>Stored, not live (observe mode never restores it).</summary>
    Stopped,
    /// <summary>No Pod with that name in this workspace.</summary>
    Missing,
    /// <summary>Present but unusable, or a restore/spawn failed; <see cref="LifecycleStatus.Detail"/> says why.</summary>
    Unavailable,
}

/// <summary>Whether a lifecycle state reads as good (green), attention (yellow) or failed (red).</summary>
public enum LifecycleTone { Good, Attention, Failed }

/// <summary>
/// The header status of a fixed-identity Pod (Companion or Orchestrator): its name, state and detail.
/// <see cref="Remembered"/> is true when an observe reload showed Missing/Stopped and the panel kept an earlier
/// Unavailable failure for the same name (lifecycle memory).
/// </summary>
public sealed record LifecycleStatus(string PodName, LifecycleState State, string? Detail = null, bool Remembered = false)
{
    /// <summary>live, restored, spawned, stopped/restorable, missing, unavailable.</summary>
    public string Label => State switch
    {
        LifecycleState.Live => "live",
        LifecycleState.Restored => "restored",
        LifecycleState.Spawned => "spawned",
        LifecycleState.Stopped => "stopped/restorable",
        LifecycleState.Missing => "missing",
        _ => "unavailable",
    };

    public LifecycleTone Tone => State switch
    {
        LifecycleState.Live or LifecycleState.Restored or LifecycleState.Spawned => LifecycleTone.Good,
        LifecycleState.Stopped or LifecycleState.Missing => LifecycleTone.Attention,
        _ => LifecycleTone.Failed,
    };

    /// <summary>A one-time announcement of what this ensure step changed for the user (e.g. a created worktree), shown as a notice.</summary>
    public string? Announcement { get; init; }

    /// <summary>True for live, restored and spawned: a message or peer registration can go to it now.</summary>
    public bool IsUp => Tone == LifecycleTone.Good;
}
