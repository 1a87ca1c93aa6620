using System.ComponentModel;
using System.Diagnostics;

namespace Yoi.Core.Demo;

/// <summary>Thrown when a git step of the demo fails; the message names the command and git's own words.</summary>
public sealed class DemoException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs git for the demo workspace's own commits. The author is passed with <c>-c</c>, so the demo works where
/// <c>user.name</c>/<c>user.email</c> are unset, and the user's git config is never changed.
/// </summary>
internal static class DemoGit
{
    public const string AuthorName = "yoi demo";
    public const string AuthorEmail = "demo@yoi.invalid";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public static void Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", $"user.name={AuthorName}", "-c", $"user.email={AuthorEmail}", "-c", "commit.gpgsign=false" }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DemoException("could not start git");
        }
        catch (Win32Exception ex)
        {
            throw new DemoException($"yoi demo needs git on PATH ({ex.Message}); install git and run `yoi demo` again", ex);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Budget))
            {
                process.Kill(entireProcessTree: true);
                throw new DemoException($"`git {string.Join(' ', args)}` did not finish within {Budget.TotalSeconds:0}s in {workingDirectory}");
            }
            if (process.ExitCode != 0)
                throw new DemoException($"`git {string.Join(' ', args)}` failed in {workingDirectory} (exit {process.ExitCode}): " +
                    $"{(stderr.Result + stdout.Result).Trim().ReplaceLineEndings(" ")}");
        }
    }
}
