using Yoi.Core.Claims;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>Compact Ticket state labels for the state column.</summary>
public static class PanelStates
{
    public static string Compact(TicketState state) => state switch
    {
        TicketState.Planning => "plan",
        TicketState.Ready => "ready",
        TicketState.Queued => "q",
        TicketState.InProgress => "prog",
        TicketState.Done => "done",
        _ => "cls",
    };
}

/// <summary>Claim status labels with the stale reason, reusing <see cref="ClaimStatus"/> from Roles.</summary>
public static class PanelClaims
{
    public static string Label(ClaimStatus status) => status.Reason switch
    {
        StaleReason.NoMetadata => "stale (no pod metadata)",
        StaleReason.MetadataCorrupt => "stale (metadata corrupt)",
        StaleReason.OtherWorkspace => "stale (belongs to another workspace)",
        _ => status.Label,
    };
}
