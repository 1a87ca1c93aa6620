using System.Diagnostics;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Tests.Support;

public sealed record YoiResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the real <c>yoi</c> CLI as a child process: the native executable named by <c>YOI_TEST_NATIVE_BIN</c> when set
/// (<c>./test.sh</c> publishes it fresh from this source and sets it), else the JIT build (the yoi.dll next to the test
/// binaries, run by the dotnet host). Every place in the suite that starts a <c>yoi</c> goes through
/// <see cref="Executable"/>; docs/testing.md says which build the children use and how to force either.
/// </summary>
public static class YoiProcess
{
    /// <summary>The native <c>yoi</c> the children run instead of <c>dotnet yoi.dll</c> (set by <c>./test.sh</c>).</summary>
    public const string NativeVariable = "YOI_TEST_NATIVE_BIN";

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "yoi.dll");

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>How the suite starts a child <c>yoi</c> (a CLI call, a Pod, the panel in tmux, and the Pods that in-process
    /// services start).</summary>
    public static PodExecutable Executable { get; } = ResolveExecutable(Environment.GetEnvironmentVariable(NativeVariable));

    /// <summary>True when the children run the native executable.</summary>
    public static bool Native => Executable.PrefixArguments.Count == 0;

    /// <summary>The services a test builds for its own yoi home: the system clock and <see cref="Executable"/> for Pods.</summary>
    public static YoiServices Services(YoiPaths paths) => new(paths, TimeProvider.System, Executable);

    internal static PodExecutable ResolveExecutable(string? native)
    {
        if (string.IsNullOrEmpty(native)) return new PodExecutable(DotnetHost, [Dll]);
        if (!File.Exists(native))
            throw new InvalidOperationException($"{NativeVariable}={native}: no such file; run the suite with ./test.sh (it publishes the native build), or unset {NativeVariable} to run the JIT build");
        return new PodExecutable(Path.GetFullPath(native), []);
    }

    /// <summary>
    /// The environment of a <c>yoi</c> process of the yoi home at <paramref name="paths"/> (real or <see cref="InProcessYoi"/>):
    /// its three dirs, and no home, Pod identity or crash point inherited from the test runner.
    /// </summary>
    public static Dictionary<string, string> EnvFor(YoiPaths paths) => new()
    {
        ["YOI_CONFIG_DIR"] = paths.Config,
        ["YOI_DATA_DIR"] = paths.Data,
        ["YOI_RUNTIME_DIR"] = paths.Runtime,
        ["YOI_HOME"] = "",
        ["YOI_POD"] = "",
        ["YOI_ROLE"] = "",
        [CrashPoint.Variable] = "",
    };

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Executable.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var prefix in Executable.PrefixArguments) start.ArgumentList.Add(prefix);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    public static YoiResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, env, workingDirectory))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"yoi {string.Join(' ', args)} did not exit in time");
        }
        return new YoiResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
