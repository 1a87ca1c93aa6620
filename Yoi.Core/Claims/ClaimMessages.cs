namespace Yoi.Core.Claims;

/// <summary>User-facing claim texts (spec "Claim lifecycle", reference §2.15), kept in one place.</summary>
public static class ClaimMessages
{
    /// <summary><c>intake</c> → <c>Intake</c>; other roles are capitalised the same way.</summary>
    public static string RoleLabel(string role) =>
        role.Length == 0 ? "role" : char.ToUpperInvariant(role[0]) + role[1..];

    /// <summary>Why a new launch for the Ticket is refused, given the owner's claim and its derived status.</summary>
    public static string Refusal(TicketClaim owner, ClaimStatus status)
    {
        var role = RoleLabel(owner.Role);
        return status.Kind == ClaimStatusKind.Stale
            ? $"Ticket {owner.TicketId} has a stale local {role} claim for {owner.PodName} ({status.Explanation}); " +
              $"explicit reclaim is required before starting a replacement: `yoi claim reclaim {owner.TicketId} --pod <new pod>`."
            : $"Ticket {owner.TicketId} is already claimed by local {role} Pod {owner.PodName} ({status.Label}); " +
              $"open that Pod instead of starting a second {role}.";
    }

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
