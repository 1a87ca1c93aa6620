using System.Globalization;
using Yoi.Core.Panel;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The short words the dense list shows for a Pod's state and for times (one name per concept; the help overlay
/// explains each): <c>idle</c>, <c>running 12m</c>, <c>paused</c>, <c>done · unseen</c>, <c>error</c>, <c>no status</c>,
/// <c>stopped</c>, <c>crashed</c>, <c>never ran</c>.
/// </summary>
public static class PanelWords
{
    public static string PodState(PodRow p, DateTimeOffset now) => p.Status switch
    {
        PodRowStatus.LiveRunning => p.RunningSince is { } since && Parse(since) is { } t ? $"running {Duration(now - t)}" : "running",
        PodRowStatus.LivePaused => "paused",
        PodRowStatus.LiveUnknown => "no status",
        PodRowStatus.LiveIdle when p.LastRun is { Errored: true } => "error",
        PodRowStatus.LiveIdle when p.Unseen => "done · unseen",
        PodRowStatus.LiveIdle => "idle",
        PodRowStatus.Stopped when p.LastRun is { Errored: true } => "stopped · error",
        PodRowStatus.Stopped => "stopped",
        PodRowStatus.Crashed => "crashed",
        _ => "never ran",
    };

    /// <summary>The first line of the last run's error when the row says <c>error</c>, else null.</summary>
    public static string? ErrorLine(PodRow p) =>
        p.LastRun is { Errored: true, Error: { Length: > 0 } error } && p.Status is PodRowStatus.LiveIdle or PodRowStatus.Stopped
            ? error.AsSpan().TrimStart().ToString().Split('\n', 2)[0].TrimEnd()
            : null;

    /// <summary>Every marker and word the rows show, with its meaning (the help overlay lists them).</summary>
    public static IReadOnlyList<(string Marker, string Meaning)> Markers { get; } =
    [
        ("▶", "the selected row; Enter, v, r and Delete act on it"),
        ("plan ready q", "Ticket state: planning, ready, queued"),
        ("prog done cls", "Ticket state: inprogress, done, closed; a→b: the orchestration worktree is ahead (b)"),
        ("clear wait N", "gate: nothing blocks queueing / N unresolved blockers (details pane lists them); ahead: orchestration is ahead"),
        ("live restorable", "the claiming Pod runs / is stopped and Enter restores it"),
        ("stale: gone", "the claim's Pod has no metadata (corrupt: unreadable; other ws: another workspace); Ctrl+R reclaims"),
        ("└", "an Intake Pod under its Ticket; a delegated child Pod under its parent Pod (and under the Ticket it claims)"),
        ("↑N ↓M +a −r", "a child's branch: N commits ahead of its base branch, M behind; a lines added, r removed (d diff, F finish)"),
        ("idle running 12m", "Pod waits for input / a turn runs, for 12 minutes so far"),
        ("done · unseen", "a turn finished since you last opened the Pod; opening it clears this"),
        ("error", "the last turn failed; the row shows the first line of the error, the details pane all of it"),
        ("crashed", "the Pod's process is gone without a clean stop (killed or crashed); Enter restores it"),
        ("stopped", "stopped cleanly; Enter restores it. paused: waits for you to resume. no status: did not answer in time"),
        ("close?", "a done Ticket awaiting Close (Enter asks y/n); stale claim: see above"),
        ("⇄N", "the Pod has N peers (Pods it may notify)"),
        ("✉N", "N notifications wait in the Pod's queue for its next turn"),
    ];

    /// <summary>The claim column: the claim status, shortened to fit (<c>live</c>, <c>restorable</c>, <c>stale: gone</c> = no Pod
    /// metadata, <c>stale: corrupt</c>, <c>stale: other ws</c>); the details pane has the full reason.</summary>
    public static string Claim(TicketClaimInfo claim) => claim.StatusLabel switch
    {
        "stale (no pod metadata)" => "stale: gone",
        "stale (metadata corrupt)" => "stale: corrupt",
        "stale (belongs to another workspace)" => "stale: other ws",
        var label => label,
    };

    /// <summary><c>&lt;1m</c>, <c>12m</c>, <c>3h05m</c>, <c>4d</c> (minute resolution: the panel redraws times once a minute).</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalSeconds < 60) return "<1m";
        if (span.TotalMinutes < 60) return $"{(int)span.TotalMinutes}m";
        if (span.TotalHours < 24) return $"{(int)span.TotalHours}h{span.Minutes:D2}m";
        return $"{(int)span.TotalDays}d";
    }

    /// <summary><c>12m ago</c> for an ISO 8601 time, or null when it does not parse.</summary>
    public static string? Ago(string? iso, DateTimeOffset now) => Parse(iso) is { } t ? Duration(now - t) + " ago" : null;

    public static DateTimeOffset? Parse(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
