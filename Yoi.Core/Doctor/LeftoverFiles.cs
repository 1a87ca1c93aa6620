using Yoi.Core.Storage;
using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>
/// Leftover temp files of interrupted atomic writes (<see cref="AtomicFile.IsTempFileName"/>), and Ticket staging
/// directories of an interrupted create, which share that naming. Readers never take them for data; those older than
/// <see cref="MinimumAge"/> cannot belong to a write in progress and are safe to delete.
/// </summary>
public static class LeftoverFiles
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    public static IEnumerable<DoctorFinding> Find(string root, DateTimeOffset now)
    {
        if (!Directory.Exists(root)) yield break;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> entries;
            try { entries = Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal).ToList(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in entries)
            {
                var isDir = Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint);
                if (AtomicFile.IsTempFileName(Path.GetFileName(entry)))
                {
                    yield return Finding(entry, isDir, now);
                    continue;
                }
                if (isDir && Path.GetFileName(entry) != ".git") pending.Push(entry);
            }
        }
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else File.Delete(path);
    }

    private static DoctorFinding Finding(string path, bool isDir, DateTimeOffset now)
    {
        var age = now - new DateTimeOffset(isDir ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        var what = isDir ? "leftover staging directory of an interrupted Ticket create" : "leftover temp file of an interrupted write";
        return age >= MinimumAge
            ? new DoctorFinding("temp", DoctorSeverity.Warning, path, $"{what} (never read as data)", "`yoi doctor --repair` deletes it", RepairKind.DeleteTempFile)
            : new DoctorFinding("temp", DoctorSeverity.Warning, path, $"{what}, younger than a minute: a write may still be in progress",
                "run `yoi doctor` again in a minute; --repair leaves it alone until then");
    }
}
