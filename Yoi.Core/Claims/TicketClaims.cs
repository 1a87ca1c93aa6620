using System.Text;
using System.Text.Json;
using Yoi.Core.Registry;
using Yoi.Core.Storage;

namespace Yoi.Core.Claims;

/// <summary>
/// Ticket claims of one workspace (<c>ticket-claims/&lt;ID&gt;.json</c>). A claim is created by create-if-absent
/// (temp + hard link), so exactly one of any number of racing claimers wins and readers never see a partial
/// file. Claim, release and reclaim hold the registry lock and append one history line each; release and
/// reclaim check the generation the caller saw.
/// </summary>
public sealed class TicketClaims(RegistryLocation location, TimeProvider time, string? claimedBy = null)
{
    private readonly string _by = claimedBy ?? RegistryClock.ProcessIdentity();

    /// <summary>
    /// Claiming waits longer for the registry lock than other updates: many claimers may start at once, and the
    /// claim (create-if-absent + history line) must not fail just because others queue for the same short lock.
    /// </summary>
    public static readonly TimeSpan ClaimLockBudget = TimeSpan.FromSeconds(10);

    public RegistryLocation Location => location;

    /// <summary>The clock claims are stamped with.</summary>
    public TimeProvider Time => time;
    public ClaimHistory History { get; } = new(location.HistoryFile);

    /// <summary>
    /// Claims <paramref name="ticketId"/> for the Pod and role. Returns Claimed, AlreadyOwned (same Pod and role)
    /// or OwnedByOther with the owner's claim. Throws <see cref="RegistryException"/> when the existing claim is corrupt.
    /// </summary>
    public ClaimOutcome Claim(string ticketId, string? ticketSlug, string podName, string role)
    {
        ValidateTicketId(ticketId);
        Paths.PodName.Validate(podName);
        ValidateRole(role);
        var claim = new TicketClaim
        {
            TicketId = ticketId,
            TicketSlug = string.IsNullOrEmpty(ticketSlug) ? null : ticketSlug,
            PodName = podName,
            Role = role,
            Generation = 1,
            ClaimedAt = RegistryClock.Now(time),
            ClaimedBy = _by,
        };
        var path = location.ClaimPath(ticketId);
        if (Get(ticketId) is not { } existing)
        {
            var line = ClaimHistory.Line(Entry(ClaimAction.Claim, claim));
            // The lock is held only for a stat, a link and one write: the temp file is written and fsynced before it,
            // and the directory and history fsyncs happen after it (still before success is reported). Many claimers
            // on a loaded machine otherwise queue behind each other's disk waits past the lock budget.
            using var prepared = AtomicFile.Prepare(path, Serialize(claim), CrashPoint.ClaimAfterTemp, FaultPoint.ClaimWrite);
            TicketClaim? owner = null;
            using (RegistryLock.Take(location, ClaimLockBudget))
            {
                if (prepared.LinkIfAbsent(syncDirectory: false))
                {
                    CrashPoint.Hit(CrashPoint.ClaimAfterLink);
                    try { History.AppendLineUnsynced(line); }
                    catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
                    {
                        File.Delete(path); // no claim without its history line (a full disk fails the whole claim)
                        throw;
                    }
                }
                else owner = Require(ticketId); // under the lock: a release cannot slip in between
            }
            if (owner is null)
            {
                prepared.SyncDirectory();
                History.Sync();
                return new ClaimOutcome.Claimed(claim);
            }
            existing = owner;
        }
        return existing.IsOwnedBy(podName, role)
            ? new ClaimOutcome.AlreadyOwned(existing)
            : new ClaimOutcome.OwnedByOther(existing);
    }

    /// <summary>The claim file of a Ticket, or null when there is none. A corrupt file is returned with its problem.</summary>
    public ClaimFile? Find(string ticketId)
    {
        ValidateTicketId(ticketId);
        return ReadFile(location.ClaimPath(ticketId));
    }

    /// <summary>The claim of a Ticket, null when none; throws <see cref="RegistryException"/> when it is corrupt.</summary>
    public TicketClaim? Get(string ticketId) => Find(ticketId) switch
    {
        null => null,
        { Claim: { } claim } => claim,
        var corrupt => throw new RegistryException(corrupt.Path, corrupt.Problem!, ReleaseHint(ticketId)),
    };

