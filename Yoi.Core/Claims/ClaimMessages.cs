using Yoi.Core.Launch;

namespace Yoi.Core.Claims;

/// <summary>User-facing claim texts (spec "Claim lifecycle", docs/original-panel.md §2.15), kept in one place.</summary>
public static class ClaimMessages
{
    /// <summary><c>intake</c> → <c>Intake</c>; other roles are capitalised the same way.</summary>
    public static string RoleLabel(string role) =>
        role.Length == 0 ? "role" : char.ToUpperInvariant(role[0]) + role[1..];

    /// <summary>
    /// Why a new launch for the Ticket is refused, given the owner's claim and its derived status; <paramref name="starting"/>
    /// when the claim is fresh and its Pod has no metadata yet (another launch is under way, see ClaimService.IsStarting).
    /// </summary>
    public static string Refusal(TicketClaim owner, ClaimStatus status, bool starting = false)
    {
        var role = RoleLabel(owner.Role);
        if (starting) return Starting(owner);
        return status.Kind == ClaimStatusKind.Stale
            ? $"Ticket {owner.TicketId} has a stale local {role} claim for {owner.PodName} ({status.Explanation}); " +
              $"reclaim it and start a replacement with `{ReclaimCommand(owner)}`."
            : $"Ticket {owner.TicketId} is already claimed by local {role} Pod {owner.PodName} ({status.Label}); " +
              $"open that Pod instead of starting a second {role}.";
    }

    /// <summary>The claim was just taken by another launch whose Pod is coming up now.</summary>
    public static string Starting(TicketClaim owner) =>
        $"Ticket {owner.TicketId} is being started by {owner.PodName} right now (claimed at {owner.ClaimedAt}); " +
        "wait a few seconds, then open that Pod (`yoi attach " + owner.PodName + "` or Enter on its row in the panel).";

    /// <summary>The one command that reclaims a stale claim and launches its replacement (intake), or reclaims it (other roles).</summary>
    public static string ReclaimCommand(TicketClaim owner) =>
        owner.Role == RoleLauncher.IntakeRole ? $"yoi intake start {owner.TicketId} --reclaim" : $"yoi claim reclaim {owner.TicketId} --role {owner.Role} --pod <new pod>";

    public static string Claimed(TicketClaim claim) =>
        $"Claimed Ticket {claim.TicketId} for {claim.PodName} ({claim.Role}, generation {claim.Generation}).";

    public static string AlreadyOwned(TicketClaim claim) =>
        $"Ticket {claim.TicketId} is already claimed by {claim.PodName} ({claim.Role}, generation {claim.Generation}); nothing changed.";

    public static string Reclaimed(TicketClaim claim, string previousPod) =>
        $"Reclaimed Ticket {claim.TicketId} from {previousPod} for {claim.PodName} (generation {claim.Generation}).";

    public static string Released(TicketClaim claim) =>
        $"Released Ticket {claim.TicketId} (was claimed by {claim.PodName}, generation {claim.Generation}).";

    public static string NotFound(string ticketId) =>
        $"Ticket {ticketId} has no local claim; run `yoi claim list` to see the claims of this workspace.";

    public static string PodLive(TicketClaim claim, string action) =>
        $"Ticket {claim.TicketId} is claimed by {claim.PodName}, which is live; a live claim cannot be {action}. " +
        "Open that Pod, or stop it first.";

    public static string NotStale(TicketClaim claim) =>
        $"Ticket {claim.TicketId} is claimed by {claim.PodName}, which is restorable (its metadata is intact); " +
        "open that Pod to restore it, or pass --force to reclaim anyway.";

    public static string CorruptNeedsForce(ClaimFile file, string action) =>
        $"claim file {file.Path} is unusable: {file.Problem}; inspect it, then `yoi claim release {file.TicketId} --force` removes it" +
        (action == "released" ? "." : " before you claim again.");
}
