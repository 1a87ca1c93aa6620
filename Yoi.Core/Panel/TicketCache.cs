using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>The tolerant listing of one reload plus how many records were parsed versus reused from the cache.</summary>
internal sealed record TicketLoad(TicketListing Listing, int Parsed, int Reused, bool Changed);

/// <summary>
/// Incremental tolerant list: keeps each record's load result with the stamps of the files it read and
/// re-parses a record only when a stamp changed (the store's <see cref="TicketStore.Stamp"/>/<see cref="TicketStore.LoadRecord"/>,
/// so there is one loader). Records that disappeared are dropped.
/// </summary>
internal sealed class TicketCache
{
    private Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private string? _root;
    private TicketListing? _last;

    public TicketLoad Load(TicketStore store)
    {
        if (_root != store.Root)
        {
            _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            _root = store.Root;
            _last = null;
        }
        var dirs = store.RecordDirectories();
        var next = new Dictionary<string, Entry>(dirs.Count, StringComparer.Ordinal);
        int parsed = 0, reused = 0;
        foreach (var dir in dirs)
        {
            var stamps = TicketStore.Stamp(dir);
            if (_entries.TryGetValue(dir, out var entry) && entry.Stamps == stamps)
            {
                reused++;
            }
            else
            {
                entry = new Entry(stamps, store.LoadRecord(dir));
                parsed++;
            }
            next[dir] = entry;
        }
        var changed = parsed > 0 || next.Count != _entries.Count || _last is null;
        _entries = next;
        if (changed)
        {
            var records = new List<TicketRecord>(next.Count);
            var invalid = new List<InvalidTicketRecord>();
            foreach (var dir in dirs)
            {
                var result = next[dir].Result;
                if (result.Record is not null) records.Add(result.Record);
                else invalid.Add(result.Invalid!);
            }
            _last = new TicketListing(records, invalid);
        }
        return new TicketLoad(_last!, parsed, reused, changed);
    }

    private sealed record Entry(RecordStamps Stamps, TicketLoadResult Result);
}
