namespace Yoi.Core.Engines;

/// <summary>Finds a program the way exec does: a path with a slash as is, a bare name on PATH; executable files only.</summary>
public static class ProgramLocator
{
    public static string? Find(string program, string? pathVariable = null)
    {
        if (program.Contains('/', StringComparison.Ordinal)) return IsExecutable(program) ? program : null;
        foreach (var dir in (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Null when the spec's program can be run; otherwise why not and how to fix it.</summary>
    public static string? Problem(EngineSpec spec)
    {
        if (spec.Program is not { } program || Find(program) is not null) return null;
        return $"its engine program `{program}` is not installed or not on PATH; "
            + (spec.InstallHint ?? "fix the profile's `command` (an argv, no shell)");
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            return (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
