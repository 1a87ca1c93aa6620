namespace Yoi.Core.Paths;

/// <summary>
/// How to start another <c>yoi</c> process: <c>YOI_POD_RUNTIME_COMMAND</c> when set (a program path, not
/// shell-parsed), else this process's own apphost, else the dotnet host with <c>yoi.dll</c> next to this assembly.
/// </summary>
public sealed record PodExecutable(string Program, IReadOnlyList<string> PrefixArguments)
{
    public const string OverrideVariable = "YOI_POD_RUNTIME_COMMAND";

    public static PodExecutable Resolve()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } program) return new PodExecutable(program, []);
        var processPath = Environment.ProcessPath ?? "";
        if (Path.GetFileName(processPath) == "yoi") return new PodExecutable(processPath, []);
        var dll = Path.Combine(AppContext.BaseDirectory, "yoi.dll");
        var host = Path.GetFileName(processPath) == "dotnet" ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath
            : "dotnet";
        return new PodExecutable(host, [dll]);
    }
}
