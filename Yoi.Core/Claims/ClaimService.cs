namespace Yoi.Core.Claims;

/// <summary>A claim file with its derived status (null when the file is corrupt) and the Pod observation behind it.</summary>
public sealed record ClaimView(ClaimFile File, ClaimStatus? Status, PodObservation? Pod)
{
    public TicketClaim? Claim => File.Claim;
    public string TicketId => File.TicketId;
}

/// <summary>What a claim attempt decided: the outcome, plus the owner's status and refusal text when owned by another.</summary>
public sealed record ClaimDecision(ClaimOutcome Outcome, ClaimStatus? OwnerStatus, string? Refusal)
{
    public bool Proceed => Outcome is not ClaimOutcome.OwnedByOther;
}

/// <summary>
/// Claim policy on top of <see cref="TicketClaims"/>: derives statuses from an <see cref="IPodStatusSource"/>,
/// refuses launches with the owner and status, and guards release (never a live Pod) and reclaim (stale, or
/// restorable with force; never live). Storage-level generation checks make concurrent changes safe.
/// </summary>
public sealed class ClaimService(TicketClaims claims, IPodStatusSource pods)
{
    /// <summary>
    /// How long a claim whose Pod has no metadata yet counts as "being started right now" rather than stale: the launcher
    /// waits up to 20 s for the Pod to come up, plus a margin for a loaded machine.
    /// </summary>
    public static readonly TimeSpan StartWindow = TimeSpan.FromSeconds(30);

    public TicketClaims Claims => claims;

    /// <summary>
    /// True when another launch is under way: the claim's Pod has no metadata yet, the claim is younger than
    /// <see cref="StartWindow"/>, and the process that wrote it (<c>claimed_by</c> = pid@host) is another process on
    /// this host that is still running. A claim left by a crashed launcher, or by this very process, is plain stale.
    /// </summary>
    public bool IsStarting(TicketClaim claim, ClaimStatus status)
    {
        if (status.Reason != StaleReason.NoMetadata || claim.ClaimedBy is not { } by) return false;
        var at = by.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || by[(at + 1)..] != Environment.MachineName
            || !int.TryParse(by[..at], System.Globalization.CultureInfo.InvariantCulture, out var pid)
            || pid == Environment.ProcessId || !Interop.Libc.ProcessExists(pid)) return false;
        return Timestamps.Parse(claim.ClaimedAt) is { } claimedAt && claims.Time.GetUtcNow() - claimedAt < StartWindow;
    }

    /// <summary>Why a new launch for the Ticket is refused (<see cref="ClaimMessages.Refusal"/>), honest about a launch under way.</summary>
    public string Refusal(TicketClaim owner, ClaimStatus status) => ClaimMessages.Refusal(owner, status, IsStarting(owner, status));

    public ClaimStatus StatusOf(TicketClaim claim) =>
        ClaimStatusDeriver.Derive(pods.Observe(claim.PodName), claims.Location.WorkspaceRoot);

    public ClaimView View(ClaimFile file)
    {
        if (file.Claim is null) return new ClaimView(file, null, null);
        var pod = pods.Observe(file.Claim.PodName);
        return new ClaimView(file, ClaimStatusDeriver.Derive(pod, claims.Location.WorkspaceRoot), pod);
    }

    /// <summary>Every claim of the workspace with its derived status, sorted by Ticket id.</summary>
    public IReadOnlyList<ClaimView> List() => claims.List().Select(View).ToList();

    /// <summary>Claim-before-spawn step 1: claim, or refuse with the owner and its derived status.</summary>
    public ClaimDecision Claim(string ticketId, string? ticketSlug, string podName, string role)
    {
        var outcome = claims.Claim(ticketId, ticketSlug, podName, role);
        if (outcome is not ClaimOutcome.OwnedByOther other) return new ClaimDecision(outcome, null, null);
        var status = StatusOf(other.Claim);
        return new ClaimDecision(outcome, status, Refusal(other.Claim, status));
    }

    /// <summary>
    /// Gives the claim to <paramref name="newPodName"/> when its Pod is stale (restorable needs <paramref name="force"/>;
    /// live never). <paramref name="expectedGeneration"/> defaults to the generation read here.
    /// </summary>
    public (TicketClaim Previous, TicketClaim Current) Reclaim(string ticketId, string newPodName, string newRole,
        bool force, long? expectedGeneration = null)
    {
        var view = Require(ticketId, "reclaimed");
        var claim = view.Claim!;
        // A caller that names the generation it decided on hears first that the claim moved on, whatever its state now.
        if (expectedGeneration is { } expected) TicketClaims.RequireGeneration(claim, expected);
        if (view.Pod!.Live || view.Status!.Kind == ClaimStatusKind.Live)
            throw new ClaimOperationException(ClaimFailure.PodLive, ClaimMessages.PodLive(claim, "reclaimed"));
        if (IsStarting(claim, view.Status))
            throw new ClaimOperationException(ClaimFailure.Starting, ClaimMessages.Starting(claim));
        if (view.Status.Kind == ClaimStatusKind.Restorable && !force)
            throw new ClaimOperationException(ClaimFailure.NotStale, ClaimMessages.NotStale(claim));
        var reason = view.Status.Kind == ClaimStatusKind.Stale ? $"stale: {view.Status.ReasonCode}" : "forced: restorable";
        var current = claims.Reclaim(ticketId, expectedGeneration ?? claim.Generation, newPodName, newRole, reason);
        return (claim, current);
    }

    /// <summary>
    /// Removes a claim whose Pod is not live. A corrupt claim file is removed only with <paramref name="force"/>.
    /// Returns the released claim, or null for a removed corrupt file.
    /// </summary>
    public TicketClaim? Release(string ticketId, bool force, long? expectedGeneration = null)
    {
        var file = claims.Find(ticketId)
            ?? throw new ClaimOperationException(ClaimFailure.NotFound, ClaimMessages.NotFound(ticketId));
        if (file.Claim is null)
        {
            if (!force) throw new ClaimOperationException(ClaimFailure.Corrupt, ClaimMessages.CorruptNeedsForce(file, "released"));
            return claims.ReleaseCorrupt(ticketId, $"corrupt claim file removed: {file.Problem}")
                ? null
                : throw new ClaimOperationException(ClaimFailure.ChangedConcurrently,
                    $"claim changed concurrently: Ticket {ticketId}'s claim file was replaced or removed meanwhile; run `yoi claim list`");
        }
        if (expectedGeneration is { } expected) TicketClaims.RequireGeneration(file.Claim, expected);
        var view = View(file);
        if (view.Pod!.Live || view.Status!.Kind == ClaimStatusKind.Live)
            throw new ClaimOperationException(ClaimFailure.PodLive, ClaimMessages.PodLive(file.Claim, "released"));
        return claims.Release(ticketId, expectedGeneration ?? file.Claim.Generation, $"released while {view.Status.Label}");
    }

    private ClaimView Require(string ticketId, string action)
    {
        var file = claims.Find(ticketId)
            ?? throw new ClaimOperationException(ClaimFailure.NotFound, ClaimMessages.NotFound(ticketId));
        if (file.Claim is null) throw new ClaimOperationException(ClaimFailure.Corrupt, ClaimMessages.CorruptNeedsForce(file, action));
        return View(file);
    }
}
