using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>
/// The summary listing of one reload, how many records were read versus reused from the cache, and which records were
/// re-read or went away (<see cref="Changes"/>; null when everything is new: the first load or a moved Ticket root).
/// </summary>
internal sealed record TicketLoad(TicketSummaryListing Listing, int Parsed, int Reused, bool Changed, IReadOnlyList<TicketChange>? Changes);

/// <summary>A record directory (by name, which is the Ticket id) that was re-read: its summary now, or null when it is gone or invalid.</summary>
internal sealed record TicketChange(string Id, TicketSummary? Now);

/// <summary>
/// The panel's Ticket cache: one <see cref="TicketSummary"/> (or invalid placeholder) per record directory, never the
/// full record. <see cref="Load"/> is the full stamp pass (enumerate the root, <see cref="TicketStore.Stamp"/> every
/// record, re-read those whose stamps changed); <see cref="LoadChanged"/> re-reads only the records a watcher reported
/// (and re-enumerates the root only when a direct child changed). Re-reads go through the one
/// <see cref="TicketRecordReader"/> with the cached summary, so unchanged files of a changed record are not parsed again.
/// Entries are kept in directory order in an array (patched in place), so a reload that re-read one record does not
/// look every record up again to build its listing.
/// </summary>
internal sealed class TicketCache
{
    private const int ParallelThreshold = 64;

    private Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _dirs = [];
    private Entry[] _entries = [];
    private string? _root;
    private TicketSummaryListing? _last;

    /// <summary>Full stamp pass over every record directory.</summary>
    public TicketLoad Load(TicketStore store)
    {
        Reset(store);
        var reader = store.Reader();
        var dirs = store.RecordDirectories();
        var results = new Entry?[dirs.Count];
        Entry? Previous(string dir) => _index.TryGetValue(dir, out var i) ? _entries[i] : null;
        // Stamps and reads are independent per record and the reader is immutable: both use every core. A record not
        // in the cache is read at once (its stamps come from the read), without a stat pass first.
        void StampOne(int i)
        {
            if (Previous(dirs[i]) is { } entry && entry.Stamps == TicketStore.Stamp(dirs[i])) results[i] = entry;
        }
        if (dirs.Count >= ParallelThreshold) Parallel.For(0, dirs.Count, StampOne);
        else for (var i = 0; i < dirs.Count; i++) StampOne(i);
        var toRead = new List<int>();
        for (var i = 0; i < dirs.Count; i++)
            if (results[i] is null) toRead.Add(i);
        if (toRead.Count >= ParallelThreshold)
            Parallel.ForEach(toRead, i => results[i] = Read(reader, dirs[i], Previous(dirs[i])));
        else
            foreach (var i in toRead) results[i] = Read(reader, dirs[i], Previous(dirs[i]));
        var first = _last is null;
        var changes = new List<TicketChange>(toRead.Count);
        foreach (var i in toRead) changes.Add(Change(dirs[i], results[i]!));
        var next = Index(dirs);
        foreach (var dir in _dirs)
            if (!next.ContainsKey(dir)) changes.Add(new TicketChange(Path.GetFileName(dir), null));
        var changed = first || changes.Count > 0;
        _entries = results!;
        _dirs = dirs;
        _index = next;
        return Finish(toRead.Count, dirs.Count - toRead.Count, changed, first ? null : changes);
    }

    /// <summary>Re-reads only <paramref name="names"/> (record directory names); re-enumerates the root when <paramref name="listing"/>.</summary>
    public TicketLoad LoadChanged(TicketStore store, IReadOnlySet<string> names, bool listing)
    {
        if (_root != store.Root || _last is null) return Load(store);
        if (names.Count == 0 && !listing) return new TicketLoad(_last, 0, _entries.Length, false, []);
        var reader = store.Reader();
        var changes = new List<TicketChange>();
        if (listing || names.Any(n => !_index.ContainsKey(Path.Combine(store.Root, n))))
        {
            var dirs = store.RecordDirectories();
            var next = Index(dirs);
            var entries = new Entry[dirs.Count];
            for (var i = 0; i < dirs.Count; i++)
            {
                var dir = dirs[i];
                var known = _index.TryGetValue(dir, out var at);
                if (!known || names.Contains(Path.GetFileName(dir)))
                {
                    entries[i] = Read(reader, dir, known ? _entries[at] : null);
                    changes.Add(Change(dir, entries[i]));
                }
                else entries[i] = _entries[at];
            }
            foreach (var dir in _dirs)
                if (!next.ContainsKey(dir)) changes.Add(new TicketChange(Path.GetFileName(dir), null));
            _entries = entries;
            _dirs = dirs;
            _index = next;
        }
        else
        {
            foreach (var name in names)
            {
                var dir = Path.Combine(store.Root, name);
                var at = _index[dir];
                _entries[at] = Read(reader, dir, _entries[at]);
                changes.Add(Change(dir, _entries[at]));
            }
        }
        return Finish(changes.Count, _entries.Length - changes.Count, true, changes);
    }

    private void Reset(TicketStore store)
    {
        if (_root == store.Root) return;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _entries = [];
        _dirs = [];
        _root = store.Root;
        _last = null;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> dirs)
    {
        var index = new Dictionary<string, int>(dirs.Count, StringComparer.Ordinal);
        for (var i = 0; i < dirs.Count; i++) index[dirs[i]] = i;
        return index;
    }

    private static TicketChange Change(string dir, Entry entry) => new(Path.GetFileName(dir), entry.Result.Summary);

    private static Entry Read(TicketRecordReader reader, string dir, Entry? previous)
    {
        var result = reader.Summary(dir, previous?.Result.Summary);
        // A summary's stamps come from the files it read; a placeholder's from a stat pass (equal when nothing changed).
        return new Entry(result.Summary?.Stamps ?? TicketStore.Stamp(dir), result);
    }

    private TicketLoad Finish(int parsed, int reused, bool changed, IReadOnlyList<TicketChange>? changes)
    {
        if (changed || _last is null)
        {
            var summaries = new List<TicketSummary>(_entries.Length);
            var invalid = new List<InvalidTicketRecord>();
            foreach (var entry in _entries)
            {
                if (entry.Result.Summary is { } summary) summaries.Add(summary);
                else invalid.Add(entry.Result.Invalid!);
            }
            _last = new TicketSummaryListing(summaries, invalid);
            changed = true;
        }
        return new TicketLoad(_last, parsed, reused, changed, changes);
    }

    private sealed record Entry(RecordStamps Stamps, TicketSummaryLoad Result);
}
