using System.Diagnostics;

namespace Yoi.Core.Delegation;

/// <summary>
/// The workspace config's <c>worktree.setup</c> commands, run one after the other in a new child worktree through
/// <c>/bin/sh -c</c> (they are the user's own shell lines, like a Makefile's) with <c>YOI_WORKSPACE</c>,
/// <c>YOI_WORKTREE</c> and <c>YOI_POD</c> set. The first failure stops the bootstrap with the command, its exit code
/// and the tail of its output, and the child is not started.
/// </summary>
public static class WorktreeSetup
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);
    private const int TailLines = 8;

    public static async Task RunAsync(string worktree, string workspace, string child, IReadOnlyList<string> commands, CancellationToken cancellationToken = default)
    {
        foreach (var command in commands)
        {
            var info = new ProcessStartInfo("/bin/sh")
            {
                WorkingDirectory = worktree,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(command);
            info.Environment["YOI_WORKSPACE"] = workspace;
            info.Environment["YOI_WORKTREE"] = worktree;
            info.Environment["YOI_POD"] = child;
            using var process = new Process { StartInfo = info };
            process.Start();
            process.StandardInput.Close();
            var output = new List<string>();
            void Collect(object? _, DataReceivedEventArgs e)
            {
                if (e.Data is { } line) lock (output) output.Add(line);
            }
            process.OutputDataReceived += Collect;
            process.ErrorDataReceived += Collect;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new DelegationException($"worktree setup command `{command}` did not finish within {CommandTimeout.TotalMinutes:0} min in {worktree}; " +
                    "the child was not started (fix `worktree.setup` in .yoi/config.json and spawn again)");
            }
            process.WaitForExit();
            if (process.ExitCode == 0) continue;
            string tail;
            lock (output) tail = string.Join(" | ", output.Where(l => l.Trim().Length > 0).TakeLast(TailLines));
            throw new DelegationException($"worktree setup command `{command}` failed with exit code {process.ExitCode}" +
                (tail.Length > 0 ? $": {tail}" : "") + $"; the child `{child}` was not started (fix `worktree.setup` in .yoi/config.json and spawn again)");
        }
    }
}
