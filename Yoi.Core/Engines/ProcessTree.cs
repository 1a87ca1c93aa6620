using System.Globalization;

namespace Yoi.Core.Engines;

/// <summary>
/// What <c>/proc/*/stat</c> tells about processes: the members of a process group, and a
/// process's start time (clock ticks since boot: with the pid, it identifies one process even after pid reuse). An
/// engine's agent leads its own process group (the agent launcher calls setpgid), so signalling that group reaches the
/// agent and everything it started, and never the Pod or a Pod the agent started (a daemon calls setsid).
/// </summary>
internal static class ProcessTree
{
    /// <summary>Live (non-zombie) processes whose process group is <paramref name="pgid"/>.</summary>
    public static IReadOnlyList<int> GroupMembers(int pgid)
    {
        var members = new List<int>();
        if (pgid <= 1) return members;
        foreach (var dir in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } fields && fields[0] != "Z" && fields.Length > 2
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group) && group == pgid)
                members.Add(pid);
        }
        return members;
    }

    /// <summary>The process's start time in clock ticks since boot (field 22 of stat), or null when it does not exist.</summary>
    public static long? StartTicks(int pid) =>
        Stat(pid) is { Length: > 19 } fields && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name: [0] state, [1] ppid, [2] pgrp, …</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length ? null : stat[(close + 2)..].Split(' ');
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
