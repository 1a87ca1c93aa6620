using Yoi.Core.Interop;

namespace Yoi.Core.Storage;

/// <summary>
/// The current versions of a few files, kept as hard links (no disk space needed), so that a change spanning several
/// atomic writes is all-or-nothing: <see cref="Commit"/> drops the links; disposing without a commit (a write failed:
/// full disk, I/O error) renames every kept version back and removes files the change created. Backups use
/// <see cref="AtomicFile"/> temp names, so one left by a crash is never read as data and doctor lists it.
/// </summary>
public sealed class FileSnapshot : IDisposable
{
    private readonly List<(string Path, string? Kept)> _files = [];
    private bool _committed;

    private FileSnapshot() { }

    /// <summary>Keeps the current version of each path (a missing file is remembered as missing).</summary>
    public static FileSnapshot Take(params string[] paths)
    {
        var snapshot = new FileSnapshot();
        try
        {
            foreach (var path in paths)
            {
                string? kept = null;
                if (File.Exists(path))
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
                    kept = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.kept{AtomicFile.TempSuffix}");
                    if (!Libc.TryLink(path, kept)) throw new IOException($"cannot keep the current version of {path}: {kept} exists");
                }
                snapshot._files.Add((path, kept));
            }
        }
        catch
        {
            snapshot.Commit();
            throw;
        }
        return snapshot;
    }

    /// <summary>The change is complete: the kept versions are dropped.</summary>
    public void Commit()
    {
        _committed = true;
        foreach (var (_, kept) in _files)
        {
            if (kept is not null) TryDelete(kept);
        }
    }

    /// <summary>Without a commit: every file is put back as it was (best effort; a leftover backup is a temp file).</summary>
    public void Dispose()
    {
        if (_committed) return;
        _committed = true;
        foreach (var (path, kept) in _files)
        {
            try
            {
                if (kept is null) File.Delete(path);
                else
                {
                    File.Move(kept, path, overwrite: true);
                    // rename(2) of one hard link over another of the same file (the file never changed) is a no-op that
                    // leaves both names; the kept one is then simply dropped.
                    TryDelete(kept);
                }
                Libc.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
