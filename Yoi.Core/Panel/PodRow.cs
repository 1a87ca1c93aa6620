using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Panel;

/// <summary>What the panel knows about a Pod right now (reference §2.7 status labels).</summary>
public enum PodRowStatus
{
    /// <summary>Live and idle: a message can be sent now.</summary>
    LiveIdle,
    LiveRunning,
    LivePaused,
    /// <summary>The socket accepted but no status arrived within the probe budget.</summary>
    LiveUnknown,
    /// <summary>Its daemon runs (it holds the daemon lock) but its socket does not answer: never restorable.</summary>
    LiveUnreachable,
    /// <summary>Stored only; metadata intact and restorable.</summary>
    Stopped,
    /// <summary>Stored only; metadata intact but there is nothing to restore yet (no active segment).</summary>
    Unrestorable,
    /// <summary>Stored only and restorable, but its daemon ended without a clean stop (killed, crashed): it left its
    /// <c>daemon.pid</c> behind while nobody holds the daemon lock.</summary>
    Crashed,
}

/// <summary>
/// A Pod of this workspace (its stored metadata records this canonical workspace root). Rows exist for every
/// Pod in <see cref="PanelModel.Pods"/>; the list shows at most 3 closed ones.
/// </summary>
public sealed record PodRow(
    string Name,
    PanelSection Section,
    PodRowStatus Status,
    string? Role,
    string? Ticket,
    int PendingNotifications,
    IReadOnlyList<string> Peers,
    string? UpdatedAt,
    string SocketPath,
    bool IsCompanion,
    bool IsOrchestrator) : PanelRow(PanelRowKey.Pod(Name))
{
    public override PanelAction Action => CanOpen ? PanelAction.Open : PanelAction.None;

    /// <summary>The last finished run (from the Pod's snapshot), or null when it never ran or is not reachable.</summary>
    public PodLastRun? LastRun { get; init; }

    /// <summary>The profile the Pod runs on (its metadata; null = the default profile).</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// The role's profile in the config when it differs from <see cref="Profile"/>: the Pod keeps its profile while it
    /// runs and takes this one on its next restore (docs/agents.md). Null when they agree or the Pod has no role.
    /// </summary>
    public string? ProfileOnRestore { get; init; }

    /// <summary>What the Pod's metadata records about its delegation (a child Pod spawned by <c>yoi pod spawn</c>), or null.</summary>
    public Delegation.ChildDelegation? Delegation { get; init; }

    /// <summary>When the running turn started (ISO 8601), while <see cref="PodRowStatus.LiveRunning"/>.</summary>
    public string? RunningSince { get; init; }

    /// <summary>When the user last opened this Pod (panel or <c>yoi attach</c>), from <see cref="PodSeenStore"/>.</summary>
    public string? LastSeenAt { get; init; }

    /// <summary>The last run ended after the user last looked at the Pod.</summary>
    public bool Unseen => PodLastRun.IsUnseen(LastRun, Status == PodRowStatus.LiveRunning, LastSeenAt);

    /// <summary>The run that needs the user's attention (unseen), or null.</summary>
    public PodLastRun? Attention => Unseen ? LastRun : null;

    public bool Live => Status is PodRowStatus.LiveIdle or PodRowStatus.LiveRunning or PodRowStatus.LivePaused or PodRowStatus.LiveUnknown
        or PodRowStatus.LiveUnreachable;

    /// <summary>live idle, live running, live paused, live, stopped/restorable, stopped.</summary>
    public string StatusLabel => Status switch
    {
        PodRowStatus.LiveIdle => "live idle",
        PodRowStatus.LiveRunning => "live running",
        PodRowStatus.LivePaused => "live paused",
        PodRowStatus.LiveUnknown => "live",
        PodRowStatus.LiveUnreachable => "live unreachable",
        PodRowStatus.Stopped => "stopped/restorable",
        PodRowStatus.Crashed => "crashed/restorable",
        _ => "stopped",
    };

    public bool CanOpen => (Live && Status != PodRowStatus.LiveUnreachable) || CanRestore;

    /// <summary>A stopped Pod can be removed (<c>yoi pod rm</c>, or the panel's remove key on a closed row).</summary>
    public bool CanRemove => !Live;

    public bool CanRestore => Status is PodRowStatus.Stopped or PodRowStatus.Crashed;

    /// <summary>Live, reachable and idle (a paused Pod accepts runs too, reference §2.14 Companion send).</summary>
    public bool CanSendNow => Status is PodRowStatus.LiveIdle or PodRowStatus.LivePaused;

    /// <summary>The actionbar hint for Enter on this row.</summary>
    public string OpenHint => Status switch
    {
        PodRowStatus.LiveIdle => "Selected Pod can be opened/attached.",
        PodRowStatus.LiveRunning => "Selected Pod is running; Enter opens/attaches for inspection.",
        PodRowStatus.LivePaused => "Selected Pod is paused; open it explicitly to resume or start a new turn.",
        PodRowStatus.LiveUnknown => "Selected Pod did not report a live status.",
        PodRowStatus.LiveUnreachable => $"Selected Pod is live but unreachable (its socket is gone); run `yoi pod stop {Name}`, then restore it.",
        PodRowStatus.Stopped => "Selected Pod is stopped; Enter restores/opens for inspection.",
        PodRowStatus.Crashed => "Selected Pod's process ended without a clean stop (killed or crashed); Enter restores/opens it.",
        _ => "Selected Pod has no active session to restore yet; start it with `yoi pod start`.",
    };

    /// <summary>The ✉N marker (empty when nothing is pending).</summary>
    public string PendingMarker => PendingNotifications > 0 ? $"✉{PendingNotifications}" : "";

    /// <summary>The peer marker (⇄N) when the Pod has peers.</summary>
    public string PeerMarker => Peers.Count > 0 ? $"⇄{Peers.Count}" : "";

    public static PanelSection SectionOf(PodRowStatus status) => status switch
    {
        PodRowStatus.LiveIdle => PanelSection.Pending,
        PodRowStatus.LiveRunning or PodRowStatus.LivePaused or PodRowStatus.LiveUnknown or PodRowStatus.LiveUnreachable => PanelSection.Working,
        _ => PanelSection.Closed,
    };

    /// <param name="leftBehind">The daemon's pid file is there but no daemon holds the lock (<see cref="DaemonLock.LeftBehind"/>).</param>
    public static PodRowStatus StatusOf(bool reachable, PodStatus? status, bool restorable, bool daemonRunning = false, bool leftBehind = false) => !reachable
        ? daemonRunning ? PodRowStatus.LiveUnreachable : !restorable ? PodRowStatus.Unrestorable : leftBehind ? PodRowStatus.Crashed : PodRowStatus.Stopped
        : status switch
        {
            PodStatus.Idle => PodRowStatus.LiveIdle,
            PodStatus.Running => PodRowStatus.LiveRunning,
            PodStatus.Paused => PodRowStatus.LivePaused,
            _ => PodRowStatus.LiveUnknown,
        };
}
