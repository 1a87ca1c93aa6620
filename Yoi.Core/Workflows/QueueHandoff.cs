using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Tickets;

namespace Yoi.Core.Workflows;

/// <summary>
/// Queue (ready → queued) with the git handoff (reference §2.14, with our decisions, docs/panel-model.md):
/// in a git workspace every named check runs before any change, the Ticket directory must have no uncommitted
/// changes (unrelated dirty files elsewhere are fine), the orchestration branch is merged into the root first when
/// it is ahead, the queue change is committed path-scoped, and the orchestration worktree (when it exists) is
/// fast-forwarded to that commit. A failed commit rolls the Ticket directory back, so the Ticket is never left
/// queued without its commit. Without git the Ticket is queued without a commit and the notice says so.
/// Finally the live Orchestrator is notified with the routing contract.
/// </summary>
internal sealed class QueueHandoff(string workspace, WorkspaceConfig config, TicketStore store, PodControl control)
{
    /// <summary>The routing contract the Orchestrator receives with <c>notify{auto_run:true}</c> after a Queue.</summary>
    public static string RoutingContract(string id, string workspace) =>
        $"Ticket {id} was queued from the workspace Panel: the human authorized Orchestrator routing; this is not an unattended scheduler. " +
        $"Read the Ticket with `yoi ticket show {id}`, then move it with `yoi ticket state {id} inprogress` before you create a worktree or start Pods (`yoi pod start`). " +
        "Follow the worktree workflow and the multi-agent workflow: implement in a dedicated worktree and branch, never in the root. " +
        $"Do not read, write, validate, merge, clean up, or run git operations in the root/original workspace ({workspace}). " +
        $"If blocked, record a concise reason with `yoi ticket comment {id} --message \"…\"` and leave the Ticket queued or return it to planning. " +
        "The yoi agent guide (docs/agents.md in the yoi repository) lists the commands.";

    private readonly List<string> _sentences = [];

    public async Task<PanelActionResult> RunAsync(string id, CancellationToken cancellationToken)
    {
        var dir = store.RecordDir(id);
        Check("root-ticket-state", dir, Show(id).Meta.State == TicketState.Ready, () => $"state is {Show(id).Meta.State.Name()}, expected ready; reload and retry");
        var top = await GitCli.TopLevelAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (top is null)
        {
            store.Queue(id, PanelActions.Actor);
            var notified = await NotifyAsync(id, cancellationToken).ConfigureAwait(false);
            return PanelActionResult.Warning($"Queued Ticket {id} without a commit: {workspace} is not a git repository; {notified}.");
        }
        Check("root-worktree-identity", workspace, top == workspace, () => $"git's top level is {top}, not the workspace; open the panel at the repository root");
        var branch = await GitCli.BranchAsync(workspace, cancellationToken).ConfigureAwait(false);
        Check("root-branch", workspace, branch is not null, () => "the workspace is on a detached HEAD; check out a branch first");
        foreach (var key in new[] { "user.name", "user.email" })
        {
            var value = await GitCli.RunAsync(workspace, ["config", key], null, cancellationToken).ConfigureAwait(false);
            Check("root-git-user", workspace, value.Ok && value.Stdout.Length > 0, () => $"git {key} is not configured; run `git config {key} …`");
        }
        Check("target-ticket-record", dir, File.Exists(Path.Combine(dir, "item.md")), () => "item.md is missing");
        var relative = Path.GetRelativePath(workspace, dir);
        var dirty = await GitCli.StatusAsync(workspace, relative, cancellationToken).ConfigureAwait(false);
        Check("root-ticket-clean", dir, dirty.Count == 0, () =>
            $"the Ticket directory has uncommitted changes ({string.Join("; ", dirty.Take(6))}); commit or discard them, then retry (Queue commits only its own change)");

        var worktree = new OrchestrationWorktree(workspace, config);
        var check = await worktree.CheckAsync(requireClean: true, cancellationToken).ConfigureAwait(false);
        if (check.Exists)
        {
            Check("orchestration-worktree-identity", worktree.Path, check.Valid, () => check.Problem!);
            Check("orchestration-clean", worktree.Path, check.Clean, () => check.Problem!);
            await MergeOrchestrationAsync(id, worktree, cancellationToken).ConfigureAwait(false);
            Check("root-ticket-state-after-orchestration-merge", dir, Show(id).Meta.State == TicketState.Ready,
                () => $"state is {Show(id).Meta.State.Name()} after merging {worktree.Branch}; reload and retry");
        }

        store.Queue(id, PanelActions.Actor);
        var sha = await CommitAsync(id, dir, relative, cancellationToken).ConfigureAwait(false);
        _sentences.Insert(0, $"root Queue commit {sha[..Math.Min(12, sha.Length)]}");
        if (check.Exists) await SyncWorktreeAsync(id, worktree, sha, cancellationToken).ConfigureAwait(false);
        else _sentences.Add($"no orchestration worktree at {worktree.Path} to sync");
        _sentences.Add(await NotifyAsync(id, cancellationToken).ConfigureAwait(false));
        return PanelActionResult.Info($"Queued Ticket {id}; {string.Join("; ", _sentences)}. Orchestrator routing is authorized; " +
            "implementation side effects still require queued -> inprogress acceptance.");
    }

    private TicketRecord Show(string id) => store.Show(id);

