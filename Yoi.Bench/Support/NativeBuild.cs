using System.Diagnostics;
using System.Runtime.InteropServices;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Bench;

/// <summary>
/// The native (Native AOT) <c>yoi</c>: <c>YOI_NATIVE_BIN</c>, else the one <c>./yoi</c> publishes,
/// <c>Yoi.Tui/bin/native/&lt;rid&gt;/yoi</c> in this repository. Benchmarks that start Pods use it when it exists
/// (<see cref="PodsExecutable"/>); the <c>native</c> benchmark publishes it when it is missing.
/// </summary>
internal static class NativeBuild
{
    public static string Rid => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("YOI_NATIVE_BIN") is { Length: > 0 } overridden) return overridden;
            return System.IO.Path.Combine(RepoRoot, "Yoi.Tui", "bin", "native", Rid, "yoi");
        }
    }

    public static bool Exists => File.Exists(Path);

    /// <summary>The native executable when it exists (say so), else the JIT one this process would start.</summary>
    public static PodExecutable PodsExecutable(BenchReport report)
    {
        if (Exists)
        {
            report.Note($"Pods run the native build {Path}");
            return new PodExecutable(Path, []);
        }
        report.Note("Pods run the JIT build (no native build; `./yoi --help` or the `native` benchmark publishes one)");
        return Jit;
    }

    /// <summary>The JIT build: the dotnet host with the yoi.dll next to this benchmark.</summary>
    public static PodExecutable Jit => PodExecutable.Resolve() is { PrefixArguments.Count: > 0 } jit ? jit
        : new PodExecutable("dotnet", [System.IO.Path.Combine(AppContext.BaseDirectory, "yoi.dll")]);

    /// <summary>Publishes the native build where <c>./yoi</c> puts it (minutes on 2 cores). False when it could not.</summary>
    public static bool TryPublish(BenchReport report)
    {
        var project = System.IO.Path.Combine(RepoRoot, "Yoi.Tui", "Yoi.Tui.csproj");
        if (!File.Exists(project)) return false;
        report.Note($"publishing the native build ({Rid}) to {System.IO.Path.GetDirectoryName(Path)}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", project, "-c", "Release", "-r", Rid, "-o", System.IO.Path.GetDirectoryName(Path)!, "-nologo", "-clp:ErrorsOnly" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0 && Exists) return true;
        report.Note($"native publish failed (exit {process.ExitCode}): {(stdout + stderr.Result).Trim().ReplaceLineEndings(" | ")}");
        return false;
    }

    private static string RepoRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "Yoi.sln"))) dir = System.IO.Path.GetDirectoryName(dir);
            return dir ?? AppContext.BaseDirectory;
        }
    }
}
