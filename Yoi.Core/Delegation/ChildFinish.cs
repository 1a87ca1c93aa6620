using Yoi.Core.Git;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Claims;
using Yoi.Core.Registry;

namespace Yoi.Core.Delegation;

public enum FinishMode { Merge, Squash }

/// <summary>What a finish or discard did: the merge commit (null for discard or nothing to merge) and what could not be cleaned.</summary>
public sealed record FinishResult(string Child, string Branch, string BaseBranch, string? MergeCommit, bool BranchKept, string? KeptSessionLog,
    IReadOnlyList<string> Warnings);

/// <summary>
/// <c>yoi pod finish</c> and <c>yoi pod discard</c>. Finish checks before it touches anything: the child has a
/// worktree, the worktree has no uncommitted changes, the main checkout is on the base branch, and the merge is free of
/// conflicts (<c>git merge-tree --write-tree</c>, which writes only objects). Then: stop the child, merge its branch into
/// the base branch in the main checkout (<c>--no-ff</c>, or one squashed commit), remove the worktree and the branch
/// (unless kept), release its Ticket claim, move it to the parent's <c>reclaimed_children</c> and remove the child Pod
/// (its session log is kept). Discard does the same without merging, forcing the worktree and branch away.
/// </summary>
public sealed class ChildFinish(YoiServices services)
{
    private readonly YoiPaths _paths = services.Paths;

    public async Task<FinishResult> FinishAsync(string childName, FinishMode mode, bool keepBranch, CancellationToken cancellationToken = default)
    {
        var (metadata, delegation, workspace) = Load(childName, "finish");
        var child = metadata.PodName;
        var branch = delegation.Branch!;
        var baseBranch = delegation.BaseBranch!;
        await RequireCleanAsync(child, delegation, cancellationToken).ConfigureAwait(false);
        var current = await GitCli.BranchAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (current != baseBranch)
            throw new DelegationException($"cannot finish `{child}`: the main checkout {workspace} is on {current ?? "a detached HEAD"}, but `{child}` merges into {baseBranch}; " +
                $"`git checkout {baseBranch}` there first");
        var conflicts = await GitCli.RunAsync(workspace, ["merge-tree", "--write-tree", "--name-only", "--no-messages", baseBranch, branch], null, cancellationToken).ConfigureAwait(false);
        if (conflicts.ExitCode == 1)
        {
            var files = conflicts.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            throw new DelegationException($"cannot finish `{child}`: merging {branch} into {baseBranch} conflicts in {string.Join(", ", files)}; " +
                $"nothing was changed. Resolve it in the child's worktree (e.g. `git -C {delegation.Worktree} merge {baseBranch}`, commit) and finish again");
        }
        if (!conflicts.Ok) throw new DelegationException($"cannot finish `{child}`: `git merge-tree` failed in {workspace}: {conflicts.Message}");

        await StopAsync(child, cancellationToken).ConfigureAwait(false);
        await RequireCleanAsync(child, delegation, cancellationToken).ConfigureAwait(false);
        var merge = await MergeAsync(workspace, child, branch, baseBranch, mode, cancellationToken).ConfigureAwait(false);
        var warnings = (await ChildWorktree.RemoveAsync(workspace, delegation.Worktree!, branch, force: false, deleteBranch: false, cancellationToken).ConfigureAwait(false)).ToList();
        if (!keepBranch)
        {
            // After a squash the branch is not an ancestor of the base, so -d would refuse; the squash commit holds its content.
            var deleted = await GitCli.RunAsync(workspace, ["branch", mode == FinishMode.Squash ? "-D" : "-d", branch], null, cancellationToken).ConfigureAwait(false);
            if (!deleted.Ok) warnings.Add($"branch {branch} was kept: {deleted.Message}");
        }
        var kept = Forget(metadata, delegation, workspace, "finished by yoi pod finish", warnings);
        return new FinishResult(child, branch, baseBranch, merge, keepBranch, kept, warnings);
    }

    public async Task<FinishResult> DiscardAsync(string childName, CancellationToken cancellationToken = default)
    {
        var (metadata, delegation, workspace) = Load(childName, "discard");
        var child = metadata.PodName;
        await StopAsync(child, cancellationToken).ConfigureAwait(false);
        var warnings = (await ChildWorktree.RemoveAsync(workspace, delegation.Worktree!, delegation.Branch!, force: true, deleteBranch: true, cancellationToken).ConfigureAwait(false)).ToList();
        var kept = Forget(metadata, delegation, workspace, "discarded by yoi pod discard", warnings);
        return new FinishResult(child, delegation.Branch!, delegation.BaseBranch ?? "", null, false, kept, warnings);
    }

    /// <summary>What a discard would throw away: commits on the branch not in its base and uncommitted changes.</summary>
    public async Task<(int Commits, bool Dirty)> AtStakeAsync(string childName, CancellationToken cancellationToken = default)
    {
        var (_, delegation, workspace) = Load(childName, "discard");
        var stats = await ChildDiff.StatsAsync(workspace, delegation, cancellationToken).ConfigureAwait(false);
        return (stats?.Ahead ?? 0, stats?.Dirty ?? false);
    }

