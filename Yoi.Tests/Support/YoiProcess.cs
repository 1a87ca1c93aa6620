using System.Diagnostics;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Tests.Support;

public sealed record YoiResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real <c>yoi</c> CLI (the yoi.dll next to the test binaries) as a child process.</summary>
public static class YoiProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "yoi.dll");

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

    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        start.ArgumentList.Add(Dll);
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
