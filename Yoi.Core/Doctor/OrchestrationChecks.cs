using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>
/// The orchestration worktree (docs/panel-model.md "Ensure versus observe"): absent is fine (yoi creates it when the
/// Orchestrator is first needed); present, it must be the configured branch's worktree of this repository, be excluded
/// from the main checkout's <c>git status</c> and hold the Ticket root. A folder git still registers after it was deleted
/// blocks re-creating it. Each finding says how to fix it; none is repaired automatically (a person's work may be in it).
/// </summary>
internal static class OrchestrationChecks
{
    public static async Task<IReadOnlyList<DoctorFinding>> RunAsync(WorkspaceConfig config, string workspace, CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        var worktree = new OrchestrationWorktree(workspace, config);
        var check = await worktree.CheckAsync(requireClean: false, cancellationToken).ConfigureAwait(false);
        if (!check.Exists)
        {
            if ((await GitCli.WorktreesAsync(workspace, cancellationToken).ConfigureAwait(false)).Any(w => w.Path == worktree.Path))
                findings.Add(new DoctorFinding("orchestration", DoctorSeverity.Error, worktree.Path,
                    $"the orchestration worktree was deleted but git still registers it, so it cannot be created again",
                    $"run `git worktree prune` in {workspace}; yoi creates the worktree again when the Orchestrator next starts"));
            return findings;
        }
        if (!check.Valid)
        {
            var fix = check.Problem!.Contains(", expected ", StringComparison.Ordinal) && check.Problem.Contains("is on branch", StringComparison.Ordinal)
                ? $"check out the configured branch there (`git -C {worktree.Path} checkout {worktree.Branch}`), or set `orchestration.branch` in .yoi/config.json"
                : $"move {worktree.Path} aside (it is not the orchestration worktree yoi expects); yoi creates it again when the Orchestrator next starts";
            findings.Add(new DoctorFinding("orchestration", DoctorSeverity.Error, worktree.Path, $"orchestration worktree unusable: {check.Problem}", fix));
            return findings;
        }
        if (!await GitExclude.ContainsAsync(workspace, worktree.Folder, cancellationToken).ConfigureAwait(false))
            findings.Add(new DoctorFinding("orchestration", DoctorSeverity.Warning, worktree.Path,
                "the orchestration worktree is not excluded: the main checkout's `git status` shows it and `git add -A` would stage it as an embedded repository",
                $"add the line `{GitExclude.LineFor(worktree.Folder)}` to .git/info/exclude (yoi adds it when it next prepares the worktree)"));
        if (!Directory.Exists(worktree.TicketsRoot))
            findings.Add(new DoctorFinding("orchestration", DoctorSeverity.Warning, worktree.TicketsRoot,
                "the orchestration worktree has no Ticket root, so the Orchestrator there sees no Tickets",
                $"create it (`mkdir -p {worktree.TicketsRoot}`) or commit the Ticket root in the main checkout and merge it into {worktree.Branch}"));
        return findings;
    }
}
