using Yoi.Core.Git;
using Yoi.Core.Paths;

namespace Yoi.Core.Delegation;

/// <summary>
/// A child's worktree <c>&lt;workspace&gt;/.worktree/&lt;child&gt;</c> on branch <c>work/&lt;child&gt;</c>: created from a
/// base commit with <c>git worktree add</c>, bootstrapped (<see cref="WorktreeInclude"/>, <see cref="WorktreeSetup"/>),
/// and removed again. <c>/.worktree/</c> is added to the repository's <c>info/exclude</c> so the main checkout never
/// shows (or <c>git add -A</c>s) the nested worktrees.
/// </summary>
public static class ChildWorktree
{
    public const string Folder = ".worktree";
    public const string BranchPrefix = "work/";

    public static string PathFor(string workspace, string child) => Path.Combine(workspace, Folder, child);

    public static string BranchFor(string child) => BranchPrefix + child;

    /// <summary>
    /// Creates the worktree from <paramref name="baseRef"/> (default: HEAD of <paramref name="baseDirectory"/>), copies
    /// the <c>.worktreeinclude</c> files and runs the setup commands. Any failure removes what was created and throws
    /// a <see cref="DelegationException"/> saying why; nothing is left behind.
    /// </summary>
    public static async Task<ChildDelegation> CreateAsync(string workspace, string parent, string child, string? baseRef, string baseDirectory,
        IReadOnlyList<string> setup, CancellationToken cancellationToken = default)
    {
        if (await GitCli.TopLevelAsync(workspace, cancellationToken).ConfigureAwait(false) != WorkspaceKey.Canonicalize(workspace))
            throw new DelegationException($"cannot give `{child}` a worktree: {workspace} is not the top of a git repository; run `git init` there or spawn without --worktree");
        var baseBranch = await GitCli.BranchAsync(workspace, cancellationToken).ConfigureAwait(false)
            ?? throw new DelegationException($"cannot give `{child}` a worktree: the main checkout {workspace} has a detached HEAD; check out the branch children merge into");
        var path = PathFor(workspace, child);
        var branch = BranchFor(child);
        if (Directory.Exists(path) || File.Exists(path))
            throw new DelegationException($"cannot give `{child}` a worktree: {path} already exists; `yoi pod discard {child}` or `git worktree remove` it first");
        if (await BranchExistsAsync(workspace, branch, cancellationToken).ConfigureAwait(false))
            throw new DelegationException($"cannot give `{child}` a worktree: branch {branch} already exists; delete it (`git branch -D {branch}`) or pick another child name");
        var spec = (baseRef ?? "HEAD") + "^{commit}";
        var resolved = await GitCli.RunAsync(baseRef is null ? baseDirectory : workspace, ["rev-parse", "--verify", "--quiet", spec], null, cancellationToken).ConfigureAwait(false);
        if (!resolved.Ok || resolved.Stdout.Length == 0)
            throw new DelegationException(baseRef is null
                ? $"cannot give `{child}` a worktree: {baseDirectory} has no commit yet; commit something first"
                : $"cannot give `{child}` a worktree: --base `{baseRef}` is not a commit in {workspace}");
        var baseCommit = resolved.Stdout;

        await ExcludeFolderAsync(workspace, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(workspace, Folder));
        var added = await GitCli.RunAsync(workspace, ["worktree", "add", "--quiet", "-b", branch, path, baseCommit], null, cancellationToken).ConfigureAwait(false);
        if (!added.Ok) throw new DelegationException($"cannot give `{child}` a worktree: `git worktree add {path}` failed: {added.Message}");
        try
        {
            WorktreeInclude.Copy(workspace, path, await WorktreeInclude.FilesAsync(workspace, cancellationToken).ConfigureAwait(false));
            await WorktreeSetup.RunAsync(path, workspace, child, setup, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DelegationException or IOException or UnauthorizedAccessException)
        {
            await RemoveAsync(workspace, path, branch, force: true, deleteBranch: true, CancellationToken.None).ConfigureAwait(false);
            if (ex is DelegationException) throw;
            throw new DelegationException($"cannot bootstrap the worktree of `{child}`: {ex.Message}", ex);
        }
        return new ChildDelegation(parent, path, branch, baseBranch, baseCommit);
    }

    /// <summary>Removes the worktree (forced: also with changes) and, when asked, its branch; returns git's complaints, empty when all went.</summary>
    public static async Task<IReadOnlyList<string>> RemoveAsync(string workspace, string path, string branch, bool force, bool deleteBranch,
        CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (Directory.Exists(path))
        {
            List<string> args = ["worktree", "remove", path];
            if (force) args.Insert(2, "--force");
            var removed = await GitCli.RunAsync(workspace, args, null, cancellationToken).ConfigureAwait(false);
            if (!removed.Ok) problems.Add($"`git worktree remove {path}`: {removed.Message}");
        }
        await GitCli.RunAsync(workspace, ["worktree", "prune"], null, cancellationToken).ConfigureAwait(false);
        if (deleteBranch && await BranchExistsAsync(workspace, branch, cancellationToken).ConfigureAwait(false))
        {
            var deleted = await GitCli.RunAsync(workspace, ["branch", force ? "-D" : "-d", branch], null, cancellationToken).ConfigureAwait(false);
            if (!deleted.Ok) problems.Add($"`git branch -d {branch}`: {deleted.Message}");
        }
        return problems;
    }

    public static async Task<bool> BranchExistsAsync(string workspace, string branch, CancellationToken cancellationToken = default) =>
        (await GitCli.RunAsync(workspace, ["rev-parse", "--verify", "--quiet", "refs/heads/" + branch], null, cancellationToken).ConfigureAwait(false)).Ok;

    /// <summary>Adds <c>/.worktree/</c> to the repository's <c>info/exclude</c> once (<see cref="GitExclude"/>).</summary>
    private static Task ExcludeFolderAsync(string workspace, CancellationToken cancellationToken) =>
        GitExclude.EnsureAsync(workspace, Folder, "child Pod worktrees", cancellationToken);
}
