using System.Text;
using Yoi.Core.Interop;

namespace Yoi.Core.Storage;

/// <summary>
/// The one atomic-write helper: whole-file replace (temp + fsync + rename + directory fsync),
/// create-if-absent (temp + hard link), and durable appends (write + fsync).
/// Temp files are named <c>.&lt;name&gt;.&lt;pid&gt;.&lt;random&gt;.tmp</c> so readers and doctor can recognise them.
/// </summary>
public static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void WriteAllText(string path, string text, string? crashPointBeforeRename = null) =>
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text), crashPointBeforeRename);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, string? crashPointBeforeRename = null)
    {
        var directory = DirectoryOf(path);
        Directory.CreateDirectory(directory);
        var temp = WriteTemp(directory, Path.GetFileName(path), bytes);
        try
        {
            if (crashPointBeforeRename is not null) CrashPoint.Hit(crashPointBeforeRename);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        Libc.FsyncDirectory(directory);
    }

    /// <summary>Creates <paramref name="path"/> with the content only if it does not exist. Returns false when it already existed.</summary>
    public static bool CreateIfAbsent(string path, ReadOnlySpan<byte> bytes, string? crashPointAfterTemp = null)
    {
        using var prepared = Prepare(path, bytes, crashPointAfterTemp);
        return prepared.LinkIfAbsent();
    }

    /// <summary>
    /// The slow half of create-if-absent (temp file written and fsynced), done before any lock is taken so that a lock
    /// holder only pays for the link. Dispose removes the temp file.
    /// </summary>
    public static PreparedFile Prepare(string path, ReadOnlySpan<byte> bytes, string? crashPointAfterTemp = null)
    {
        var directory = DirectoryOf(path);
        Directory.CreateDirectory(directory);
        var prepared = new PreparedFile(path, directory, WriteTemp(directory, Path.GetFileName(path), bytes));
        if (crashPointAfterTemp is not null) CrashPoint.Hit(crashPointAfterTemp);
        return prepared;
    }

    /// <summary>A fully written temp file waiting to be hard-linked into place.</summary>
    public sealed class PreparedFile : IDisposable
    {
        private readonly string _directory;
        private readonly string _temp;

        internal PreparedFile(string path, string directory, string temp)
        {
            Path = path;
            _directory = directory;
            _temp = temp;
        }

        public string Path { get; }

        /// <summary>
        /// Links the temp file to <see cref="Path"/>; false when it already existed. With <paramref name="syncDirectory"/>
        /// false the caller must call <see cref="SyncDirectory"/> before reporting success (e.g. after releasing a lock).
        /// </summary>
        public bool LinkIfAbsent(bool syncDirectory = true)
        {
            if (File.Exists(Path)) return false;
            var created = Libc.TryLink(_temp, Path);
            if (created && syncDirectory) SyncDirectory();
            return created;
        }

        /// <summary>fsyncs the directory so the link is durable.</summary>
        public void SyncDirectory() => Libc.FsyncDirectory(_directory);

        public void Dispose() => TryDelete(_temp);
    }

    /// <summary>Appends bytes and fsyncs before returning, so a returned append is durable.</summary>
    public static void AppendDurably(string path, ReadOnlySpan<byte> bytes, string? crashPointMidAppend = null)
    {
        Directory.CreateDirectory(DirectoryOf(path));
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        if (crashPointMidAppend is not null && CrashPoint.IsArmed(crashPointMidAppend) && bytes.Length > 1)
        {
            stream.Write(bytes[..(bytes.Length / 2)]);
            stream.Flush(flushToDisk: true);
            CrashPoint.Hit(crashPointMidAppend);
        }
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Appends bytes in one write without waiting for the disk: for appends made under a lock (so their order is the
    /// lock order) whose <see cref="Sync"/> happens after the lock is released, before success is reported.
    /// </summary>
    public static void AppendUnsynced(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(DirectoryOf(path));
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(bytes);
    }

    /// <summary>fsyncs a file written earlier (any descriptor flushes the file's dirty pages).</summary>
    public static void Sync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>True for names this helper uses for temp files (never data).</summary>
    public static bool IsTempFileName(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Replaces a file atomically for readers (temp + rename: never torn) without waiting for the disk. Only for runtime
    /// files that describe a live process and are rewritten on its next start (a Pod's <c>status.json</c>): a power loss
    /// may lose their latest version, which costs nothing, while an fsync per status change would bound a Pod's notify
    /// rate by three disk waits per group commit.
    /// </summary>
    public static void ReplaceWithoutSync(string path, ReadOnlySpan<byte> bytes)
    {
        var directory = DirectoryOf(path);
        Directory.CreateDirectory(directory);
        var temp = WriteTemp(directory, Path.GetFileName(path), bytes, sync: false);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string WriteTemp(string directory, string name, ReadOnlySpan<byte> bytes, bool sync = true)
    {
        var temp = Path.Combine(directory, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: sync);
        }
        return temp;
    }

    private static string DirectoryOf(string path) =>
        Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException($"path has no directory: {path}", nameof(path));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
