using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>Why a row is in "Needs you", in the group's order: unseen finished turns, errors, stale claims, Tickets awaiting Close.</summary>
public enum NeedsYouReason { TurnDoneUnseen, TurnErrored, StaleClaim, AwaitingClose }

/// <summary>
/// A "Needs you" entry for <see cref="Target"/>: a Pod row (listed in its own section too) or a Ticket row (listed only here),
/// with the reason in words and when it happened (<see cref="Since"/>, ISO 8601, null when unknown). Enter acts on
/// the target.
/// </summary>
public sealed record NeedsYouRow(PanelRow Target, NeedsYouReason Reason, string Why, string? Since) : PanelRow(PanelRowKey.NeedsYou(Target.Key))
{
    public override PanelAction Action => Target.Action;

    /// <summary>The short label of the state column: <c>done · unseen</c>, <c>error</c>, <c>stale claim</c>, <c>close?</c>.</summary>
    public string Label => Reason switch
    {
        NeedsYouReason.TurnDoneUnseen => "done · unseen",
        NeedsYouReason.TurnErrored => "error",
        NeedsYouReason.StaleClaim => "stale claim",
        _ => "close?",
    };
}

/// <summary>Derives the "Needs you" group from the rows already built (no extra I/O).</summary>
public static class NeedsYou
{
    public static IReadOnlyList<NeedsYouRow> Derive(IEnumerable<TicketRow> tickets, IEnumerable<PodRow> pods)
    {
        var rows = new List<NeedsYouRow>();
        foreach (var pod in pods)
        {
            if (pod.Attention is not { } attention) continue;
            rows.Add(attention.Errored
                ? new NeedsYouRow(pod, NeedsYouReason.TurnErrored, "turn failed: " + (attention.Error ?? "no message"), attention.EndedAt)
                : new NeedsYouRow(pod, NeedsYouReason.TurnDoneUnseen, "turn finished; not looked at since", attention.EndedAt));
        }
        foreach (var ticket in tickets)
        {
            if (ticket.Claim is { IsStale: true } claim)
                rows.Add(new NeedsYouRow(ticket, NeedsYouReason.StaleClaim,
                    $"claim by {claim.PodName} is {claim.StatusLabel}; Ctrl+R reclaims", ticket.UpdatedAt));
            else if (ticket is { State: TicketState.Done, Overlay: null })
                rows.Add(new NeedsYouRow(ticket, NeedsYouReason.AwaitingClose, "done; Enter closes it", ticket.UpdatedAt));
        }
        rows.Sort((a, b) =>
        {
            var c = a.Reason.CompareTo(b.Reason);
            return c != 0 ? c : string.CompareOrdinal(b.Since, a.Since);
        });
        return rows;
    }
}
