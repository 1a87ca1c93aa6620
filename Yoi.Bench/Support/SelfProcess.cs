using System.Diagnostics;

namespace Yoi.Bench;

/// <summary>Starts this benchmark executable again in a worker mode (apphost, or the dotnet host with our dll).</summary>
internal static class SelfProcess
{
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet") start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {processPath}");
    }
}
