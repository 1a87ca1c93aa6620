using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>
/// What a Ticket row needs besides the Ticket's own record: its local claim (with the claiming Pod's status), the
/// Intake sessions that name it (each Pod with its status, distinct, by name) and its orchestration overlay state.
/// Most Tickets have none of these; <see cref="Of"/> builds them only for the Tickets that do, so comparing one reload's
/// contexts with the previous one's costs the size of the registry and the overlay, not the number of Tickets.
/// </summary>
internal sealed class TicketRowContext
{
    public static readonly TicketRowContext None = new(null, [], null);

    public TicketRowContext(TicketClaimInfo? claim, IReadOnlyList<(string Pod, ClaimStatus Status)> sessionPods, TicketState? overlay)
    {
        Claim = claim;
        SessionPods = sessionPods;
        Overlay = overlay;
    }

    public TicketClaimInfo? Claim { get; }

    public IReadOnlyList<(string Pod, ClaimStatus Status)> SessionPods { get; }

    public TicketState? Overlay { get; }

    public bool SameAs(TicketRowContext other) =>
        Equals(Claim, other.Claim) && Overlay == other.Overlay && SessionPods.SequenceEqual(other.SessionPods);

    /// <summary>The contexts of one reload, by Ticket id (Tickets without claim, Intake session or overlay are absent).</summary>
    public static Dictionary<string, TicketRowContext> Of(RegistrySnapshot registry, IReadOnlyDictionary<string, TicketState> overlay,
        Func<string, ClaimStatus> podStatus)
    {
        var claims = new Dictionary<string, TicketClaimInfo>(StringComparer.Ordinal);
        foreach (var file in registry.Claims)
        {
            claims[file.TicketId] = file.Claim is { } c
                ? new TicketClaimInfo(c.PodName, c.Role, c.Generation, podStatus(c.PodName))
                : new TicketClaimInfo("?", "?", 0, null, file.Problem);
        }
        var sessions = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var session in registry.Sessions)
        {
            if (!string.Equals(session.Role, RoleLauncher.IntakeRole, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var related in session.RelatedTickets)
            {
                if (!sessions.TryGetValue(related.Id, out var pods)) sessions[related.Id] = pods = new SortedSet<string>(StringComparer.Ordinal);
                pods.Add(session.PodName);
            }
        }
        var contexts = new Dictionary<string, TicketRowContext>(StringComparer.Ordinal);
        foreach (var id in claims.Keys.Concat(sessions.Keys).Concat(overlay.Keys))
        {
            if (contexts.ContainsKey(id)) continue;
            IReadOnlyList<(string, ClaimStatus)> pods = sessions.TryGetValue(id, out var names) ? names.Select(p => (p, podStatus(p))).ToList() : [];
            contexts[id] = new TicketRowContext(claims.GetValueOrDefault(id), pods, overlay.TryGetValue(id, out var state) ? state : null);
        }
        return contexts;
    }
}
