using Yoi.Core.Delegation;
using Yoi.Core.Git;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>
/// Child worktrees of the workspace (docs/delegation.md): a worktree <c>.worktree/&lt;child&gt;</c> on <c>work/&lt;child&gt;</c>
/// that no Pod records, a child Pod whose worktree is gone, and a <c>work/*</c> branch already merged into the main
/// checkout's HEAD with no worktree left (run only at the repository's top level). <c>--repair</c> removes only what loses nothing: an orphan worktree that is clean
/// and whose branch is merged (worktree and branch), and a merged branch (<c>git branch -d</c>, which refuses unmerged work).
/// </summary>
internal static class DelegationChecks
{
    public static async Task<IReadOnlyList<DoctorFinding>> RunAsync(PodMetadataStore store, string workspace, CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        var children = store.ListNames().Select(n => store.Read(n).Metadata).OfType<PodMetadata>()
            .Where(m => m.WorkspaceRoot == workspace && m.Delegation is { HasWorktree: true }).ToList();
        var recorded = children.Select(m => m.Delegation!.Worktree!).ToHashSet(StringComparer.Ordinal);
        foreach (var child in children.Where(m => !Directory.Exists(m.Delegation!.Worktree)))
            findings.Add(new DoctorFinding("delegation", DoctorSeverity.Warning, store.Paths.PodMetadataPath(child.PodName),
                $"child Pod `{child.PodName}` has no worktree: {child.Delegation!.Worktree} is gone",
                $"`yoi pod discard {child.PodName}` removes the child and its branch {child.Delegation.Branch}"));

        var worktrees = await GitCli.WorktreesAsync(workspace, cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(workspace, ChildWorktree.Folder) + "/";
        foreach (var (path, branch) in worktrees)
        {
            if (!path.StartsWith(folder, StringComparison.Ordinal) || branch is null || !branch.StartsWith(ChildWorktree.BranchPrefix, StringComparison.Ordinal)) continue;
            if (recorded.Contains(path)) continue;
            var clean = Directory.Exists(path) && (await GitCli.StatusAsync(path, null, cancellationToken).ConfigureAwait(false)).Count == 0;
            var merged = await MergedAsync(workspace, branch, cancellationToken).ConfigureAwait(false);
            findings.Add(new DoctorFinding("delegation", DoctorSeverity.Warning, path, $"worktree on {branch} belongs to no Pod" +
                (clean && merged ? " (clean, branch merged)" : clean ? " (its branch has unmerged commits)" : " (it has uncommitted changes)"),
                clean && merged ? "`yoi doctor --repair` removes it" : $"look at it, then `git worktree remove --force {path}` and `git branch -D {branch}`",
                clean && merged ? RepairKind.RemoveMergedWorktree : RepairKind.None) { Workspace = workspace, Branch = branch });
        }
        var withWorktree = worktrees.Select(w => w.Branch).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var branches = await GitCli.RunAsync(workspace, ["for-each-ref", "--format=%(refname:short)", "refs/heads/" + ChildWorktree.BranchPrefix], null, cancellationToken).ConfigureAwait(false);
        foreach (var branch in branches.Ok ? branches.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            if (withWorktree.Contains(branch) || !await MergedAsync(workspace, branch, cancellationToken).ConfigureAwait(false)) continue;
            findings.Add(new DoctorFinding("delegation", DoctorSeverity.Warning, workspace, $"branch {branch} is merged but was not removed",
                "`yoi doctor --repair` deletes it (`git branch -d`)", RepairKind.DeleteMergedBranch) { Workspace = workspace, Branch = branch });
        }
        return findings;
    }

    public static async Task<IReadOnlyList<DoctorRepair>> RepairAsync(IReadOnlyList<DoctorFinding> findings, CancellationToken cancellationToken)
    {
        var repairs = new List<DoctorRepair>();
        foreach (var finding in findings)
        {
            if (finding is not { Workspace: { } workspace, Branch: { } branch }) continue;
            if (finding.Repair == RepairKind.RemoveMergedWorktree)
            {
                var problems = await ChildWorktree.RemoveAsync(workspace, finding.Path, branch, force: false, deleteBranch: true, cancellationToken).ConfigureAwait(false);
                repairs.Add(new DoctorRepair(finding.Path, problems.Count == 0 ? $"removed the orphan worktree and its merged branch {branch}" : "could not repair: " + string.Join("; ", problems)));
            }
            else if (finding.Repair == RepairKind.DeleteMergedBranch)
            {
                var deleted = await GitCli.RunAsync(workspace, ["branch", "-d", branch], null, cancellationToken).ConfigureAwait(false);
                repairs.Add(new DoctorRepair(finding.Path, deleted.Ok ? $"deleted the merged branch {branch}" : $"could not repair: {deleted.Message}"));
            }
        }
        return repairs;
    }

    private static async Task<bool> MergedAsync(string workspace, string branch, CancellationToken cancellationToken) =>
        (await GitCli.RunAsync(workspace, ["merge-base", "--is-ancestor", branch, "HEAD"], null, cancellationToken).ConfigureAwait(false)).Ok;
}