    private (PodMetadata Metadata, ChildDelegation Delegation, string Workspace) Load(string childName, string verb)
    {
        var child = PodName.Validate(childName);
        var metadata = services.Pods.Store.Find(child)
            ?? throw new DelegationException($"cannot {verb} `{child}`: no such pod; `yoi pod list` shows the Pods there are");
        if (metadata.Delegation is not { HasWorktree: true } delegation)
            throw new DelegationException($"cannot {verb} `{child}`: it has no worktree of its own (it was not started with `yoi pod spawn --worktree`); " +
                $"stop it with `yoi pod stop {child}`");
        if (metadata.WorkspaceRoot is not { Length: > 0 } workspace || !Directory.Exists(workspace))
            throw new DelegationException($"cannot {verb} `{child}`: its workspace {metadata.WorkspaceRoot} does not exist");
        return (metadata, delegation, workspace);
    }

    private static async Task RequireCleanAsync(string child, ChildDelegation delegation, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(delegation.Worktree))
            throw new DelegationException($"cannot finish `{child}`: its worktree {delegation.Worktree} is gone; `yoi doctor` reports it, `yoi pod discard {child}` cleans up");
        var status = await GitCli.StatusAsync(delegation.Worktree!, null, cancellationToken).ConfigureAwait(false);
        if (status.Count > 0)
            throw new DelegationException($"cannot finish `{child}`: its worktree {delegation.Worktree} has uncommitted changes ({string.Join("; ", status.Take(5))}" +
                (status.Count > 5 ? $"; {status.Count - 5} more" : "") + "); commit them there (or ask the child to), or `yoi pod discard` it");
    }

    private async Task StopAsync(string child, CancellationToken cancellationToken)
    {
        if ((await services.Pods.ProbeAsync(child, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false)).Reachable
            || DaemonLock.Holder(_paths, child) is not null)
            await services.Pods.StopAsync(child, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> MergeAsync(string workspace, string child, string branch, string baseBranch, FinishMode mode, CancellationToken cancellationToken)
    {
        var ahead = await GitCli.RunAsync(workspace, ["rev-list", "--count", $"{baseBranch}..{branch}"], null, cancellationToken).ConfigureAwait(false);
        if (ahead is { Ok: true, Stdout: "0" }) return null;
        var message = $"Merge {branch} (child Pod `{child}`, yoi pod finish)";
        GitResult merged = mode == FinishMode.Merge
            ? await GitCli.RunAsync(workspace, ["merge", "--no-ff", "--no-edit", "-m", message, branch], null, cancellationToken).ConfigureAwait(false)
            : await GitCli.RunAsync(workspace, ["merge", "--squash", branch], null, cancellationToken).ConfigureAwait(false);
        if (merged.Ok && mode == FinishMode.Squash)
            merged = await GitCli.RunAsync(workspace, ["commit", "--no-edit", "-m", $"{branch} squashed (child Pod `{child}`, yoi pod finish)"], null, cancellationToken).ConfigureAwait(false);
        if (!merged.Ok)
        {
            await GitCli.RunAsync(workspace, ["merge", "--abort"], null, CancellationToken.None).ConfigureAwait(false);
            throw new DelegationException($"cannot finish `{child}`: `git merge` into {baseBranch} failed in {workspace}: {merged.Message}; " +
                $"the child is stopped and its worktree kept (`yoi pod restore {child}` brings it back)");
        }
        return await GitCli.OutputAsync(workspace, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the child's claim, moves it to the parent's reclaimed_children and removes the child Pod (log kept).</summary>
    private string? Forget(PodMetadata metadata, ChildDelegation delegation, string workspace, string reason, List<string> warnings)
    {
        var child = metadata.PodName;
        if (metadata.Ticket is { } ticket) ReleaseClaim(workspace, ticket, child, reason, warnings);
        try
        {
            if (services.Pods.Store.Exists(delegation.Parent))
                services.Pods.Store.Update(delegation.Parent, m =>
                {
                    var current = m ?? new PodMetadata { PodName = delegation.Parent };
                    var entry = current.SpawnedChildren.FirstOrDefault(c => c.PodName == child);
                    return current with
                    {
                        SpawnedChildren = current.SpawnedChildren.Where(c => c.PodName != child).ToList(),
                        ReclaimedChildren = current.ReclaimedChildren.Any(c => c.PodName == child)
                            ? current.ReclaimedChildren
                            : [.. current.ReclaimedChildren, new ReclaimedChild(child, entry?.ScopeDelegated ?? [])],
                    };
                });
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex)) { warnings.Add($"parent `{delegation.Parent}`'s metadata could not be updated: {ex.Message}"); }
        try
        {
            return PodRemoval.Remove(services.Pods.Store, child, purge: false).KeptSessionLog;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            warnings.Add($"pod `{child}` was not removed: {ex.Message}");
            return null;
        }
    }

    private void ReleaseClaim(string workspace, string ticket, string child, string reason, List<string> warnings)
    {
        try
        {
            var claims = new TicketClaims(RegistryLocation.ForWorkspace(_paths, workspace), services.Time);
            if (claims.Get(ticket) is { } claim && claim.PodName == child) claims.Release(ticket, claim.Generation, reason);
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            warnings.Add($"the claim on Ticket {ticket} was not released: {ex.Message}; `yoi claim release {ticket}` does it");
        }
    }
}
