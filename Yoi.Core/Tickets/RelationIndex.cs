namespace Yoi.Core.Tickets;

/// <summary>
/// Relation views for many Tickets at once: the incoming relations are indexed by target once, so building the
/// view of every Ticket is linear instead of quadratic. <see cref="TicketRelations.View"/> uses it for one Ticket.
/// An index built by <see cref="From"/> owns its tables and can be patched one Ticket at a time
/// (<see cref="Replace"/>), which is how the panel keeps it between reloads.
/// </summary>
public sealed class RelationIndex
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TicketRelation>> _all;
    private readonly IReadOnlyDictionary<string, TicketState> _states;
    private readonly Dictionary<string, IReadOnlyList<TicketRelation>>? _ownAll;
    private readonly Dictionary<string, TicketState>? _ownStates;
    private readonly Dictionary<string, List<TicketRelation>> _incoming = new(StringComparer.Ordinal);

    public RelationIndex(IReadOnlyDictionary<string, IReadOnlyList<TicketRelation>> all, IReadOnlyDictionary<string, TicketState> states)
    {
        _all = all;
        _states = states;
        foreach (var (owner, relations) in all) AddIncoming(owner, relations);
    }

    private RelationIndex(Dictionary<string, IReadOnlyList<TicketRelation>> all, Dictionary<string, TicketState> states)
        : this((IReadOnlyDictionary<string, IReadOnlyList<TicketRelation>>)all, states)
    {
        _ownAll = all;
        _ownStates = states;
    }

    /// <summary>Builds the index from loaded summaries (invalid records count as missing, so they block as planning).</summary>
    public static RelationIndex From(IEnumerable<TicketSummary> tickets)
    {
        var all = new Dictionary<string, IReadOnlyList<TicketRelation>>(StringComparer.Ordinal);
        var states = new Dictionary<string, TicketState>(StringComparer.Ordinal);
        foreach (var t in tickets)
        {
            all[t.Id] = t.Relations;
            states[t.Id] = t.Meta.State;
        }
        return new RelationIndex(all, states);
    }

    /// <summary>True when no relation touches <paramref name="id"/> (the common case; the view is then empty).</summary>
    public bool IsUnrelated(string id) =>
        (!_all.TryGetValue(id, out var own) || own.Count == 0) && !_incoming.ContainsKey(id);

    /// <summary>
    /// The Tickets whose view depends on <paramref name="id"/>'s relations or state: the targets of its own relations and
    /// the owners of relations that name it (each at most once; <paramref name="id"/> itself is not included).
    /// </summary>
    public IEnumerable<string> Neighbors(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        if (_all.TryGetValue(id, out var own))
            foreach (var r in own)
                if (seen.Add(r.Target)) yield return r.Target;
        if (_incoming.TryGetValue(id, out var incoming))
            foreach (var r in incoming)
                if (seen.Add(r.TicketId)) yield return r.TicketId;
    }

    /// <summary>
    /// Replaces what the index knows of Ticket <paramref name="id"/> with <paramref name="now"/> (null: the Ticket is gone or
    /// unreadable, so it counts as missing). Only for an index built by <see cref="From"/>.
    /// </summary>
    public void Replace(string id, TicketSummary? now)
    {
        if (_ownAll is null || _ownStates is null) throw new InvalidOperationException("only an index built by RelationIndex.From can be patched");
        if (_ownAll.Remove(id, out var before))
            foreach (var r in before)
            {
                if (r.Target == id || !_incoming.TryGetValue(r.Target, out var list)) continue;
                list.Remove(r);
                if (list.Count == 0) _incoming.Remove(r.Target);
            }
        _ownStates.Remove(id);
        if (now is null) return;
        _ownAll[id] = now.Relations;
        _ownStates[id] = now.Meta.State;
        AddIncoming(id, now.Relations);
    }

    private void AddIncoming(string owner, IReadOnlyList<TicketRelation> relations)
    {
        foreach (var r in relations)
        {
            if (r.Target == owner) continue;
            if (!_incoming.TryGetValue(r.Target, out var list)) _incoming[r.Target] = list = [];
            list.Add(r);
        }
    }

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
