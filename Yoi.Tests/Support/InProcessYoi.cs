using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Tui.Cli;

namespace Yoi.Tests.Support;

/// <summary>
/// Runs the <c>yoi</c> CLI in this process through the binary's own entry (<see cref="YoiCli.RunAsync(string[], YoiServices, TextWriter, TextWriter)"/>)
/// with string writers: the same commands, parsing, exit codes and output as <see cref="YoiProcess"/>, without a process
/// start. Each run builds its services as a new process would, from the environment given here and nothing else (the
/// test process's own environment is neither read nor changed, so runs can go in parallel). Pass <c>--workspace</c>:
/// the current directory is the test process's.
/// </summary>
public static class InProcessYoi
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The services a <c>yoi</c> process started with exactly <paramref name="env"/> builds (empty values count as unset).
    /// The Pods they start run <see cref="YoiProcess.Executable"/> (the suite's child build), or the program the env
    /// names in <c>YOI_POD_RUNTIME_COMMAND</c>, as a real yoi would.
    /// </summary>
    public static YoiServices Services(IReadOnlyDictionary<string, string> env)
    {
        string? Lookup(string name) => env.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        var executable = Lookup(PodExecutable.OverrideVariable) is { } program ? new PodExecutable(program, []) : YoiProcess.Executable;
        return new YoiServices(YoiPaths.From(Lookup), TimeProvider.System, executable, Lookup);
    }

    public static YoiResult Run(IReadOnlyDictionary<string, string> env, params string[] args) => Run(Services(env), args);

    public static YoiResult Run(YoiServices services, params string[] args)
    {
        var run = RunAsync(services, args);
        if (!run.Wait(Patience)) Assert.Fail($"yoi {string.Join(' ', args)} (in-process) did not return within {Patience.TotalSeconds:0} s");
        return run.Result;
    }

    public static Task<YoiResult> RunAsync(IReadOnlyDictionary<string, string> env, params string[] args) => RunAsync(Services(env), args);

    public static async Task<YoiResult> RunAsync(YoiServices services, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await YoiCli.RunAsync(args, services, output, error).ConfigureAwait(false);
        return new YoiResult(code, output.ToString(), error.ToString());
    }
}
