namespace Yoi.Core.Tickets;

/// <summary>
/// Relation views for many Tickets at once: the incoming relations are indexed by target once, so building the
/// view of every Ticket is linear instead of quadratic. <see cref="TicketRelations.View"/> uses it for one Ticket.
/// </summary>
public sealed class RelationIndex
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TicketRelation>> _all;
    private readonly IReadOnlyDictionary<string, TicketState> _states;
    private readonly Dictionary<string, List<TicketRelation>> _incoming = new(StringComparer.Ordinal);

    public RelationIndex(IReadOnlyDictionary<string, IReadOnlyList<TicketRelation>> all, IReadOnlyDictionary<string, TicketState> states)
    {
        _all = all;
        _states = states;
        foreach (var (owner, relations) in all)
            foreach (var r in relations)
            {
                if (r.Target == owner) continue;
                if (!_incoming.TryGetValue(r.Target, out var list)) _incoming[r.Target] = list = [];
                list.Add(r);
            }
    }

    /// <summary>Builds the index from loaded summaries (invalid records count as missing, so they block as planning).</summary>
    public static RelationIndex From(IReadOnlyList<TicketSummary> tickets) => new(
        tickets.ToDictionary(r => r.Id, r => r.Relations, StringComparer.Ordinal),
        tickets.ToDictionary(r => r.Id, r => r.Meta.State, StringComparer.Ordinal));

    /// <summary>True when no relation touches <paramref name="id"/> (the common case; the view is then empty).</summary>
    public bool IsUnrelated(string id) =>
        (!_all.TryGetValue(id, out var own) || own.Count == 0) && !_incoming.ContainsKey(id);

    public RelationView View(string id)
    {
        TicketState StateOf(string t) => _states.TryGetValue(t, out var s) ? s : TicketState.Planning;
        var outgoing = TicketRelations.Sorted(_all.TryGetValue(id, out var own) ? own : []).ToList();
        var incoming = (_incoming.TryGetValue(id, out var inc) ? inc : [])
            .Where(r => r.TicketId != id)
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.TicketId, StringComparer.Ordinal)
            .Select(r => new DerivedRelation(r.TicketId, TicketRelations.Inverse(r.Kind), r.Kind, r.Note, r.Author, r.At)).ToList();
        var blockers = new List<TicketBlocker>();
        var notices = new List<string>();
        foreach (var r in outgoing)
        {
            if (r.Kind == "depends_on" && !StateOf(r.Target).IsResolved()) blockers.Add(new(r.Target, "depends_on", StateOf(r.Target)));
            if (r.Kind == "supersedes") notices.Add($"ticket supersedes {r.Target}; verify replacement before routing");
            if (r.Kind == "duplicate_of") notices.Add($"ticket is duplicate of {r.Target}; avoid duplicate implementation");
        }
        foreach (var r in incoming)
        {
            if (r.Kind == "blocks" && !StateOf(r.Source).IsResolved()) blockers.Add(new(r.Source, "blocked_by", StateOf(r.Source)));
            if (r.Kind == "supersedes") notices.Add($"ticket is superseded by {r.Source}; verify the replacement before routing");
            if (r.Kind == "duplicate_of") notices.Add($"ticket has duplicate {r.Source}; avoid duplicate implementation");
        }
        return new RelationView(outgoing, incoming, blockers, notices);
    }
}
