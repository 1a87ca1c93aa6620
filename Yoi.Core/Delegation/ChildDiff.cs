using System.Globalization;
using Yoi.Core.Git;

namespace Yoi.Core.Delegation;

/// <summary>A child branch against its base: commits ahead/behind, lines added/removed, files changed, uncommitted changes.</summary>
public sealed record ChildDiffStats(int Ahead, int Behind, int Added, int Removed, int Files, bool Dirty);

/// <summary>
/// The child's branch against the main checkout's base branch, as <c>git diff base...branch</c> shows it: only what the
/// child did since it forked (what a merge would bring in). Read-only.
/// </summary>
public static class ChildDiff
{
    /// <summary>Ahead/behind and the numstat sums; null when the branch or the base is gone.</summary>
    public static async Task<ChildDiffStats?> StatsAsync(string workspace, ChildDelegation delegation, CancellationToken cancellationToken = default)
    {
        if (!delegation.HasWorktree || delegation.BaseBranch is not { } baseBranch) return null;
        var range = $"{baseBranch}...{delegation.Branch}";
        var counts = await GitCli.RunAsync(workspace, ["rev-list", "--left-right", "--count", range], null, cancellationToken).ConfigureAwait(false);
        if (!counts.Ok) return null;
        var parts = counts.Stdout.Split('\t', ' ');
        var behind = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var ahead = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        var numstat = await GitCli.RunAsync(workspace, ["diff", "--numstat", range], null, cancellationToken).ConfigureAwait(false);
        int added = 0, removed = 0, files = 0;
        foreach (var line in numstat.Ok ? numstat.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            var cols = line.Split('\t');
            files++;
            if (cols.Length < 2) continue;
            added += int.TryParse(cols[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
            removed += int.TryParse(cols[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        }
        var dirty = Directory.Exists(delegation.Worktree)
            && (await GitCli.RunAsync(delegation.Worktree!, ["status", "--porcelain", "--untracked-files=normal"], null, cancellationToken).ConfigureAwait(false)) is { Ok: true, Stdout.Length: > 0 };
        return new ChildDiffStats(ahead, behind, added, removed, files, dirty);
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
