using System.Globalization;
using Yoi.Core.Git;

namespace Yoi.Core.Delegation;

/// <summary>A child branch against its base: commits ahead/behind, lines added/removed, files changed, uncommitted changes.</summary>
public sealed record ChildDiffStats(int Ahead, int Behind, int Added, int Removed, int Files, bool Dirty);

/// <summary>The committed part of <see cref="ChildDiffStats"/>: what <c>base...branch</c> holds (no worktree status).</summary>
public sealed record ChildDiffCounts(int Ahead, int Behind, int Added, int Removed, int Files);

/// <summary>
/// The child's branch against the main checkout's base branch, as <c>git diff base...branch</c> shows it: only what the
/// child did since it forked (what a merge would bring in). Read-only.
/// </summary>
public static class ChildDiff
{
    /// <summary>Ahead/behind, the numstat sums and whether the worktree has uncommitted changes; null when the branch or the base is gone.</summary>
    public static async Task<ChildDiffStats?> StatsAsync(string workspace, ChildDelegation delegation, CancellationToken cancellationToken = default)
    {
        if (!delegation.HasWorktree || delegation.BaseBranch is not { } baseBranch) return null;
        if (await CountsAsync(workspace, baseBranch, delegation.Branch!, cancellationToken).ConfigureAwait(false) is not { } counts) return null;
        var dirty = Directory.Exists(delegation.Worktree)
            && (await GitCli.RunAsync(delegation.Worktree!, ["status", "--porcelain", "--untracked-files=normal"], null, cancellationToken).ConfigureAwait(false)) is { Ok: true, Stdout.Length: > 0 };
        return new ChildDiffStats(counts.Ahead, counts.Behind, counts.Added, counts.Removed, counts.Files, dirty);
    }

    /// <summary>
    /// Commits of <paramref name="branch"/> not in <paramref name="baseBranch"/> (ahead) and the reverse (behind), and the
    /// <c>git diff --numstat base...branch</c> sums (binary files count as changed files with no lines); null when git
    /// cannot resolve the range.
    /// </summary>
    public static async Task<ChildDiffCounts?> CountsAsync(string workspace, string baseBranch, string branch, CancellationToken cancellationToken = default)
    {
        var range = $"{baseBranch}...{branch}";
        var counts = await GitCli.RunAsync(workspace, ["rev-list", "--left-right", "--count", range], null, cancellationToken).ConfigureAwait(false);
        if (!counts.Ok) return null;
        var parts = counts.Stdout.Split('\t', ' ');
        var behind = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var ahead = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        var numstat = await GitCli.RunAsync(workspace, ["diff", "--numstat", range], null, cancellationToken).ConfigureAwait(false);
        if (!numstat.Ok) return null;
        int added = 0, removed = 0, files = 0;
        foreach (var line in numstat.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cols = line.Split('\t');
            files++;
            if (cols.Length < 2) continue;
            added += int.TryParse(cols[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
            removed += int.TryParse(cols[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        }
        return new ChildDiffCounts(ahead, behind, added, removed, files);
    }

    /// <summary>The stat and the patch of the child's branch against its base (ANSI colour when <paramref name="color"/>).</summary>
    public static async Task<string> PatchAsync(string workspace, ChildDelegation delegation, bool color, CancellationToken cancellationToken = default)
    {
        if (!delegation.HasWorktree || delegation.BaseBranch is not { } baseBranch)
            throw new DelegationException($"pod `{PodOf(delegation)}` has no worktree branch to diff (it was not spawned with --worktree)");
        var result = await GitCli.RunAsync(workspace,
            ["-c", "color.ui=" + (color ? "always" : "never"), "diff", "--stat", "--patch", $"{baseBranch}...{delegation.Branch}"], null, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
            throw new DelegationException($"cannot diff {delegation.Branch} against {baseBranch}: {result.Message}; `yoi doctor` checks the child's worktree and branch");
        return result.Stdout;
    }

    private static string PodOf(ChildDelegation delegation) => delegation.Branch?[ChildWorktree.BranchPrefix.Length..] ?? "?";
}
