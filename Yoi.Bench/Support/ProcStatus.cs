namespace Yoi.Bench;

/// <summary>Reads fields of <c>/proc/&lt;pid&gt;/status</c> (VmHWM, VmRSS, State).</summary>
internal static class ProcStatus
{
    /// <summary>A <c>kB</c> field such as VmHWM, or null when the process is gone or the field is absent.</summary>
    public static long? KiB(int pid, string field)
    {
        foreach (var line in Lines(pid))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var parts = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.TryParse(parts[0], out var value) ? value : null;
        }
        return null;
    }

    public static char? State(int pid)
    {
        foreach (var line in Lines(pid))
            if (line.StartsWith("State:", StringComparison.Ordinal)) return line[6..].Trim().FirstOrDefault();
        return null;
    }

    private static string[] Lines(int pid)
    {
        try { return File.ReadAllLines($"/proc/{pid}/status"); }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    }
}