    /// <summary>Every claim file (temp files ignored), sorted by Ticket id; corrupt files are listed with their problem.</summary>
    public IReadOnlyList<ClaimFile> List()
    {
        if (!Directory.Exists(location.ClaimsDir)) return [];
        return Directory.EnumerateFiles(location.ClaimsDir, "*.json")
            .Where(p => !AtomicFile.IsTempFileName(System.IO.Path.GetFileName(p)))
            .Select(ReadFile)
            .OfType<ClaimFile>()
            .OrderBy(f => f.TicketId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Deletes the claim if it still has <paramref name="expectedGeneration"/>, and appends a history line.
    /// Liveness policy lives in <see cref="ClaimService"/>; this is the storage step.
    /// </summary>
    public TicketClaim Release(string ticketId, long expectedGeneration, string? reason = null)
    {
        ValidateTicketId(ticketId);
        using var held = RegistryLock.Take(location);
        var current = CurrentUnderLock(ticketId, expectedGeneration);
        // History first: when it cannot be written (a full disk) the claim stays, instead of vanishing without a line.
        History.Append(Entry(ClaimAction.Release, current) with { Reason = reason });
        File.Delete(location.ClaimPath(ticketId));
        Interop.Libc.FsyncDirectory(location.ClaimsDir);
        return current;
    }

    /// <summary>
    /// Replaces the claim for a new owner if it still has <paramref name="expectedGeneration"/>: generation + 1,
    /// written atomically, plus a history line naming the previous owner.
    /// </summary>
    public TicketClaim Reclaim(string ticketId, long expectedGeneration, string newPodName, string newRole, string? reason = null)
    {
        ValidateTicketId(ticketId);
        Paths.PodName.Validate(newPodName);
        ValidateRole(newRole);
        using var held = RegistryLock.Take(location);
        var current = CurrentUnderLock(ticketId, expectedGeneration);
        var replacement = current with
        {
            PodName = newPodName,
            Role = newRole,
            Generation = current.Generation + 1,
            ClaimedAt = RegistryClock.Now(time),
            ClaimedBy = _by,
        };
        using var previous = FileSnapshot.Take(location.ClaimPath(ticketId));
        AtomicFile.WriteAllBytes(location.ClaimPath(ticketId), Serialize(replacement), faultPoint: FaultPoint.ClaimWrite);
        History.Append(Entry(ClaimAction.Reclaim, replacement) with
        {
            PreviousPodName = current.PodName,
            PreviousGeneration = current.Generation,
            Reason = reason,
        });
        previous.Commit();
        return replacement;
    }

    /// <summary>
    /// Removes a claim file that cannot be parsed (only while it is still unparsable), with a history line.
    /// Returns false when the file is gone or has become a valid claim meanwhile.
    /// </summary>
    public bool ReleaseCorrupt(string ticketId, string reason)
    {
        ValidateTicketId(ticketId);
        using var held = RegistryLock.Take(location);
        if (Find(ticketId) is not { IsCorrupt: true }) return false;
        File.Delete(location.ClaimPath(ticketId));
        Interop.Libc.FsyncDirectory(location.ClaimsDir);
        History.Append(new ClaimHistoryEntry
        {
            At = RegistryClock.Now(time),
            Action = ClaimAction.Release,
            TicketId = ticketId,
            PodName = "",
            Role = "",
            Generation = 0,
            By = _by,
            Reason = reason,
        });
        return true;
    }

    /// <summary>Null when the id can be used, else why not.</summary>
    public static string? TicketIdProblem(string? ticketId)
    {
        if (string.IsNullOrWhiteSpace(ticketId)) return "ticket id is empty";
        if (ticketId.Length > 200) return "ticket id is longer than 200 characters";
        if (ticketId.Any(char.IsControl)) return "ticket id contains a control character";
        return null;
    }

    private static void ValidateTicketId(string ticketId)
    {
        if (TicketIdProblem(ticketId) is { } problem) throw new ArgumentException($"{problem}; pass the Ticket's id, e.g. 00001KV09WYC6");
    }

    private static void ValidateRole(string role)
    {
        if (string.IsNullOrWhiteSpace(role) || role.Any(char.IsControl))
            throw new ArgumentException($"role `{role}` is empty or contains a control character; pass a role such as intake");
    }

    private TicketClaim CurrentUnderLock(string ticketId, long expectedGeneration)
    {
        var current = Find(ticketId) switch
        {
            null => throw new ClaimOperationException(ClaimFailure.NotFound,
                $"Ticket {ticketId} has no local claim (it may have been released concurrently); run `yoi claim list`"),
            { Claim: { } claim } => claim,
            var corrupt => throw new ClaimOperationException(ClaimFailure.Corrupt,
                $"claim file {corrupt.Path} is unusable: {corrupt.Problem}; {ReleaseHint(ticketId)}"),
        };
        RequireGeneration(current, expectedGeneration);
        return current;
    }

    /// <summary>Refuses a change decided on another generation of the claim than the one now on disk.</summary>
    internal static void RequireGeneration(TicketClaim current, long expectedGeneration)
    {
        if (current.Generation != expectedGeneration)
            throw new ClaimOperationException(ClaimFailure.ChangedConcurrently,
                $"claim changed concurrently: Ticket {current.TicketId} is now generation {current.Generation} owned by {current.PodName} " +
                $"(expected generation {expectedGeneration}); run `yoi claim list` and decide again");
    }

    /// <summary>
    /// Records in the history that the owner launched on a claim it already held (for example after a reclaim to
    /// the same Pod name), so the history reads claim → reclaim → claim.
    /// </summary>
    public void NoteOwnerLaunch(TicketClaim claim, string reason) =>
        History.Append(Entry(ClaimAction.Claim, claim) with { Reason = reason });

    private ClaimHistoryEntry Entry(ClaimAction action, TicketClaim claim) => new()
    {
        At = RegistryClock.Now(time),
        Action = action,
        TicketId = claim.TicketId,
        PodName = claim.PodName,
        Role = claim.Role,
        Generation = claim.Generation,
        By = _by,
    };

    private TicketClaim Require(string ticketId) =>
        Get(ticketId) ?? throw new ClaimOperationException(ClaimFailure.ChangedConcurrently,
            $"claim changed concurrently: Ticket {ticketId}'s claim was released while claiming it; retry");

    private static string ReleaseHint(string ticketId) =>
        $"inspect it, then `yoi claim release {ticketId} --force` removes it";

    private static byte[] Serialize(TicketClaim claim) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(claim, RolesJsonFiles.Pretty.TicketClaim) + "\n");

    private static ClaimFile? ReadFile(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return new ClaimFile(path, null, ex.Message); }
        try
        {
            var claim = JsonSerializer.Deserialize(bytes, RolesJsonFiles.Pretty.TicketClaim);
            return claim is null
                ? new ClaimFile(path, null, "the file holds `null`")
                : new ClaimFile(path, claim, null);
        }
        catch (JsonException ex)
        {
            return new ClaimFile(path, null, RoleSessionRegistry.OneLine(ex.Message));
        }
    }
}
