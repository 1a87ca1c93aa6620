using Yoi.Core.Git;

namespace Yoi.Core.Delegation;

/// <summary>
/// What the panel shows for a child's branch: its <see cref="ChildDiffCounts"/> against the base branch, or the one
/// word saying why there are none (<see cref="NoWorktree"/>, <see cref="WorktreeGone"/>, <see cref="BranchGone"/>,
/// <see cref="BaseGone"/>, <see cref="GitFailed"/>).
/// </summary>
public sealed record ChildSummary(ChildDiffCounts? Counts, string? Problem)
{
    public const string NoWorktree = "no worktree";
    public const string WorktreeGone = "worktree gone";
    public const string BranchGone = "branch gone";
    public const string BaseGone = "base gone";
    public const string GitFailed = "git failed";

    public static ChildSummary Of(ChildDiffCounts counts) => new(counts, null);

    public static ChildSummary Missing(string problem) => new(null, problem);

    /// <summary><c>↑ahead ↓behind</c> (commits against the base branch), or the problem word.</summary>
    public string AheadBehind => Counts is { } c ? $"↑{c.Ahead} ↓{c.Behind}" : Problem ?? "";

    /// <summary><c>+added −removed</c> lines, or empty when there are no counts.</summary>
    public string Lines => Counts is { } c ? $"+{c.Added} −{c.Removed}" : "";

    public override string ToString() => Counts is null ? Problem ?? "" : $"{AheadBehind} {Lines}";
}

/// <summary>
/// The panel's per-child branch summaries, computed cheaply: one <c>git for-each-ref</c> per call reads the heads of every
/// child branch and its base, and the counts (<see cref="ChildDiff.CountsAsync"/>: <c>rev-list</c> and <c>diff --numstat</c>)
/// are computed again only for a child whose branch head or base head moved since the last call. No child with a
/// worktree: no git at all. A worktree directory that is gone, or a branch or base git no longer has, is a problem word,
/// never an exception. Not thread-safe: the panel's loader calls it from its one reload at a time.
/// </summary>
public sealed class ChildSummaries
{
    private Dictionary<string, (string BranchHead, string BaseHead, ChildDiffCounts Counts)> _cache = new(StringComparer.Ordinal);

    /// <summary>How many times counts were computed (a cache miss); for tests and the benchmark.</summary>
    public int Computed { get; private set; }

    /// <summary>The summary of each child Pod by name; <paramref name="workspace"/> is the main checkout the branches live in.</summary>
    public async Task<IReadOnlyDictionary<string, ChildSummary>> SummarizeAsync(string workspace,
        IReadOnlyList<(string Pod, ChildDelegation Delegation)> children, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, ChildSummary>(StringComparer.Ordinal);
        var withBranch = new List<(string Pod, ChildDelegation Delegation)>();
        foreach (var (pod, delegation) in children)
        {
            if (!delegation.HasWorktree || delegation.BaseBranch is null) result[pod] = ChildSummary.Missing(ChildSummary.NoWorktree);
            else if (!Directory.Exists(delegation.Worktree)) result[pod] = ChildSummary.Missing(ChildSummary.WorktreeGone);
            else withBranch.Add((pod, delegation));
        }
        var next = new Dictionary<string, (string, string, ChildDiffCounts)>(StringComparer.Ordinal);
        if (withBranch.Count > 0)
        {
            var heads = await HeadsAsync(workspace, withBranch.SelectMany(c => new[] { c.Delegation.Branch!, c.Delegation.BaseBranch! }), cancellationToken)
                .ConfigureAwait(false);
            foreach (var (pod, delegation) in withBranch)
                result[pod] = await SummarizeAsync(workspace, delegation, heads, next, cancellationToken).ConfigureAwait(false);
        }
        _cache = next;
        return result;
    }

    private async Task<ChildSummary> SummarizeAsync(string workspace, ChildDelegation delegation, IReadOnlyDictionary<string, string>? heads,
        Dictionary<string, (string, string, ChildDiffCounts)> next, CancellationToken cancellationToken)
    {
        var branch = delegation.Branch!;
        var baseBranch = delegation.BaseBranch!;
        if (heads is null) return ChildSummary.Missing(ChildSummary.GitFailed);
        if (!heads.TryGetValue(branch, out var branchHead)) return ChildSummary.Missing(ChildSummary.BranchGone);
        if (!heads.TryGetValue(baseBranch, out var baseHead)) return ChildSummary.Missing(ChildSummary.BaseGone);
        if (!(_cache.TryGetValue(branch, out var cached) && cached.BranchHead == branchHead && cached.BaseHead == baseHead))
        {
            Computed++;
            if (await ChildDiff.CountsAsync(workspace, baseBranch, branch, cancellationToken).ConfigureAwait(false) is not { } counts)
                return ChildSummary.Missing(ChildSummary.GitFailed);
            cached = (branchHead, baseHead, counts);
        }
        next[branch] = cached;
        return ChildSummary.Of(cached.Counts);
    }

    /// <summary>Branch name → commit for the named local branches that exist; null when git fails (not a repository, no git).</summary>
    private static async Task<IReadOnlyDictionary<string, string>?> HeadsAsync(string workspace, IEnumerable<string> branches, CancellationToken cancellationToken)
    {
        var names = branches.Distinct(StringComparer.Ordinal).ToList();
        var result = await GitCli.RunAsync(workspace, ["for-each-ref", "--format=%(objectname) %(refname)", .. names.Select(b => "refs/heads/" + b)], null,
            cancellationToken).ConfigureAwait(false);
        if (!result.Ok) return null;
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line[(space + 1)..] is var refName && refName.StartsWith("refs/heads/", StringComparison.Ordinal))
                heads[refName["refs/heads/".Length..]] = line[..space];
        }
        return heads;
    }
}
