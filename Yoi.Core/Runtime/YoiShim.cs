using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Runtime;

/// <summary>
/// The <c>yoi</c> an agent runs inside its Pod: <c>&lt;runtime&gt;/&lt;pod&gt;/bin/yoi</c>, a two-line script that execs
/// this very yoi (apphost, or the dotnet host with yoi.dll), so <c>yoi ticket …</c>, <c>yoi peer …</c> and
/// <c>yoi pod …</c> work from the agent's shell whether or not yoi is installed on PATH. The engine puts its folder
/// first on the agent's PATH.
/// </summary>
public static class YoiShim
{
    /// <summary>Writes the script (atomically, mode 0700) and returns its folder.</summary>
    public static string Write(string runtimeDir, PodExecutable executable)
    {
        var bin = Path.Combine(runtimeDir, "bin");
        Directory.CreateDirectory(bin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var argv = string.Join(' ', new[] { executable.Program }.Concat(executable.PrefixArguments).Select(Quote));
        var path = Path.Combine(bin, "yoi");
        AtomicFile.WriteAllText(path, $"#!/bin/sh\nexec {argv} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    /// <summary>POSIX single-quoting: nothing inside is interpreted by the shell.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
