using Yoi.Core;
using System.CommandLine;
using Yoi.Core.Paths;

namespace Yoi.Tui.Cli;

/// <summary>Shared CLI plumbing: the workspace option and uniform error reporting (services come from <c>YoiServices</c>).</summary>
internal static class CliContext
{
    public static Option<string> WorkspaceOption() => new("--workspace", "-w")
    {
        Description = "Workspace directory (default: the current directory)",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for scripts" };

    /// <summary>Runs a command body; known failures print one line ("yoi: …") and exit 1, never a stack trace.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"yoi: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            await Console.Error.WriteLineAsync($"yoi: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    public static int Run(Func<int> body) => RunAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();
}
