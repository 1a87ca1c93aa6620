using Yoi.Core.Interop;

namespace Yoi.Core.Runtime;

/// <summary>
/// Closes the spawner's stdout pipe after the ready line. .NET keeps its own duplicate of fd 1 for Console.Out, so every
/// descriptor of this process that refers to the same pipe is re-pointed at /dev/null (a late write is harmless).
/// </summary>
public static class StdoutHandoff
{
    public static void Close()
    {
        var target = LinkTarget("/proc/self/fd/1");
        if (target is null || !target.StartsWith("pipe:", StringComparison.Ordinal))
        {
            Libc.ReplaceWithDevNull(1);
            return;
        }
        foreach (var entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var fd)) continue;
            if (LinkTarget(entry) == target) Libc.ReplaceWithDevNull(fd);
        }
    }

    private static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
