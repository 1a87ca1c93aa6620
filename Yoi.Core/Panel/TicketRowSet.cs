using Yoi.Core.Launch;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>An open Ticket's row followed by its Intake children, as the list shows them.</summary>
internal sealed record TicketEntry(TicketRow Row, IReadOnlyList<IntakeChildRow> Children);

/// <summary>
/// The panel's Ticket rows kept between reloads and patched, not re-derived: a reload hands over the records its
/// <see cref="TicketCache"/> re-read (<see cref="Apply"/>) and this reload's claims, Intake sessions and overlay
/// (<see cref="Refresh"/>); only the rows whose inputs changed are derived again — the changed Tickets, the Tickets
/// related to them (their gates and notices read the changed state), and the Tickets whose claim, sessions, Pod
/// status or overlay differ from the previous reload — and moved to their place in the sorted lists by binary
/// search. The relation index is patched the same way. <see cref="Reset"/> derives everything (first load, Ticket
/// root moved); an incremental sequence gives exactly the rows a <see cref="Reset"/> gives (property test).
/// Not thread-safe (one reload at a time, like <see cref="PanelLoader"/>).
/// </summary>
internal sealed class TicketRowSet
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly List<TicketEntry> _open = [];
    private readonly List<TicketRow> _closed = [];
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private Dictionary<string, TicketRowContext> _contexts = new(StringComparer.Ordinal);
    private RelationIndex _relations = RelationIndex.From([]);
    private bool _all = true;

    /// <summary>Open Tickets in display order: priority, newest <c>updated_at</c>, title, id.</summary>
    public IReadOnlyList<TicketEntry> Open => _open;

    /// <summary>Closed Tickets, newest <c>updated_at</c> first, then id.</summary>
    public IReadOnlyList<TicketRow> Closed => _closed;

    /// <summary>The invalid placeholders of the last load, in record directory order.</summary>
    public IReadOnlyList<InvalidTicketRecord> Invalid { get; private set; } = [];

    public RelationIndex Relations => _relations;

    /// <summary>The open Ticket <paramref name="id"/>'s entry (null when it is closed or unknown).</summary>
    public TicketEntry? OpenEntry(string id) => _slots.GetValueOrDefault(id)?.Entry;

    /// <summary>Starts over from <paramref name="listing"/>: every row is derived at the next <see cref="Refresh"/>.</summary>
    public void Reset(TicketSummaryListing listing)
    {
        _slots.Clear();
        _open.Clear();
        _closed.Clear();
        _dirty.Clear();
        foreach (var summary in listing.Summaries) _slots[summary.Id] = new Slot(summary);
        _relations = RelationIndex.From(listing.Summaries);
        Invalid = listing.Invalid;
        _all = true;
    }

    /// <summary>Takes over re-read records (<see cref="TicketChange.Now"/> null: gone or unreadable) and the current placeholders.</summary>
    public void Apply(IReadOnlyList<TicketChange> changes, IReadOnlyList<InvalidTicketRecord> invalid)
    {
        Invalid = invalid;
        foreach (var change in changes)
        {
            var id = change.Id;
            foreach (var neighbor in _relations.Neighbors(id)) _dirty.Add(neighbor);
            _relations.Replace(id, change.Now);
            foreach (var neighbor in _relations.Neighbors(id)) _dirty.Add(neighbor);
            _dirty.Add(id);
            if (_slots.TryGetValue(id, out var slot))
            {
                Unlist(slot);
                if (change.Now is null) _slots.Remove(id);
                else slot.Summary = change.Now;
            }
            else if (change.Now is not null) _slots[id] = new Slot(change.Now);
        }
    }

    /// <summary>Derives the rows whose inputs changed since the last refresh, given this reload's contexts by Ticket id.</summary>
    public void Refresh(Dictionary<string, TicketRowContext> contexts)
    {
        if (_all)
        {
            _open.Clear();
            _closed.Clear();
            foreach (var slot in _slots.Values)
            {
                Derive(slot, contexts.GetValueOrDefault(slot.Summary.Id) ?? TicketRowContext.None);
                if (slot.Entry is not null) _open.Add(slot.Entry);
                else _closed.Add(slot.Closed!);
            }
            _open.Sort(OpenOrder);
            _closed.Sort(ClosedOrder);
            _all = false;
        }
        else
        {
            foreach (var (id, context) in contexts)
                if (!_contexts.TryGetValue(id, out var before) || !before.SameAs(context)) _dirty.Add(id);
            foreach (var id in _contexts.Keys)
                if (!contexts.ContainsKey(id)) _dirty.Add(id);
            foreach (var id in _dirty)
            {
                if (!_slots.TryGetValue(id, out var slot)) continue;
                Unlist(slot);
                Derive(slot, contexts.GetValueOrDefault(id) ?? TicketRowContext.None);
                if (slot.Entry is { } entry) _open.Insert(~_open.BinarySearch(entry, OpenOrder), entry);
                else _closed.Insert(~_closed.BinarySearch(slot.Closed!, ClosedOrder), slot.Closed!);
            }
        }
        _dirty.Clear();
        _contexts = contexts;
    }

    private void Unlist(Slot slot)
    {
        if (slot.Entry is { } entry) _open.RemoveAt(_open.BinarySearch(entry, OpenOrder));
        else if (slot.Closed is { } closed) _closed.RemoveAt(_closed.BinarySearch(closed, ClosedOrder));
        slot.Entry = null;
        slot.Closed = null;
    }

    private void Derive(Slot slot, TicketRowContext context)
    {
        var record = slot.Summary;
        var latest = record.LatestEvent;
        if (record.Meta.State == TicketState.Closed)
        {
            slot.Closed = TicketRowBuilder.Build(record, [], [], null, null, [], [], latest?.Kind, latest?.Excerpt);
            return;
        }
        IReadOnlyList<TicketBlocker> blockers = [];
        IReadOnlyList<string> notices = [];
        if (!_relations.IsUnrelated(record.Id))
        {
            var view = _relations.View(record.Id);
            blockers = view.Blockers;
            notices = view.Notices;
        }
        var claim = context.Claim;
        var children = new List<IntakeChildRow>();
        if (claim is { Status: { } claimStatus } && string.Equals(claim.Role, RoleLauncher.IntakeRole, StringComparison.OrdinalIgnoreCase))
            children.Add(Child(record.Id, claim.PodName, IntakeSource.Claim, claimStatus));
        foreach (var (pod, status) in context.SessionPods)
        {
            if (children.Count >= PanelModelBuilder.MaxIntakeChildren) break;
            if (children.Any(c => c.PodName == pod)) continue;
            children.Add(Child(record.Id, pod, IntakeSource.RelatedSession, status));
        }
        var intakePods = children.Select(c => c.PodName).ToList();
        var related = new List<string>();
        if (claim is { Status: not null }) related.Add(claim.PodName);
        related.AddRange(intakePods.Where(p => !related.Contains(p)));
        var row = TicketRowBuilder.Build(record, blockers, notices, context.Overlay, claim, intakePods, related, latest?.Kind, latest?.Excerpt);
        slot.Entry = new TicketEntry(row, children);
    }

    private static IntakeChildRow Child(string ticketId, string pod, IntakeSource source, Claims.ClaimStatus status) =>
        status.Kind == Claims.ClaimStatusKind.Stale
            ? new IntakeChildRow(ticketId, pod, source, status, "Associated Intake Pod is stale; no live or restorable Pod entry is available.",
                "Stale Intake claim/session; restore is unavailable")
            : new IntakeChildRow(ticketId, pod, source, status, null, "Open/attach this Ticket's Intake Pod");

    private static readonly Comparer<TicketEntry> OpenOrder = Comparer<TicketEntry>.Create((x, y) =>
    {
        TicketRow a = x.Row, b = y.Row;
        var c = a.Priority.CompareTo(b.Priority);
        if (c != 0) return c;
        c = string.CompareOrdinal(b.UpdatedAt, a.UpdatedAt);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Title, b.Title);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    });

    private static readonly Comparer<TicketRow> ClosedOrder = Comparer<TicketRow>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(b.UpdatedAt, a.UpdatedAt);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    });

    private sealed class Slot(TicketSummary summary)
    {
        public TicketSummary Summary { get; set; } = summary;

        /// <summary>The row in <see cref="_open"/> (open Ticket) — null until derived.</summary>
        public TicketEntry? Entry { get; set; }

        /// <summary>The row in <see cref="_closed"/> (closed Ticket) — null until derived.</summary>
        public TicketRow? Closed { get; set; }
    }
}
