using System.Globalization;
using Yoi.Core.Interop;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// Signals a process and all its descendants (found through <c>/proc/*/stat</c>). The Pod itself leads its own
/// process group (it called setsid), so an engine child shares that group; signalling the tree is how we reach
/// exactly the engine's processes without touching the Pod.
/// </summary>
internal static class ProcessTree
{
    public static void Signal(int rootPid, int signal)
    {
        foreach (var pid in Descendants(rootPid).Prepend(rootPid)) Libc.Kill(pid, signal);
    }

    public static IReadOnlyList<int> Descendants(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ParentOf(pid) is not { } parent) continue;
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
            list.Add(pid);
        }
        var result = new List<int>();
        var queue = new Queue<int>([rootPid]);
        while (queue.Count > 0)
        {
            if (!children.TryGetValue(queue.Dequeue(), out var list)) continue;
            foreach (var child in list)
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            if (close < 0) return null;
            var fields = stat[(close + 2)..].Split(' ');
            return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static IEnumerable<string> SafeEnumerate(string path)
    {
        try { return Directory.GetDirectories(path); }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    }
}
