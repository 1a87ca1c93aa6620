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

    public static void WriteAllText(string path, string text, string? crashPointBeforeRename = null, string? faultPoint = null) =>
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text), crashPointBeforeRename, faultPoint);

    /// <summary>
    /// Replaces the file atomically. On any failure (a full disk, an I/O error) the temp file is removed, the target is
    /// untouched and a <see cref="WriteFailedException"/> names the file and the cause.
    /// </summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, string? crashPointBeforeRename = null, string? faultPoint = null)
    {
        var directory = DirectoryOf(path);
        Directory.CreateDirectory(directory);
        var temp = WriteTemp(directory, path, bytes, faultPoint);
        try
        {
            if (crashPointBeforeRename is not null) CrashPoint.Hit(crashPointBeforeRename);
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException ex)
        {
            TryDelete(temp);
            throw Failed(path, ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        Libc.FsyncDirectory(directory);
    }

    /// <summary>Creates <paramref name="path"/> with the content only if it does not exist. Returns false when it already existed.</summary>
    public static bool CreateIfAbsent(string path, ReadOnlySpan<byte> bytes, string? crashPointAfterTemp = null, string? faultPoint = null)
    {
        using var prepared = Prepare(path, bytes, crashPointAfterTemp, faultPoint);
        return prepared.LinkIfAbsent();
    }

    /// <summary>
    /// The slow half of create-if-absent (temp file written and fsynced), done before any lock is taken so that a lock
    /// holder only pays for the link. Dispose removes the temp file.
    /// </summary>
    public static PreparedFile Prepare(string path, ReadOnlySpan<byte> bytes, string? crashPointAfterTemp = null, string? faultPoint = null)
    {
        var directory = DirectoryOf(path);
        Directory.CreateDirectory(directory);
        var prepared = new PreparedFile(path, directory, WriteTemp(directory, path, bytes, faultPoint));
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

    /// <summary>
    /// Appends bytes and fsyncs before returning, so a returned append is durable. When the write or the fsync fails
    /// (a full disk, an I/O error) the file is cut back to its length before the append, so no partial entry is left
    /// for a later append to follow; the <see cref="WriteFailedException"/> says whether that cut succeeded. Callers are
    /// the file's only writer at that moment (they hold its lock, or own the file).
    /// </summary>
    public static void AppendDurably(string path, ReadOnlySpan<byte> bytes, string? crashPointMidAppend = null, string? faultPoint = null)
    {
        using var stream = OpenForAppend(path);
        var start = stream.Position;
        try
        {
            if (crashPointMidAppend is not null && CrashPoint.IsArmed(crashPointMidAppend) && bytes.Length > 1)
            {
                stream.Write(bytes[..(bytes.Length / 2)]);
                stream.Flush(flushToDisk: true);
                CrashPoint.Hit(crashPointMidAppend);
            }
            Write(stream, bytes, faultPoint, path);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            throw CutBack(stream, start, path, ex);
        }
    }

    /// <summary>
    /// Appends bytes in one write without waiting for the disk: for appends made under a lock (so their order is the
    /// lock order) whose <see cref="Sync"/> happens after the lock is released, before success is reported. A failed
    /// write is cut back like <see cref="AppendDurably"/>.
    /// </summary>
    public static void AppendUnsynced(string path, ReadOnlySpan<byte> bytes, string? faultPoint = null)
    {
        using var stream = OpenForAppend(path);
        var start = stream.Position;
        try
        {
            Write(stream, bytes, faultPoint, path);
        }
        catch (IOException ex)
        {
            throw CutBack(stream, start, path, ex);
        }
    }

    /// <summary>fsyncs a file written earlier (any descriptor flushes the file's dirty pages).</summary>
    public static void Sync(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Failed(path, ex);
        }
    }

    /// <summary>Cuts <paramref name="path"/> back to <paramref name="length"/> bytes (never grows it) and fsyncs.</summary>
    public static void TruncateTo(string path, long length)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            if (stream.Length <= length) return;
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Failed(path, ex);
        }
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
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            File.WriteAllBytes(temp, bytes.ToArray());
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string WriteTemp(string directory, string path, ReadOnlySpan<byte> bytes, string? faultPoint)
    {
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            Write(stream, bytes, faultPoint, path);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            TryDelete(temp);
            throw Failed(path, ex);
        }
        return temp;
    }

    /// <summary>One write, or the injected fault (<see cref="FaultPoint"/>): half of the bytes, then the kernel's error.</summary>
    private static void Write(FileStream stream, ReadOnlySpan<byte> bytes, string? faultPoint, string path)
    {
        var errno = FaultPoint.Next(faultPoint);
        if (errno != 0)
        {
            if (bytes.Length > 1) stream.Write(bytes[..(bytes.Length / 2)]);
            throw FaultPoint.Error(errno, path);
        }
        stream.Write(bytes);
    }

    /// <summary>Unbuffered, positioned at the end (not FileMode.Append, which forbids cutting back what it appended).</summary>
    private static FileStream OpenForAppend(string path)
    {
        Directory.CreateDirectory(DirectoryOf(path));
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Seek(0, SeekOrigin.End);
            return stream;
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Failed(path, ex);
        }
    }

    private static WriteFailedException CutBack(FileStream stream, long length, string path, IOException cause)
    {
        try
        {
            if (stream.Length > length)
            {
                stream.SetLength(length);
                stream.Flush(flushToDisk: true);
            }
            return new WriteFailedException(path, cause);
        }
        catch (IOException)
        {
            return new WriteFailedException(path, cause, partialTailLeft: true);
        }
    }

    private static WriteFailedException Failed(string path, IOException cause) => new(path, cause);

    private static string DirectoryOf(string path) =>
        Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException($"path has no directory: {path}", nameof(path));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