    private static void Check(string name, string path, bool ok, Func<string> message)
    {
        if (!ok) throw new StaleSelectionException($"Queue handoff check `{name}` failed at {path}: {message()}");
    }

    private async Task MergeOrchestrationAsync(string id, OrchestrationWorktree worktree, CancellationToken cancellationToken)
    {
        var head = await GitCli.OutputAsync(worktree.Path, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        var ancestor = await GitCli.RunAsync(workspace, ["merge-base", "--is-ancestor", head, "HEAD"], null, cancellationToken).ConfigureAwait(false);
        if (ancestor.Ok)
        {
            _sentences.Add($"orchestration branch {worktree.Branch} ({head[..12]}) already present in root");
            return;
        }
        var merge = await GitCli.RunAsync(workspace, ["merge", "--autostash", "--no-ff", "--no-edit", worktree.Branch, "-m", $"merge: sync orchestration before queue {id}"],
            null, cancellationToken).ConfigureAwait(false);
        if (!merge.Ok)
        {
            await GitCli.RunAsync(workspace, ["merge", "--abort"], null, cancellationToken).ConfigureAwait(false);
            Check("root-orchestration-merge", workspace, false, () => $"merging {worktree.Branch} into the root failed and was aborted; nothing was queued: {merge.Message}");
        }
        var commit = await GitCli.OutputAsync(workspace, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        _sentences.Add($"merged orchestration branch {worktree.Branch} ({head[..12]}) into root before Queue: {commit[..12]}");
    }

    private async Task<string> CommitAsync(string id, string dir, string relative, CancellationToken cancellationToken)
    {
        try
        {
            await GitCli.OutputAsync(workspace, ["add", "--", relative], cancellationToken).ConfigureAwait(false);
            var staged = await GitCli.OutputAsync(workspace, ["diff", "--cached", "--name-only", "--", relative], cancellationToken).ConfigureAwait(false);
            if (staged.Length == 0) throw new GitException($"nothing was staged under {relative}");
            await GitCli.OutputAsync(workspace, ["commit", "--no-verify", "-q", "-m", $"ticket: queue {id}", "--", relative], cancellationToken).ConfigureAwait(false);
            return await GitCli.OutputAsync(workspace, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            // The directory was clean before Queue, so restoring it from HEAD undoes exactly the queue change.
            await GitCli.RunAsync(workspace, ["reset", "-q", "--", relative], null, cancellationToken).ConfigureAwait(false);
            await GitCli.RunAsync(workspace, ["checkout", "HEAD", "--", relative], null, cancellationToken).ConfigureAwait(false);
            await GitCli.RunAsync(workspace, ["clean", "-fdq", "--", relative], null, cancellationToken).ConfigureAwait(false);
            throw new GitException($"Queue handoff check `queue-commit-create` failed at {dir}: {ex.Message}; the Ticket change was rolled back and Ticket {id} is still ready");
        }
    }

    private async Task SyncWorktreeAsync(string id, OrchestrationWorktree worktree, string sha, CancellationToken cancellationToken)
    {
        var status = await GitCli.StatusAsync(worktree.Path, null, cancellationToken).ConfigureAwait(false);
        if (status.Count > 0)
        {
            _sentences.Add($"orchestration sync skipped: {worktree.Path} became dirty ({string.Join("; ", status.Take(6))})");
            return;
        }
        var merge = await GitCli.RunAsync(worktree.Path, ["merge", "--ff-only", "-q", sha], null, cancellationToken).ConfigureAwait(false);
        if (!merge.Ok)
        {
            _sentences.Add($"orchestration sync failed: `git merge --ff-only` in {worktree.Path}: {merge.Message}");
            return;
        }
        var head = await GitCli.OutputAsync(worktree.Path, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        var state = new TicketStore(worktree.TicketsRoot).LoadRecord(Path.Combine(worktree.TicketsRoot, id)).Record?.Meta.State;
        _sentences.Add(state == TicketState.Queued
            ? $"orchestration sync ff-only synced {worktree.Path} ({worktree.Branch}) to {head[..12]}"
            : $"orchestration sync reached {head[..12]} but the worktree reads Ticket {id} as {state?.Name() ?? "missing"}");
    }

    private async Task<string> NotifyAsync(string id, CancellationToken cancellationToken)
    {
        var orchestrator = WorkspacePodNames.Resolve(control.Store, workspace).Orchestrator;
        var socket = control.SocketOf(orchestrator);
        var probe = await PodClient.ProbeAsync(socket, PanelLoaderOptions.DefaultProbeBudget, cancellationToken).ConfigureAwait(false);
        if (!probe.Reachable || control.Store.Read(orchestrator).Metadata?.WorkspaceRoot is not { } ws || WorkspaceKey.Canonicalize(ws) != workspace)
            return "workspace Orchestrator not notified: no live reachable Orchestrator socket is available";
        try
        {
            var message = RoutingContract(id, workspace);
            await PodClient.ConnectAndSendAsync(socket, new NotifyMethod(message, true), cancellationToken).ConfigureAwait(false);
            return $"workspace Orchestrator {orchestrator} notified";
        }
        catch (Exception ex) when (ex is PodClientException or PodUnreachableException or IOException)
        {
            return $"workspace Orchestrator notification warning: {ex.Message}";
        }
    }
}
