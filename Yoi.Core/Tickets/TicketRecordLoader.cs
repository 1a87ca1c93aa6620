using System.Text;
using Yoi.Core.Interop;

namespace Yoi.Core.Tickets;

/// <summary>
/// Static entry points of the record loader (<see cref="TicketRecordReader"/> does the work; make one reader per load so
/// the root is resolved once), the stamp pass, and the bounded reads and containment checks other readers share.
/// Never throws for bad data in <see cref="Load"/>: it returns an invalid placeholder.
/// </summary>
public static class TicketRecordLoader
{
    public const long MaxItemBytes = 4L * 1024 * 1024;
    public const long MaxThreadBytes = 32L * 1024 * 1024;
    public const long MaxArtifactDataBytes = 8L * 1024 * 1024;
    public const string InvalidLabel = "invalid ticket record";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The stamps a load of <paramref name="dir"/> would record, from five <c>stat</c>s (the full stamp pass).</summary>
    public static RecordStamps Stamp(string dir) => new(
        StampOf(Path.Combine(dir, "item.md")), StampOf(Path.Combine(dir, "thread.md")),
        StampOf(Path.Combine(dir, "artifacts", TicketRelations.FileName)),
        StampOf(Path.Combine(dir, "artifacts", OrchestrationPlan.FileName)), StampOf(Path.Combine(dir, "resolution.md")));

    /// <summary>The full record of one directory or an invalid placeholder.</summary>
    public static TicketLoadResult Load(string root, string dir) => new TicketRecordReader(root).Full(dir);

    /// <summary>Loads one full record or throws a <see cref="TicketException"/> naming the file and the reason.</summary>
    public static TicketRecord LoadStrict(string root, string dir) => new TicketRecordReader(root).FullStrict(dir);

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

    private static FileStamp? StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc.Ticks, info.Length) : null;
    }
}
