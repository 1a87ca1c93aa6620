using Yoi.Core.Config;
using Yoi.Core.Git;

namespace Yoi.Core.Git;

/// <summary>The result of checking the orchestration worktree: usable, missing, or refused with a reason.</summary>
public sealed record WorktreeCheck(bool Exists, bool Valid, string? Problem, bool Clean = true);

/// <summary>
/// The orchestration worktree <c>&lt;root&gt;/&lt;orchestration.worktree&gt;</c> on branch <c>orchestration.branch</c>
/// (docs/original-panel.md §2.6): validated (top level, branch, shared common dir, clean) and created with
/// <c>git worktree add</c> when missing. Nothing is ever cleaned up or reset.
/// </summary>
public sealed class OrchestrationWorktree(string workspaceRoot, WorkspaceConfig config)
{
    public string Path { get; } = System.IO.Path.Combine(workspaceRoot, config.OrchestrationWorktree);

    public string Branch => config.OrchestrationBranch;

    /// <summary>The Ticket root inside the worktree (the configured root, relative to the workspace).</summary>
    public string TicketsRoot => System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(workspaceRoot, config.TicketsRoot));

    /// <summary>True when the workspace root is the top level of a git worktree.</summary>
    public static async Task<bool> IsGitRepositoryAsync(string workspaceRoot, CancellationToken cancellationToken = default) =>
        await GitCli.TopLevelAsync(workspaceRoot, cancellationToken).ConfigureAwait(false) == Paths.WorkspaceKey.Canonicalize(workspaceRoot);

    /// <summary>Checks identity (top level, branch, common dir) and, when <paramref name="requireClean"/>, cleanliness.</summary>
    public async Task<WorktreeCheck> CheckAsync(bool requireClean, CancellationToken cancellationToken = default)
    {
        if (File.Exists(Path) && !Directory.Exists(Path)) return new WorktreeCheck(true, false, $"{Path} exists but is not a directory");
        if (!Directory.Exists(Path)) return new WorktreeCheck(false, false, $"orchestration worktree {Path} does not exist");
        var top = await GitCli.TopLevelAsync(Path, cancellationToken).ConfigureAwait(false);
        if (top is null) return new WorktreeCheck(true, false, $"{Path}: path exists but is not a Git worktree");
        var canonical = Paths.WorkspaceKey.Canonicalize(Path);
        if (top != canonical) return new WorktreeCheck(true, false, $"{Path} is inside Git worktree {top}, but is not the worktree root");
        var common = await GitCli.CommonDirAsync(Path, cancellationToken).ConfigureAwait(false);
        var rootCommon = await GitCli.CommonDirAsync(workspaceRoot, cancellationToken).ConfigureAwait(false);
        if (common is null || common != rootCommon) return new WorktreeCheck(true, false, $"{Path} belongs to a different Git repository (expected worktree is from a different git common-dir)");
        var branch = await GitCli.BranchAsync(Path, cancellationToken).ConfigureAwait(false);
        if (branch != Branch) return new WorktreeCheck(true, false, $"{Path} is on branch {branch ?? "(detached HEAD)"}, expected {Branch}");
        if (!requireClean) return new WorktreeCheck(true, true, null);
        var status = await GitCli.StatusAsync(Path, null, cancellationToken).ConfigureAwait(false);
        return status.Count == 0
            ? new WorktreeCheck(true, true, null)
            : new WorktreeCheck(true, true, $"orchestration worktree is dirty; refusing automatic reuse ({string.Join("; ", status.Take(6))})", Clean: false);
    }

    public const string Created = "created";
    public const string Reused = "reused";

    /// <summary>The worktree's folder relative to the workspace root, as configured (<c>.worktree/orchestration</c>).</summary>
    public string Folder => config.OrchestrationWorktree.Replace('\\', '/').Trim('/');

    /// <summary>
    /// Reuses a valid clean worktree, or creates it; returns "created" or "reused". Either way the folder is in the
    /// repository's <c>info/exclude</c> (<see cref="GitExclude"/>: the main checkout's <c>git status</c> never shows it)
    /// and the worktree has the Ticket root (a fresh repository has not committed <c>.yoi/tickets</c> yet, so a new
    /// checkout lacks it). Throws <see cref="GitException"/> with the reason.
    /// </summary>
    public async Task<string> PrepareAsync(CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(requireClean: true, cancellationToken).ConfigureAwait(false);
        if (check.Exists && (!check.Valid || !check.Clean)) throw new GitException(check.Problem!);
        await GitExclude.EnsureAsync(workspaceRoot, Folder, "the Orchestrator's worktree", cancellationToken).ConfigureAwait(false);
        if (!check.Exists)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var branchExists = (await GitCli.RunAsync(workspaceRoot, ["rev-parse", "--verify", "--quiet", $"refs/heads/{Branch}"], null, cancellationToken).ConfigureAwait(false)).Ok;
            string[] args = branchExists ? ["worktree", "add", Path, Branch] : ["worktree", "add", Path, "-b", Branch, "HEAD"];
            await GitCli.OutputAsync(workspaceRoot, args, cancellationToken).ConfigureAwait(false);
        }
        Directory.CreateDirectory(TicketsRoot);
        return check.Exists ? Reused : Created;
    }
}
