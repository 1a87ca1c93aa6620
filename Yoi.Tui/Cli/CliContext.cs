using Yoi.Core;
using System.CommandLine;

namespace Yoi.Tui.Cli;

/// <summary>
/// Shared CLI plumbing: where a command prints (the invocation's writers, <see cref="InvocationConfiguration"/>) and
/// uniform error reporting (services come from <c>YoiServices</c>, the workspace from <see cref="WorkspaceOption"/>).
/// </summary>
internal static class CliContext
{
    extension(ParseResult parse)
    {
        /// <summary>This invocation's standard output: the process's stdout, or a test's writer when run in-process.</summary>
        public TextWriter Out => parse.InvocationConfiguration.Output;

        /// <summary>This invocation's error output: the process's stderr, or a test's writer when run in-process.</summary>
        public TextWriter Err => parse.InvocationConfiguration.Error;

        /// <summary>Whether this invocation prints to the process's own console (not a test's writer): only then may it ask or colour.</summary>
        public bool OnConsole => ReferenceEquals(parse.InvocationConfiguration.Output, Console.Out);
    }

    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for scripts" };

    /// <summary>Runs a command body; known failures print one line ("yoi: …") to the invocation's error output and exit 1 (bad input: 2), never a stack trace.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await parse.Err.WriteLineAsync($"yoi: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            await parse.Err.WriteLineAsync($"yoi: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    public static int Run(ParseResult parse, Func<int> body) => RunAsync(parse, () => Task.FromResult(body())).GetAwaiter().GetResult();
}
