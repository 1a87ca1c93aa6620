namespace Yoi.Core.Claims;

/// <summary>
/// One Ticket claim (<c>ticket-claims/&lt;ID&gt;.json</c>); its existence is the claim. Generation starts at 1 and
/// grows by one on every reclaim. <c>claimed_by</c> is <c>pid@host</c> of the process that wrote it.
/// </summary>
public sealed record TicketClaim
{
    public required string TicketId { get; init; }
    public string? TicketSlug { get; init; }
    public required string PodName { get; init; }
    public required string Role { get; init; }
    private readonly long _generation = 1;

    /// <summary>Absent (or below 1) in claims written by the original; such a claim counts as generation 1.</summary>
    public long Generation { get => _generation; init => _generation = value < 1 ? 1 : value; }
    public string? ClaimedAt { get; init; }
    public string? ClaimedBy { get; init; }

    public bool IsOwnedBy(string podName, string role) => PodName == podName && Role == role;
}

/// <summary>The result of claiming a Ticket.</summary>
public abstract record ClaimOutcome(TicketClaim Claim)
{
    /// <summary>This call created the claim.</summary>
    public sealed record Claimed(TicketClaim Claim) : ClaimOutcome(Claim);

    /// <summary>The same Pod and role already held it; nothing changed.</summary>
    public sealed record AlreadyOwned(TicketClaim Claim) : ClaimOutcome(Claim);

    /// <summary>Another Pod or role holds it; <see cref="ClaimOutcome.Claim"/> is the owner's claim.</summary>
    public sealed record OwnedByOther(TicketClaim Claim) : ClaimOutcome(Claim);
}
