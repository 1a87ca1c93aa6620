using System.Text;
using Yoi.Core.Interop;

namespace Yoi.Core.Tickets;

/// <summary>
/// Loads one record directory. A pure function of the directory's files, so a caller can re-parse only the
/// records whose <see cref="Stamp"/> changed. Never throws for bad data: it returns an invalid placeholder.
/// </summary>
public static class TicketRecordLoader
{
    public const long MaxItemBytes = 4L * 1024 * 1024;
    public const long MaxThreadBytes = 32L * 1024 * 1024;
    public const long MaxArtifactDataBytes = 8L * 1024 * 1024;
    public const string InvalidLabel = "invalid ticket record";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RecordStamps Stamp(string dir) => new(
        StampOf(Path.Combine(dir, "item.md")), StampOf(Path.Combine(dir, "thread.md")),
        StampOf(Path.Combine(dir, "artifacts", TicketRelations.FileName)),
        StampOf(Path.Combine(dir, "artifacts", OrchestrationPlan.FileName)), StampOf(Path.Combine(dir, "resolution.md")));

    public static TicketLoadResult Load(string root, string dir)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        var label = TicketId.IsValid(name) ? name : InvalidLabel;
        try
        {
            return new TicketLoadResult(LoadStrict(root, dir), null);
        }
        catch (TicketException ex)
        {
            return new TicketLoadResult(null, new InvalidTicketRecord(label, dir, ex.Kind, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TicketLoadResult(null, new InvalidTicketRecord(label, dir, TicketErrorKind.Io, $"could not read {dir}: {ex.Message}"));
        }
    }

    /// <summary>Loads one record or throws a <see cref="TicketException"/> naming the file and the reason.</summary>
    public static TicketRecord LoadStrict(string root, string dir)
    {
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        if (!TicketId.IsValid(id))
            throw new TicketException(TicketErrorKind.Identity, $"directory name '{id}' is not a Ticket id: {dir}");
        var stamps = Stamp(dir);
        EnsureInside(root, dir, dir);
        var itemPath = Path.Combine(dir, "item.md");
        if (!File.Exists(itemPath)) throw new TicketException(TicketErrorKind.NotFound, $"missing item.md: {dir}");
        var frontmatter = Wrap(itemPath, () => Frontmatter.Parse(ReadText(root, itemPath, MaxItemBytes)));
        var meta = Wrap(itemPath, () => TicketMetadata.From(frontmatter));
        var threadPath = Path.Combine(dir, "thread.md");
        var events = File.Exists(threadPath) ? ThreadEvents.Parse(ReadText(root, threadPath, MaxThreadBytes)) : [];
        var artifactsDir = Path.Combine(dir, "artifacts");
        var artifacts = ListArtifacts(dir, artifactsDir);
        var relationsPath = Path.Combine(artifactsDir, TicketRelations.FileName);
        var relations = File.Exists(relationsPath)
            ? Wrap(relationsPath, () => TicketRelations.Parse(ReadText(root, relationsPath, MaxArtifactDataBytes), id)) : [];
        var planPath = Path.Combine(artifactsDir, OrchestrationPlan.FileName);
        var plans = File.Exists(planPath)
            ? Wrap(planPath, () => OrchestrationPlan.Parse(ReadText(root, planPath, MaxArtifactDataBytes), id)) : [];
        var resolutionPath = Path.Combine(dir, "resolution.md");
        var resolution = File.Exists(resolutionPath) ? ReadText(root, resolutionPath, MaxItemBytes) : null;
        return new TicketRecord(id, dir, meta, frontmatter, events, artifacts, relations, plans, resolution, stamps);
    }

    /// <summary>Reads a file as strict UTF-8 after checking its size and that it does not leave the root.</summary>
    public static string ReadText(string root, string path, long maxBytes)
    {
        EnsureInside(root, path, path);
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
            throw new TicketException(TicketErrorKind.Schema, $"{path} is {length} bytes; the limit is {maxBytes / (1024 * 1024)} MiB");
        var bytes = ReadBounded(path, maxBytes);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new TicketException(TicketErrorKind.Schema, $"{path} is not valid UTF-8");
        }
    }

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> without ever blocking on a FIFO planted in a record (a blocking open would
    /// hang every list forever): the file is opened non-blocking, anything that is not a regular file is refused, and
    /// more than the limit is refused however the file reports its size.
    /// </summary>
    private static byte[] ReadBounded(string path, long maxBytes)
    {
        var fd = Libc.OpenReadNonBlocking(path);
        if (fd < 0) throw new IOException($"cannot open {path}");
        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        if (!stream.CanSeek) throw new TicketException(TicketErrorKind.Schema, $"{path} is not a regular file (a FIFO, socket or device)");
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
                throw new TicketException(TicketErrorKind.Schema, $"{path} is over {maxBytes / (1024 * 1024)} MiB; the limit is {maxBytes / (1024 * 1024)} MiB");
        }
        return buffer.ToArray();
    }

    /// <summary>Artifact paths relative to <c>artifacts/</c>, sorted, without <c>.gitkeep</c>. Symlinks must stay inside the record.</summary>
    public static IReadOnlyList<string> ListArtifacts(string dir, string artifactsDir)
    {
        if (!Directory.Exists(artifactsDir)) return [];
        EnsureInside(dir, artifactsDir, artifactsDir);
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(artifactsDir);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(artifactsDir, entry.FullName);
                if (entry.LinkTarget is { } target) EnsureInside(dir, entry.FullName, $"artifact {relative} (symlink to {target})");
                if (entry is DirectoryInfo && entry.LinkTarget is null) pending.Push(entry.FullName);
                else if (relative != ".gitkeep") result.Add(relative);
            }
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Throws an Identity error when <paramref name="path"/> resolves outside <paramref name="root"/>.</summary>
    public static void EnsureInside(string root, string path, string what)
    {
        var realRoot = Libc.RealPath(root) ?? Path.GetFullPath(root);
        var real = Libc.RealPath(path);
        if (real is null) return;
        if (real != realRoot && !real.StartsWith(realRoot + "/", StringComparison.Ordinal))
            throw new TicketException(TicketErrorKind.Identity, $"{what} resolves outside {root}");
    }

    private static T Wrap<T>(string path, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (TicketException ex) when (!ex.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new TicketException(ex.Kind, $"{ex.Message}: {path}", ex);
        }
    }

    private static FileStamp? StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc.Ticks, info.Length) : null;
    }
}
