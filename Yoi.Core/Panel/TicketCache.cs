using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>The summary listing of one reload plus how many records were read versus reused from the cache.</summary>
internal sealed record TicketLoad(TicketSummaryListing Listing, int Parsed, int Reused, bool Changed);

/// <summary>
/// The panel's Ticket cache: one <see cref="TicketSummary"/> (or invalid placeholder) per record directory, never the
/// full record. <see cref="Load"/> is the full stamp pass (enumerate the root, <see cref="TicketStore.Stamp"/> every
/// record, re-read those whose stamps changed); <see cref="LoadChanged"/> re-reads only the records a watcher reported
/// (and re-enumerates the root only when a direct child changed). Re-reads go through the one
/// <see cref="TicketRecordReader"/> with the cached summary, so unchanged files of a changed record are not parsed again.
/// </summary>
internal sealed class TicketCache
{
    private const int ParallelThreshold = 64;

    private Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _dirs = [];
    private string? _root;
    private TicketSummaryListing? _last;

    /// <summary>Full stamp pass over every record directory.</summary>
    public TicketLoad Load(TicketStore store)
    {
        Reset(store);
        var reader = store.Reader();
        var dirs = store.RecordDirectories();
        var results = new Entry?[dirs.Count];
        var previous = _entries;
        // Stamps and reads are independent per record and the reader is immutable: both use every core. A record not
        // in the cache is read at once (its stamps come from the read), without a stat pass first.
        void StampOne(int i)
        {
            if (previous.TryGetValue(dirs[i], out var entry) && entry.Stamps == TicketStore.Stamp(dirs[i])) results[i] = entry;
        }
        if (dirs.Count >= ParallelThreshold) Parallel.For(0, dirs.Count, StampOne);
        else for (var i = 0; i < dirs.Count; i++) StampOne(i);
        var toRead = new List<int>();
        for (var i = 0; i < dirs.Count; i++)
            if (results[i] is null) toRead.Add(i);
        if (toRead.Count >= ParallelThreshold)
            Parallel.ForEach(toRead, i => results[i] = Read(reader, dirs[i], previous.GetValueOrDefault(dirs[i])));
        else
            foreach (var i in toRead) results[i] = Read(reader, dirs[i], previous.GetValueOrDefault(dirs[i]));
        var next = new Dictionary<string, Entry>(dirs.Count, StringComparer.Ordinal);
        for (var i = 0; i < dirs.Count; i++) next[dirs[i]] = results[i]!;
        int parsed = toRead.Count, reused = dirs.Count - toRead.Count;
        var changed = parsed > 0 || next.Count != _entries.Count || _last is null;
        _entries = next;
        _dirs = dirs;
        return Finish(parsed, reused, changed);
    }

    /// <summary>Re-reads only <paramref name="names"/> (record directory names); re-enumerates the root when <paramref name="listing"/>.</summary>
    public TicketLoad LoadChanged(TicketStore store, IReadOnlySet<string> names, bool listing)
    {
        if (_root != store.Root || _last is null) return Load(store);
        if (names.Count == 0 && !listing) return new TicketLoad(_last, 0, _entries.Count, false);
        var reader = store.Reader();
        var parsed = 0;
        if (listing || names.Any(n => !_entries.ContainsKey(Path.Combine(store.Root, n))))
        {
            var dirs = store.RecordDirectories();
            var next = new Dictionary<string, Entry>(dirs.Count, StringComparer.Ordinal);
            foreach (var dir in dirs)
            {
                if (!_entries.TryGetValue(dir, out var entry) || names.Contains(Path.GetFileName(dir)))
                {
                    entry = Read(reader, dir, entry);
                    parsed++;
                }
                next[dir] = entry;
            }
            _entries = next;
            _dirs = dirs;
        }
        else
        {
            foreach (var name in names)
            {
                var dir = Path.Combine(store.Root, name);
                _entries[dir] = Read(reader, dir, _entries[dir]);
                parsed++;
            }
        }
        return Finish(parsed, _entries.Count - parsed, true);
    }

    private void Reset(TicketStore store)
    {
        if (_root == store.Root) return;
        _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        _dirs = [];
        _root = store.Root;
        _last = null;
    }

    private static Entry Read(TicketRecordReader reader, string dir, Entry? previous)
    {
        var result = reader.Summary(dir, previous?.Result.Summary);
        // A summary's stamps come from the files it read; a placeholder's from a stat pass (equal when nothing changed).
        return new Entry(result.Summary?.Stamps ?? TicketStore.Stamp(dir), result);
    }

    private TicketLoad Finish(int parsed, int reused, bool changed)
    {
        if (changed || _last is null)
        {
            var summaries = new List<TicketSummary>(_dirs.Count);
            var invalid = new List<InvalidTicketRecord>();
            foreach (var dir in _dirs)
            {
                var result = _entries[dir].Result;
                if (result.Summary is not null) summaries.Add(result.Summary);
                else invalid.Add(result.Invalid!);
            }
            _last = new TicketSummaryListing(summaries, invalid);
            changed = true;
        }
        return new TicketLoad(_last, parsed, reused, changed);
    }

    private sealed record Entry(RecordStamps Stamps, TicketSummaryLoad Result);
}
