using System.Buffers;
using System.Text;
using System.Runtime.InteropServices;
using Yoi.Core.Interop;

namespace Yoi.Core.Tickets;

/// <summary>
/// The one record loader, for one Ticket root, in two shapes: <see cref="Summary"/> (what rows need: frontmatter fields,
/// relations, plan kinds, the latest thread event) and <see cref="Full"/> (everything, <see cref="TicketRecord"/>).
/// Both run the same steps in the same order and reach the same verdict on every file they read.
/// <para>
/// Containment is checked once per level, not per file: the root's real path is resolved when the reader is made (once
/// per load); a record directory is opened without following a symlink, so only a symlinked record directory is
/// resolved; every file is opened relative to its directory without following a symlink, so only a symlinked file (or
/// <c>artifacts/</c>) is resolved and checked against the root. Whatever resolves outside the root is an Identity error.
/// Files are opened non-blocking (a planted FIFO is refused, never waited on), size-checked before they are read and
/// strictly UTF-8-validated. Stamps come from the opened file, so they describe exactly the bytes that were parsed.
/// </para>
/// </summary>
public sealed class TicketRecordReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly string _realRoot;

    public TicketRecordReader(string root)
    {
        Root = Path.GetFullPath(root);
        _realRoot = Libc.RealPath(Root) ?? Root;
    }

    public string Root { get; }

    /// <summary>
    /// The summary of one record, or an invalid placeholder; never throws for bad data. Files whose stamp equals the one in
    /// <paramref name="previous"/> (the cached summary of the same directory) are not read or parsed again.
    /// </summary>
    public TicketSummaryLoad Summary(string dir, TicketSummary? previous = null)
    {
        try
        {
            return new TicketSummaryLoad(Read(dir, full: false, previous).Summary, null);
        }
        catch (Exception ex) when (ex is TicketException or IOException or UnauthorizedAccessException)
        {
            return new TicketSummaryLoad(null, Invalid(dir, ex));
        }
    }

    /// <summary>The full record of one directory, or an invalid placeholder; never throws for bad data.</summary>
    public TicketLoadResult Full(string dir)
    {
        try
        {
            return new TicketLoadResult(FullStrict(dir), null);
        }
        catch (Exception ex) when (ex is TicketException or IOException or UnauthorizedAccessException)
        {
            return new TicketLoadResult(null, Invalid(dir, ex));
        }
    }

    /// <summary>The full record, or a <see cref="TicketException"/> naming the file and the reason.</summary>
    public TicketRecord FullStrict(string dir) => Read(dir, full: true, null).Record!;

    private (TicketSummary Summary, TicketRecord? Record) Read(string dir, bool full, TicketSummary? previous)
    {
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        if (!TicketId.IsValid(id))
            throw new TicketException(TicketErrorKind.Identity, $"directory name '{id}' is not a Ticket id: {dir}");
        using var record = OpenDirectory(dir, inside: _realRoot, what: dir);

        var itemPath = Path.Combine(dir, "item.md");
        FileStamp? itemStamp;
        TicketMetadata meta;
        Frontmatter? frontmatter = null;
        using (var item = OpenFile(record, itemPath, "item.md"))
        {
            if (item is null) throw new TicketException(TicketErrorKind.NotFound, $"missing item.md: {dir}");
            itemStamp = item.Stamp;
            if (!full && previous?.Stamps.Item == itemStamp) meta = previous!.Meta;
            else
            {
                // A summary needs the frontmatter only: the body is validated (strict UTF-8) but not decoded.
                var parsed = full ? Wrap(itemPath, () => Frontmatter.Parse(item.ReadText(TicketRecordLoader.MaxItemBytes)))
                    : Wrap(itemPath, () => item.ReadUtf8(TicketRecordLoader.MaxItemBytes, Frontmatter.ParseHead));
                meta = Wrap(itemPath, () => TicketMetadata.From(parsed));
                frontmatter = parsed;
            }
        }

        var threadPath = Path.Combine(dir, "thread.md");
        FileStamp? threadStamp = null;
        IReadOnlyList<ThreadEvent> events = [];
        ThreadEventSummary? latest = null;
        using (var thread = OpenFile(record, threadPath, "thread.md"))
        {
            if (thread is not null)
            {
                threadStamp = thread.Stamp;
                if (full)
                {
                    events = ThreadEvents.Parse(thread.ReadText(TicketRecordLoader.MaxThreadBytes));
                    latest = events.Count > 0 ? ThreadEventSummary.Of(events[^1]) : null;
                }
                else if (previous?.Stamps.Thread == threadStamp) latest = previous!.LatestEvent;
                else latest = thread.ReadUtf8(TicketRecordLoader.MaxThreadBytes, ThreadEvents.LatestSummary);
            }
        }

        var artifactsDir = Path.Combine(dir, "artifacts");
        using var artifacts = OpenSubdirectory(record, artifactsDir);
        var relationsPath = Path.Combine(artifactsDir, TicketRelations.FileName);
        FileStamp? relationsStamp = null;
        IReadOnlyList<TicketRelation> relations = [];
        using (var file = artifacts is null ? null : OpenFile(artifacts, relationsPath, TicketRelations.FileName))
        {
            if (file is not null)
            {
                relationsStamp = file.Stamp;
                relations = !full && previous?.Stamps.Relations == relationsStamp ? previous!.Relations
                    : ParseWithPath(relationsPath, file.ReadText(TicketRecordLoader.MaxArtifactDataBytes), text => TicketRelations.Parse(text, id));
            }
        }
        var planPath = Path.Combine(artifactsDir, OrchestrationPlan.FileName);
        FileStamp? planStamp = null;
        IReadOnlyList<OrchestrationPlanRecord> plans = [];
        IReadOnlyList<string> planKinds = [];
        using (var file = artifacts is null ? null : OpenFile(artifacts, planPath, OrchestrationPlan.FileName))
        {
            if (file is not null)
            {
                planStamp = file.Stamp;
                if (!full && previous?.Stamps.Plan == planStamp) planKinds = previous!.PlanKinds;
                else
                {
                    plans = ParseWithPath(planPath, file.ReadText(TicketRecordLoader.MaxArtifactDataBytes), text => OrchestrationPlan.Parse(text, id));
                    planKinds = KindsOf(plans);
                }
            }
        }
        var artifactList = full ? TicketRecordLoader.ListArtifacts(dir, artifactsDir) : [];

        var resolutionPath = Path.Combine(dir, "resolution.md");
        FileStamp? resolutionStamp = null;
        string? resolution = null;
        // A summary only stamps resolution.md: one lstat decides a regular file or an absent one; anything else (a
        // symlink, a FIFO, an error) takes the open below, which reaches the same verdict as a full load.
        FileStatus? status = null;
        var statError = 0;
        if (!full) status = Libc.LStatAt(record.Fd, "resolution.md", out statError);
        if (status is { IsRegularFile: true }) resolutionStamp = new FileStamp(status.Value.ModifiedUtcTicks, status.Value.Size);
        else if (full || status is not null || statError != Libc.ENOENT)
        {
            using var file = OpenFile(record, resolutionPath, "resolution.md");
            if (file is not null)
            {
                resolutionStamp = file.Stamp;
                if (full) resolution = file.ReadText(TicketRecordLoader.MaxItemBytes);
            }
        }

        var stamps = new RecordStamps(itemStamp, threadStamp, relationsStamp, planStamp, resolutionStamp);
        var summary = new TicketSummary(id, dir, meta, relations, planKinds, latest, resolutionStamp is not null, stamps);
        return (summary, full ? new TicketRecord(summary, frontmatter!, events, artifactList, plans, resolution) : null);
    }

    private static IReadOnlyList<string> KindsOf(IReadOnlyList<OrchestrationPlanRecord> plans)
    {
        if (plans.Count == 0) return [];
        var kinds = new List<string>();
        foreach (var p in plans)
            if (!kinds.Contains(p.Kind)) kinds.Add(p.Kind);
        return kinds;
    }

    private static InvalidTicketRecord Invalid(string dir, Exception ex)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        var label = TicketId.IsValid(name) ? name : TicketRecordLoader.InvalidLabel;
        return ex is TicketException t
            ? new InvalidTicketRecord(label, dir, t.Kind, t.Message)
            : new InvalidTicketRecord(label, dir, TicketErrorKind.Io, $"could not read {dir}: {ex.Message}");
    }

    /// <summary>
    /// Runs a parser that never knows the file it parses and names <paramref name="path"/> in its failure. Reading the
    /// file happens outside (its errors name the path already), so the path is added exactly once.
    /// </summary>
    internal static T Wrap<T>(string path, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (TicketException ex)
        {
            throw new TicketException(ex.Kind, $"{ex.Message}: {path}", ex);
        }
    }

    private static T ParseWithPath<T>(string path, string text, Func<string, T> parse) => Wrap(path, () => parse(text));

    /// <summary>Opens the record directory; a symlinked one must resolve inside the root.</summary>
    private DirectoryHandle OpenDirectory(string dir, string inside, string what)
    {
        var fd = Libc.OpenDirectoryAt(-1, dir, noFollow: true);
        if (fd is -Libc.ELOOP or -Libc.ENOTDIR) // a symlink (Linux reports ENOTDIR for O_NOFOLLOW|O_DIRECTORY on one)
        {
            EnsureResolvesInside(dir, inside, what);
            fd = Libc.OpenDirectoryAt(-1, dir, noFollow: false);
        }
        if (fd == -Libc.ENOENT) throw new TicketException(TicketErrorKind.NotFound, $"missing item.md: {dir}");
        if (fd < 0) throw new IOException($"cannot open {dir}: {Libc.ErrorText(-fd)}");
        return new DirectoryHandle(fd);
    }

    /// <summary><c>artifacts/</c> or null when it does not exist (or is not a directory); a symlinked one must resolve inside the root.</summary>
    private DirectoryHandle? OpenSubdirectory(DirectoryHandle parent, string path)
    {
        var name = Path.GetFileName(path);
        var fd = Libc.OpenDirectoryAt(parent.Fd, name, noFollow: true);
        if (fd is -Libc.ELOOP or -Libc.ENOTDIR) // a symlink (or a plain file, which the second open refuses again)
        {
            if (Libc.RealPath(path) is null) return null;
            EnsureResolvesInside(path, _realRoot, path);
            fd = Libc.OpenDirectoryAt(parent.Fd, name, noFollow: false);
        }
        if (fd is -Libc.ENOENT or -Libc.ENOTDIR) return null;
        if (fd < 0) throw new IOException($"cannot open {path}: {Libc.ErrorText(-fd)}");
        return new DirectoryHandle(fd);
    }

    /// <summary>Opens one file of the record, or null when it does not exist; a symlinked one must resolve inside the root.</summary>
    private RecordFile? OpenFile(DirectoryHandle parent, string path, string name)
    {
        var fd = Libc.OpenReadNonBlockingAt(parent.Fd, name, noFollow: true);
        if (fd == -Libc.ELOOP)
        {
            if (Libc.RealPath(path) is null) return null; // a dangling link is a missing file
            EnsureResolvesInside(path, _realRoot, path);
            fd = Libc.OpenReadNonBlockingAt(parent.Fd, name, noFollow: false);
        }
        if (fd == -Libc.ENOENT) return null;
        if (fd < 0) throw new IOException($"cannot open {path}: {Libc.ErrorText(-fd)}");
        return new RecordFile(path, fd);
    }

    private void EnsureResolvesInside(string path, string realInside, string what)
    {
        var real = Libc.RealPath(path);
        if (real is null) return;
        if (real != realInside && !real.StartsWith(realInside + "/", StringComparison.Ordinal))
            throw new TicketException(TicketErrorKind.Identity, $"{what} resolves outside {Root}");
    }

    private sealed class DirectoryHandle(int fd) : IDisposable
    {
        public int Fd { get; } = fd;

        public void Dispose() => Libc.Close(Fd);
    }

    /// <summary>
    /// One opened file: its stamp (from the open file), bounded strict-UTF-8 reads. One fstat gives the type, size and
    /// modification time; reads are positioned (pread on the raw descriptor), so a file costs open, fstat, one read
    /// (a short read is the end) and close.
    /// </summary>
    private sealed class RecordFile : IDisposable
    {
        private readonly string _path;
        private int _fd;

        public RecordFile(string path, int fd)
        {
            _path = path;
            _fd = fd;
            var status = Libc.Stat(fd);
            if (status is null)
            {
                var error = Marshal.GetLastPInvokeError();
                Dispose();
                throw new IOException($"cannot stat {path}: {Libc.ErrorText(error)}");
            }
            if (!status.Value.IsRegularFile)
            {
                Dispose();
                throw new TicketException(TicketErrorKind.Schema, $"{path} is not a regular file (a FIFO, socket or device)");
            }
            Stamp = new FileStamp(status.Value.ModifiedUtcTicks, status.Value.Size);
        }

        public FileStamp Stamp { get; }

        public string ReadText(long maxBytes) => ReadUtf8(maxBytes, bytes => StrictUtf8.GetString(bytes));

        /// <summary>Reads at most <paramref name="maxBytes"/> (more is refused however the size is reported), checks strict UTF-8, hands the bytes to <paramref name="use"/>.</summary>
        public T ReadUtf8<T>(long maxBytes, Func<ReadOnlySpan<byte>, T> use)
        {
            var length = Stamp.Size;
            if (length > maxBytes)
                throw new TicketException(TicketErrorKind.Schema, $"{_path} is {length} bytes; the limit is {maxBytes / (1024 * 1024)} MiB");
            var buffer = ArrayPool<byte>.Shared.Rent((int)length + 1);
            try
            {
                var total = 0;
                int n;
                // A short read of a regular file is its end: a file of the size fstat reported is read in one pread.
                while ((n = Libc.PRead(_fd, buffer.AsSpan(total), total)) != 0)
                {
                    if (n < 0) throw new IOException($"cannot read {_path}: {Libc.ErrorText(-n)}");
                    total += n;
                    if (total > maxBytes)
                        throw new TicketException(TicketErrorKind.Schema, $"{_path} is over {maxBytes / (1024 * 1024)} MiB; the limit is {maxBytes / (1024 * 1024)} MiB");
                    if (total < buffer.Length) break;
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var bytes = buffer.AsSpan(0, total);
                if (!System.Text.Unicode.Utf8.IsValid(bytes)) throw new TicketException(TicketErrorKind.Schema, $"{_path} is not valid UTF-8");
                return use(bytes);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public void Dispose()
        {
            if (_fd < 0) return;
            Libc.Close(_fd);
            _fd = -1;
        }
    }
}
