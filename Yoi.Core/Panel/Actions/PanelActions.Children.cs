using Yoi.Core.Delegation;
using Yoi.Core.Pods;

namespace Yoi.Core.Panel.Actions;

public sealed partial class PanelActions
{
    /// <summary>
    /// The diff view's text for a delegated child: its branch against its base branch, stat then patch
    /// (<see cref="ChildDiff.PatchAsync"/>, the same as <c>yoi pod diff</c>). A child without a worktree, or a branch git
    /// cannot diff, is an error notice saying why.
    /// </summary>
    public async Task<PanelActionResult> ChildDiffAsync(string child, CancellationToken cancellationToken = default)
    {
        if (_control.Store.Find(child) is not { Delegation: { HasWorktree: true } delegation, WorkspaceRoot: { } workspace })
            return PanelActionResult.Error("Diff unavailable", $"Pod {child} has no worktree branch to diff (it was not spawned with `yoi pod spawn --worktree`, or it is gone); refresh the panel.");
        try
        {
            var patch = await ChildDiff.PatchAsync(workspace, delegation, color: false, cancellationToken).ConfigureAwait(false);
            return PanelActionResult.Info(patch.Length == 0
                    ? $"{delegation.Branch} has no changes against {delegation.BaseBranch}."
                    : $"Diff of {delegation.Branch} against {delegation.BaseBranch}.")
                with { Patch = new ChildPatch(child, patch) };
        }
        catch (DelegationException ex)
        {
            return PanelActionResult.Error("Diff failed", ex.Message);
        }
    }

    /// <summary>
    /// Finishes a delegated child the way <c>yoi pod finish</c> does (<see cref="ChildFinish.FinishAsync"/>: merge commit,
    /// branch deleted). A refusal (uncommitted changes, a conflict, the main checkout on another branch) changed nothing
    /// and is an error notice with the reason and the next step; what could not be cleaned up afterwards is a warning.
    /// </summary>
    public async Task<PanelActionResult> FinishChildAsync(string child, CancellationToken cancellationToken = default)
    {
        FinishResult result;
        try
        {
            result = await new ChildFinish(_services).FinishAsync(child, FinishMode.Merge, keepBranch: false, cancellationToken).ConfigureAwait(false);
        }
        catch (DelegationException ex)
        {
            return PanelActionResult.Error("Finish refused", ex.Message);
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            return PanelActionResult.Error("Finish failed", $"Could not finish Pod {child}: {ex.Message} `yoi doctor` checks its worktree and branch.");
        }
        var merged = result.MergeCommit is { } commit
            ? $"Finished {child}: merged {result.Branch} into {result.BaseBranch} ({commit[..Math.Min(12, commit.Length)]})"
            : $"Finished {child}: {result.Branch} had nothing to merge into {result.BaseBranch}";
        var text = merged + "; its worktree and branch are removed.";
        return result.Warnings.Count == 0
            ? PanelActionResult.Info(text)
            : PanelActionResult.Warning(text + " But: " + string.Join("; ", result.Warnings));
    }
}
