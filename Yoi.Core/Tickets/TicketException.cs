namespace Yoi.Core.Tickets;

/// <summary>What went wrong, in the fixed categories the tolerant list redacts reasons to.</summary>
public enum TicketErrorKind
{
    Io,
    Schema,
    Identity,
    Locked,
    NotFound,
    Conflict,
    Invalid,
}

/// <summary>A Ticket operation failed; the message names the thing, the reason and (where useful) the next step.</summary>
public sealed class TicketException(TicketErrorKind kind, string message, Exception? inner = null)
    : YoiException(message, inner)
{
    public TicketErrorKind Kind { get; } = kind;

    /// <summary>The redacted, fixed-set reason shown in UIs (never the raw message).</summary>
    public string RedactedReason => Redact(Kind);

    public static string Redact(TicketErrorKind kind) => kind switch
    {
        TicketErrorKind.Io => "could not read ticket record",
        TicketErrorKind.Schema => "invalid ticket record schema",
        TicketErrorKind.Identity => "invalid ticket record identity",
        TicketErrorKind.Locked => "ticket backend is locked",
        TicketErrorKind.NotFound => "ticket record is missing",
        _ => "invalid ticket record metadata",
    };
}
