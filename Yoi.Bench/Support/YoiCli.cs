using System.Diagnostics;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Bench;

/// <summary>Runs the real <c>yoi</c> (resolved like the product resolves it) and times start → exit.</summary>
internal static class YoiCli
{
    public static ProcessStartInfo StartInfo(BenchHome home, IEnumerable<string> args, PodExecutable? build = null)
    {
        var executable = build ?? PodExecutable.Resolve();
        var start = new ProcessStartInfo(executable.Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Workspace,
        };
        foreach (var a in executable.PrefixArguments) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in home.Environment) start.Environment[k] = v;
        return start;
    }

    /// <summary>Milliseconds from process start to exit; the output must contain <paramref name="expect"/>.</summary>
    public static double Run(BenchHome home, IReadOnlyList<string> args, string expect, PodExecutable? build = null, string? workingDirectory = null)
    {
        var info = StartInfo(home, args, build);
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (process.ExitCode != 0 || !stdout.Contains(expect, StringComparison.Ordinal))
            throw new InvalidOperationException($"yoi {string.Join(' ', args)} exited {process.ExitCode} without `{expect}`: {stderr.Result}");
        return ms;
    }
}
