using System.Diagnostics;

namespace Yoi.Core.Git;

/// <summary>The outcome of one git command: exit code and trimmed output.</summary>
public sealed record GitResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    /// <summary>Stderr, else stdout, else "exit code N": the text to put in an error message.</summary>
    public string Message => Stderr.Length > 0 ? Stderr : Stdout.Length > 0 ? Stdout : $"exit code {ExitCode}";
}

/// <summary>One entry of <c>git worktree list --porcelain</c>: its path and checked-out branch (null when detached).</summary>
public sealed record GitWorktree(string Path, string? Branch);

/// <summary>A git failure naming the command, the directory and git's own message.</summary>
public sealed class GitException(string message) : YoiException(message);

/// <summary>
/// Runs the <c>git</c> executable (argument list, never a shell) in a directory, with a time limit. The one way
/// Yoi.Core talks to git; the environment is cleaned of variables that would redirect git to another repository.
/// </summary>
public static class GitCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] RedirectingVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"];

    public static async Task<GitResult> RunAsync(string directory, IEnumerable<string> arguments, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var v in RedirectingVariables) info.Environment.Remove(v);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new GitResult(127, "", $"git could not be started: {ex.Message}");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (cancellationToken.IsCancellationRequested) throw;
            return new GitResult(124, "", $"git {string.Join(' ', info.ArgumentList)} timed out in {directory}");
        }
        return new GitResult(process.ExitCode, (await stdout.ConfigureAwait(false)).TrimEnd(), (await stderr.ConfigureAwait(false)).Trim());
    }

    /// <summary>Runs and returns stdout, or throws a <see cref="GitException"/> naming the command and directory.</summary>
    public static async Task<string> OutputAsync(string directory, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var args = arguments.ToList();
        var result = await RunAsync(directory, args, null, cancellationToken).ConfigureAwait(false);
        return result.Ok ? result.Stdout : throw new GitException($"`git {string.Join(' ', args)}` failed in {directory}: {result.Message}");
    }

    /// <summary>The top level of the worktree containing <paramref name="directory"/> (canonical), or null when it is not in a git worktree.</summary>
    public static async Task<string?> TopLevelAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory)) return null;
        var result = await RunAsync(directory, ["rev-parse", "--show-toplevel"], null, cancellationToken).ConfigureAwait(false);
        return result.Ok && result.Stdout.Length > 0 ? Paths.WorkspaceKey.Canonicalize(result.Stdout) : null;
    }

    /// <summary>The canonical git common dir of the worktree at <paramref name="directory"/>.</summary>
    public static async Task<string?> CommonDirAsync(string directory, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(directory, ["rev-parse", "--path-format=absolute", "--git-common-dir"], null, cancellationToken).ConfigureAwait(false);
        return result.Ok && result.Stdout.Length > 0 ? Paths.WorkspaceKey.Canonicalize(result.Stdout) : null;
    }

    /// <summary>The current branch name, or null on a detached HEAD.</summary>
    public static async Task<string?> BranchAsync(string directory, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(directory, ["symbolic-ref", "--quiet", "--short", "HEAD"], null, cancellationToken).ConfigureAwait(false);
        return result.Ok && result.Stdout.Length > 0 ? result.Stdout : null;
    }

    /// <summary><c>git status --porcelain</c> lines, optionally limited to a path.</summary>
    public static async Task<IReadOnlyList<string>> StatusAsync(string directory, string? path = null, CancellationToken cancellationToken = default)
    {
        List<string> args = ["status", "--porcelain", "--untracked-files=all"];
        if (path is not null) args.AddRange(["--", path]);
        var output = await OutputAsync(directory, args, cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The repository's worktrees as <c>git worktree list --porcelain</c> lists them (empty when git fails).</summary>
    public static async Task<IReadOnlyList<GitWorktree>> WorktreesAsync(string directory, CancellationToken cancellationToken = default)
    {
        var list = new List<GitWorktree>();
        var result = await RunAsync(directory, ["worktree", "list", "--porcelain"], null, cancellationToken).ConfigureAwait(false);
        if (!result.Ok) return list;
        string? path = null;
        string? branch = null;
        foreach (var line in result.Stdout.Split('\n').Append(""))
        {
            if (line.StartsWith("worktree ", StringComparison.Ordinal)) path = line["worktree ".Length..];
            else if (line.StartsWith("branch refs/heads/", StringComparison.Ordinal)) branch = line["branch refs/heads/".Length..];
            else if (line.Length == 0 && path is not null)
            {
                list.Add(new GitWorktree(path, branch));
                path = branch = null;
            }
        }
        return list;
    }
}
