using Yoi.Core.Storage;

namespace Yoi.Core.Tickets;

/// <summary>
/// The <c>.yoi/tickets</c> backend. Reads take no lock; every mutation holds <c>&lt;root&gt;/.ticket-backend.lock</c>
/// (flock, 2 s budget). Whole-file writes are atomic; thread appends are fsync'd and then bump <c>updated_at</c>.
/// Lifecycle mutations publish a <see cref="TicketLifecycleEvent"/> to the configured sinks.
/// </summary>
public sealed partial class TicketStore
{
    public const string LockFileName = ".ticket-backend.lock";
    private readonly TicketStoreOptions _options;
    private readonly TicketTexts _texts;

    public TicketStore(string root, TicketStoreOptions? options = null)
    {
        Root = Path.GetFullPath(root);
        _options = options ?? new TicketStoreOptions();
        _texts = new TicketTexts(TicketTexts.IsJapanese(_options.Language));
    }

    public string Root { get; }

    public string LockPath => Path.Combine(Root, LockFileName);

    public TicketStoreOptions Options => _options;

    /// <summary>The clock of this store's writes; a store opened to read (no <see cref="TicketStoreOptions.Time"/>) refuses to write.</summary>
    private TimeProvider Clock => _options.Time ?? throw new InvalidOperationException(
        $"the Ticket store at {Root} was opened to read only (no clock); open it through the workspace context to write");

    /// <summary>Loads one full record directory (pure; see <see cref="TicketRecordReader"/>).</summary>
    public TicketLoadResult LoadRecord(string dir) => Reader().Full(dir);

    /// <summary>A record reader for this root (resolves the root once; make one per load).</summary>
    public TicketRecordReader Reader() => new(Root);

    /// <summary>mtime+size of the files a record load reads; compare to decide whether to call <see cref="LoadRecord"/>.</summary>
    public static RecordStamps Stamp(string dir) => TicketRecordLoader.Stamp(dir);

    /// <summary>
    /// Record directories in id order: every non-hidden directory under the root (a missing root gives none).
    /// Hidden entries (temp dirs, the lock file) and plain files are skipped.
    /// </summary>
    public IReadOnlyList<string> RecordDirectories()
    {
        if (!Directory.Exists(Root)) return [];
        return new DirectoryInfo(Root).EnumerateFileSystemInfos()
            .Where(e => !e.Name.StartsWith('.') && (e is DirectoryInfo || (e.LinkTarget is not null && Directory.Exists(e.FullName))))
            .Where(e => !IsLegacyBucket(e.Name))
            .Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every record, loaded or replaced by an invalid placeholder with a redacted reason.</summary>
    public TicketListing ListTolerant()
    {
        var records = new List<TicketRecord>();
        var invalid = new List<InvalidTicketRecord>();
        var reader = Reader();
        foreach (var dir in RecordDirectories())
        {
            var result = reader.Full(dir);
            if (result.Record is not null) records.Add(result.Record);
            else invalid.Add(result.Invalid!);
        }
        return new TicketListing(records, invalid);
    }

    /// <summary>Every record in the summary shape (<see cref="TicketRecordReader.Summary"/>), tolerant like <see cref="ListTolerant"/>.</summary>
    public TicketSummaryListing ListSummaries()
    {
        var summaries = new List<TicketSummary>();
        var invalid = new List<InvalidTicketRecord>();
        var reader = Reader();
        foreach (var dir in RecordDirectories())
        {
            var result = reader.Summary(dir);
            if (result.Summary is not null) summaries.Add(result.Summary);
            else invalid.Add(result.Invalid!);
        }
        return new TicketSummaryListing(summaries, invalid);
    }

    /// <summary>Loads one Ticket by exact id, or throws NotFound / the record's own error.</summary>
    public TicketRecord Show(string id) => TicketRecordLoader.LoadStrict(Root, RecordDir(id));

    /// <summary>The record directory of a Ticket given by its full id or a unique prefix, in any letter case (<see cref="Resolve"/>).</summary>
    public string RecordDir(string id) => Path.Combine(Root, Resolve(id));

    /// <summary>
    /// The canonical id of a Ticket given by its full id or a unique prefix, in any letter case (the panel's id column
    /// and Pod names show shorter or lower-case forms). Throws NotFound when nothing matches and Conflict, naming the
    /// candidates, when the prefix is ambiguous.
    /// </summary>
    public string Resolve(string id)
    {
        if (string.IsNullOrEmpty(id) || id is "." or ".." || id.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new TicketException(TicketErrorKind.Identity, $"invalid Ticket id '{id}'");
        if (Directory.Exists(Path.Combine(Root, id))) return id;
        var wanted = id.ToUpperInvariant();
        if (wanted != id && Directory.Exists(Path.Combine(Root, wanted))) return wanted;
        var matches = RecordDirectories().Select(Path.GetFileName).Where(n => n!.StartsWith(wanted, StringComparison.Ordinal)).Take(6).ToList();
        return matches.Count switch
        {
            1 => matches[0]!,
            0 => throw new TicketException(TicketErrorKind.NotFound, $"ticket {id} not found under {Root}; run `yoi ticket list` to see the ids"),
            _ => throw new TicketException(TicketErrorKind.Conflict,
                $"ticket id prefix '{id}' matches several Tickets ({string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", …" : "")}); type more of the id"),
        };
    }

    /// <summary>The relation view of one Ticket, built from every loadable record's summary (invalid peers count as missing).</summary>
    public RelationView Relations(string id)
    {
        var record = Show(id);
        return RelationsFrom(record.Id, ListSummaries().Summaries);
    }

    /// <summary>Orchestration-plan records of one Ticket, optionally filtered by kind.</summary>
    public IReadOnlyList<OrchestrationPlanRecord> Plans(string id, string? kind = null) =>
        Show(id).Plans.Where(p => kind is null || p.Kind == kind).ToList();

    /// <summary>Reads a free-form artifact; the path must be relative, without <c>..</c>, and stay inside the record.</summary>
    public string ReadArtifact(string id, string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath) || parts.Any(p => p is ".." or "."))
            throw new TicketException(TicketErrorKind.Identity, $"artifact path '{relativePath}' must be relative without '.' or '..' components");
        var dir = RecordDir(id);
        var path = Path.Combine(dir, "artifacts", Path.Combine(parts));
        if (!File.Exists(path)) throw new TicketException(TicketErrorKind.NotFound, $"artifact {relativePath} not found for ticket {id}");
        return TicketRecordLoader.ReadText(dir, path, TicketRecordLoader.MaxArtifactDataBytes);
    }

    internal static bool IsLegacyBucket(string name) => name is "open" or "pending" or "closed";

    private static RelationView RelationsFrom(string id, IReadOnlyList<TicketSummary> records) =>
        TicketRelations.View(id,
            records.ToDictionary(r => r.Id, r => r.Relations, StringComparer.Ordinal),
            records.ToDictionary(r => r.Id, r => r.Meta.State, StringComparer.Ordinal));

    private string Now() => Timestamps.Seconds(Clock.GetUtcNow());

    private FileLock Lock()
    {
        if (!Directory.Exists(Root))
            throw new TicketException(TicketErrorKind.NotFound, $"ticket root does not exist: {Root}; run `yoi ticket init` first");
        try
        {
            return FileLock.Acquire(LockPath, _options.LockBudget);
        }
        catch (LockTimeoutException ex)
        {
            throw new TicketException(TicketErrorKind.Locked, $"ticket backend is locked: {LockPath}", ex);
        }
    }
}
