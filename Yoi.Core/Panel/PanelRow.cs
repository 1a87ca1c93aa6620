using Yoi.Core.Claims;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>One row of the panel list. Every row but a section header can be selected.</summary>
public abstract record PanelRow(PanelRowKey Key)
{
    /// <summary>What Enter does on a blank composer (None: nothing inline).</summary>
    public abstract PanelAction Action { get; }

    public virtual bool Selectable => true;
}

/// <summary>A section header line (<c>--tickets N rows---</c>, <c>--pending---</c>, <c>--working---</c>, <c>--closed N total, +M hidden---</c>).</summary>
public sealed record SectionHeaderRow(PanelSection Section, string Label) : PanelRow(PanelRowKey.Section(Section))
{
    public override PanelAction Action => PanelAction.None;

    public override bool Selectable => false;
}

/// <summary>Row kind of a Ticket (docs/original-panel.md §2.8.3).</summary>
public enum TicketRowKind { Ticket, Planning, ActiveWork, Review }

/// <summary>Sort priority of a Ticket row: ready-to-queue first, then active work, then background.</summary>
public enum ActionPriority { ReadyForQueue = 0, ActiveWork = 1, Background = 2 }

/// <summary>
/// A Ticket's local claim with its derived status. <see cref="Status"/> is null when the claim file is corrupt
/// (<see cref="Problem"/> says why).
/// </summary>
public sealed record TicketClaimInfo(string PodName, string Role, long Generation, ClaimStatus? Status, string? Problem = null)
{
    /// <summary><c>live</c>, <c>restorable</c>, <c>stale (no pod metadata)</c>, <c>stale (metadata corrupt)</c>, <c>stale (belongs to another workspace)</c>, or <c>corrupt claim</c>.</summary>
    public string StatusLabel => Status is null ? "corrupt claim" : PanelClaims.Label(Status);

    public bool IsStale => Status is { Kind: ClaimStatusKind.Stale };

    public bool IsLiveOrRestorable => Status is { Kind: ClaimStatusKind.Live or ClaimStatusKind.Restorable };
}

/// <summary>
/// A Ticket (not closed) with everything derived for it: the state (and the orchestration overlay, when ahead),
/// kind, priority, action, gate (blocker list), disabled reason and hint, the claim, Intake Pods and latest event.
/// <see cref="ReclaimOffered"/> is true when the claim is stale: Ctrl+R reclaims and starts Intake.
/// </summary>
public sealed record TicketRow(
    string Id,
    string Title,
    TicketState State,
    TicketState? Overlay,
    TicketRowKind Kind,
    ActionPriority Priority,
    PanelAction TicketAction,
    string? Gate,
    string? DisabledReason,
    string? Hint,
    IReadOnlyList<TicketBlocker> Blockers,
    IReadOnlyList<string> RelationNotices,
    TicketClaimInfo? Claim,
    IReadOnlyList<string> IntakePods,
    IReadOnlyList<string> RelatedPods,
    string? LatestEventKind,
    string? LatestExcerpt,
    string UpdatedAt) : PanelRow(PanelRowKey.Ticket(Id))
{
    public override PanelAction Action => TicketAction;

    /// <summary>The action column: the action label, or "queue disabled" when blockers hold a Wait.</summary>
    public string ActionLabel => TicketAction == PanelAction.Wait && Gate is not null ? PanelActionLabels.QueueDisabledLabel : TicketAction.Label();

    /// <summary>Compact state: plan, ready, q, prog, done, cls; with an overlay ahead, <c>local→overlay</c>.</summary>
    public string StateLabel => Overlay is { } o ? $"{PanelStates.Compact(State)}→{PanelStates.Compact(o)}" : PanelStates.Compact(State);

    public bool ReclaimOffered => Claim is { IsStale: true };

    /// <summary>"&lt;ID&gt; · &lt;state&gt;", then "claim: P (status)", "pods: a, b", "latest: excerpt" (docs/original-panel.md §2.8.7).</summary>
    public string Subtitle
    {
        get
        {
            var parts = new List<string> { $"{Id} · {StateLabel}" };
            if (Claim is not null) parts.Add($"claim: {Claim.PodName} ({Claim.StatusLabel})");
            if (RelatedPods.Count > 0) parts.Add($"pods: {string.Join(", ", RelatedPods)}");
            if (LatestExcerpt is { Length: > 0 }) parts.Add($"latest: {LatestExcerpt}");
            return string.Join("  ", parts);
        }
    }
}

/// <summary>Where an Intake child row came from: the Ticket's claim, or a role session that names the Ticket.</summary>
public enum IntakeSource { Claim, RelatedSession }

/// <summary>An Intake Pod shown under its Ticket (claim first, then related sessions, at most 3).</summary>
public sealed record IntakeChildRow(string TicketId, string PodName, IntakeSource Source, ClaimStatus Status, string? DisabledReason, string Hint)
    : PanelRow(PanelRowKey.Intake(TicketId, PodName))
{
    public override PanelAction Action => Status.Kind == ClaimStatusKind.Stale ? PanelAction.None : PanelAction.Open;

    public string Title => $"Intake Pod: {PodName}";

    public string StatusLabel => PanelClaims.Label(Status);

    public string Subtitle => $"Ticket {TicketId} · {(Source == IntakeSource.Claim ? "local claim" : "related session")} · {StatusLabel}";
}

/// <summary>A record that could not be loaded: diagnostics only, no actions (docs/original-panel.md §2.8.6).</summary>
public sealed record InvalidTicketRow(string Label, string Reason) : PanelRow(PanelRowKey.Invalid(Label))
{
    public const string DisabledText = "Invalid Ticket record is diagnostics-only; lifecycle actions are disabled.";
    public const string HintText = "Actions unavailable until the Ticket record is repaired manually.";

    public override PanelAction Action => PanelAction.None;

    public string Title => $"Invalid Ticket record: {Label}";

    public static string StatusLabel => "invalid";
}
