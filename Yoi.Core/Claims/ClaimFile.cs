namespace Yoi.Core.Claims;

/// <summary>One claim file as read: the parsed claim, or the reason it could not be used.</summary>
public sealed record ClaimFile(string Path, TicketClaim? Claim, string? Problem)
{
    public bool IsCorrupt => Claim is null;

    /// <summary>The Ticket id from the claim, or decoded from the file name when the claim is corrupt.</summary>
    public string TicketId => Claim?.TicketId ?? DecodeFileName(System.IO.Path.GetFileNameWithoutExtension(Path));

    private static string DecodeFileName(string name)
    {
        try { return Uri.UnescapeDataString(name); }
        catch (UriFormatException) { return name; }
    }
}

public enum ClaimFailure
{
    /// <summary>No claim exists for the Ticket.</summary>
    NotFound,
    /// <summary>The claim's Pod is live, so it cannot be released or reclaimed.</summary>
    PodLive,
    /// <summary>The claim's Pod is restorable; reclaiming needs <c>--force</c>.</summary>
    NotStale,
    /// <summary>The claim changed (generation) between reading it and taking the lock.</summary>
    ChangedConcurrently,
    /// <summary>The claim file cannot be parsed.</summary>
    Corrupt,
    /// <summary>The claim was just taken and its Pod is being started right now (no metadata yet).</summary>
    Starting,
}

/// <summary>A refused release or reclaim, with a message naming the Ticket, the reason and the next step.</summary>
public sealed class ClaimOperationException(ClaimFailure failure, string message) : YoiException(message)
{
    public ClaimFailure Failure { get; } = failure;
}
