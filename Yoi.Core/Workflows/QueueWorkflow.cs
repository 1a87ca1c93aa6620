using Yoi.Core.Git;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Tickets;

namespace Yoi.Core.Workflows;

/// <summary>Queue refused by one of its named checks before anything changed (the Ticket is still ready).</summary>
public sealed class QueueRefusedException(string check, string message) : RefusedException(message)
{
    /// <summary>The named check, e.g. <c>root-ticket-clean</c>.</summary>
    public string Check { get; } = check;
}

/// <summary>What the Orchestrator heard about a queued Ticket.</summary>
public sealed record OrchestratorNotice(string PodName, bool Delivered, string Detail);

/// <summary>
/// What a Queue did: the commit (null without git), yoi's own pending Ticket changes it carried in that commit, each
/// step as a sentence (merge, sync), and the Orchestrator notice. <see cref="Summary"/> is the one-line account the
/// panel shows and the CLI prints.
/// </summary>
public sealed record QueueResult(string TicketId, string? Commit, IReadOnlyList<string> Carried, IReadOnlyList<string> Steps, OrchestratorNotice Notice)
{
    public bool Committed => Commit is not null;

    public string Summary => Describe(null);

    /// <summary>The account with <paramref name="orchestrator"/> (a whole sentence) in place of the notice's sentence and the routing note (the panel says it started the Orchestrator).</summary>
    public string Describe(string? orchestrator) => (Committed, orchestrator) switch
    {
        (true, null) => $"Queued Ticket {TicketId}; {string.Join("; ", Steps)}; {Notice.Detail}. Orchestrator routing is authorized; " +
                        "implementation side effects still require queued -> inprogress acceptance.",
        (true, _) => $"Queued Ticket {TicketId}; {string.Join("; ", Steps)}. {orchestrator}",
        (false, null) => $"Queued Ticket {TicketId} without a commit: {string.Join("; ", Steps)}; {Notice.Detail}.",
        (false, _) => $"Queued Ticket {TicketId} without a commit: {string.Join("; ", Steps)}. {orchestrator}",
    };
}

/// <summary>
/// Queue (ready → queued) with the git handoff — one workflow for the panel's Queue and <c>yoi ticket state ID queued</c>
/// (docs/panel-model.md "Actions", docs/tickets.md "Queue"). In a git workspace every named check runs before any
/// change; yoi's own pending changes in the Ticket directory (an agent's comment, an earlier state change) are carried
/// in the Queue commit, and any other change there refuses Queue naming the files (<see cref="PendingTicketChanges"/>);
/// unrelated dirty files elsewhere are fine. The orchestration branch is merged into the root first when it is ahead,
/// the change is committed path-scoped, and the orchestration worktree (when it exists) is fast-forwarded to that
/// commit. A failed commit puts the Ticket files back as they were, so the Ticket is never left queued without its
/// commit. Without git the Ticket is queued without a commit and the result says so. Finally a live Orchestrator of
/// this workspace is notified with the routing contract.
/// </summary>
public sealed class QueueWorkflow(WorkspaceContext context)
{
    private readonly string _workspace = context.Root;
    private TicketStore Store => context.Tickets;
    private PodControl Control => context.Services.Pods;
    private readonly List<string> _steps = [];

    /// <summary>The routing contract the Orchestrator receives with <c>notify{auto_run:true}</c> after a Queue.</summary>
    public static string RoutingContract(string id, string workspace) =>
        $"Ticket {id} was queued: the human authorized Orchestrator routing; this is not an unattended scheduler. " +
        $"Read the Ticket with `yoi ticket show {id}`, then move it with `yoi ticket state {id} inprogress` before you create a worktree or start Pods (`yoi pod start`). " +
        "Follow the worktree workflow and the multi-agent workflow: implement in a dedicated worktree and branch, never in the root. " +
        $"Do not read, write, validate, merge, clean up, or run git operations in the root/original workspace ({workspace}). " +
        $"If blocked, record a concise reason with `yoi ticket comment {id} --message \"…\"` and leave the Ticket queued or return it to planning. " +
        "The yoi agent guide (docs/agents.md in the yoi repository) lists the commands.";

    /// <summary>Queues <paramref name="ticketId"/> (any unique prefix) as <paramref name="author"/>.</summary>
    public async Task<QueueResult> RunAsync(string ticketId, string author, CancellationToken cancellationToken = default)
    {
        var id = Store.Resolve(ticketId);
        var dir = Store.RecordDir(id);
        Check("root-ticket-state", dir, State(id) == TicketState.Ready, () => $"Ticket {id} is {State(id).Name()}; only a ready Ticket can be queued (`yoi ticket state {id} ready` first)");
        var top = await GitCli.TopLevelAsync(_workspace, cancellationToken).ConfigureAwait(false);
        if (top is null)
        {
            Store.Queue(id, author);
            _steps.Add($"{_workspace} is not a git repository");
            return new QueueResult(id, null, [], _steps, await NotifyAsync(id, cancellationToken).ConfigureAwait(false));
        }
        Check("root-worktree-identity", _workspace, top == _workspace, () => $"git's top level is {top}, not the workspace; run it at the repository root");
        var branch = await GitCli.BranchAsync(_workspace, cancellationToken).ConfigureAwait(false);
        Check("root-branch", _workspace, branch is not null, () => "the workspace is on a detached HEAD; check out a branch first");
        foreach (var key in new[] { "user.name", "user.email" })
        {
            var value = await GitCli.RunAsync(_workspace, ["config", key], null, cancellationToken).ConfigureAwait(false);
            Check("root-git-user", _workspace, value.Ok && value.Stdout.Length > 0, () => $"git {key} is not configured; run `git config {key} …`");
        }
        Check("target-ticket-record", dir, File.Exists(Path.Combine(dir, "item.md")), () => "item.md is missing");
        var pending = await PendingTicketChanges.ReadAsync(_workspace, dir, cancellationToken).ConfigureAwait(false);
        Check("root-ticket-clean", dir, pending.Foreign.Count == 0, () =>
            $"the Ticket directory has changes yoi did not make ({string.Join("; ", pending.Foreign.Take(6))}); commit or discard them, then retry " +
            "(Queue carries only yoi's own Ticket changes in its commit)");

        var worktree = new OrchestrationWorktree(_workspace, context.Config);
        var check = await worktree.CheckAsync(requireClean: true, cancellationToken).ConfigureAwait(false);
        if (check.Exists)
        {
            Check("orchestration-worktree-identity", worktree.Path, check.Valid, () => check.Problem!);
            Check("orchestration-clean", worktree.Path, check.Clean, () => check.Problem!);
            await MergeOrchestrationAsync(id, worktree, cancellationToken).ConfigureAwait(false);
            Check("root-ticket-state-after-orchestration-merge", dir, State(id) == TicketState.Ready,
                () => $"state is {State(id).Name()} after merging {worktree.Branch}; reload and retry");
        }

        var before = Snapshot(dir);
        Store.Queue(id, author);
        var sha = await CommitAsync(id, dir, pending.Own, before, cancellationToken).ConfigureAwait(false);
        _steps.Insert(0, pending.Own.Count == 0
            ? $"root Queue commit {Short(sha)}"
            : $"root Queue commit {Short(sha)} (with yoi's pending Ticket changes: {string.Join(", ", pending.Own.Select(Path.GetFileName))})");
        if (check.Exists) await SyncWorktreeAsync(id, worktree, sha, cancellationToken).ConfigureAwait(false);
        return new QueueResult(id, sha, pending.Own, _steps, await NotifyAsync(id, cancellationToken).ConfigureAwait(false));
    }

    private TicketState State(string id) => Store.Show(id).Meta.State;

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

    private static void Check(string name, string path, bool ok, Func<string> message)
    {
        if (!ok) throw new QueueRefusedException(name, $"Queue handoff check `{name}` failed at {path}: {message()}");
    }

    /// <summary>The bytes of every yoi-written file of the Ticket before Queue touched them (null = absent), to put back on failure.</summary>
    private static Dictionary<string, byte[]?> Snapshot(string dir) =>
        PendingTicketChanges.YoiFiles.ToDictionary(f => Path.Combine(dir, f), f => File.Exists(Path.Combine(dir, f)) ? File.ReadAllBytes(Path.Combine(dir, f)) : null);

    private async Task MergeOrchestrationAsync(string id, OrchestrationWorktree worktree, CancellationToken cancellationToken)
    {
        var head = await GitCli.OutputAsync(worktree.Path, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        var ancestor = await GitCli.RunAsync(_workspace, ["merge-base", "--is-ancestor", head, "HEAD"], null, cancellationToken).ConfigureAwait(false);
        if (ancestor.Ok)
        {
            _steps.Add($"orchestration branch {worktree.Branch} ({Short(head)}) already present in root");
            return;
        }
        var merge = await GitCli.RunAsync(_workspace, ["merge", "--autostash", "--no-ff", "--no-edit", worktree.Branch, "-m", $"merge: sync orchestration before queue {id}"],
            null, cancellationToken).ConfigureAwait(false);
        if (!merge.Ok)
        {
            await GitCli.RunAsync(_workspace, ["merge", "--abort"], null, cancellationToken).ConfigureAwait(false);
            Check("root-orchestration-merge", _workspace, false, () => $"merging {worktree.Branch} into the root failed and was aborted; nothing was queued: {merge.Message}");
        }
        var commit = await GitCli.OutputAsync(_workspace, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        _steps.Add($"merged orchestration branch {worktree.Branch} ({Short(head)}) into root before Queue: {Short(commit)}");
    }

    private async Task<string> CommitAsync(string id, string dir, IReadOnlyList<string> carried, Dictionary<string, byte[]?> before,
        CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(_workspace, dir);
        try
        {
            await GitCli.OutputAsync(_workspace, ["add", "--", relative], cancellationToken).ConfigureAwait(false);
            var staged = await GitCli.OutputAsync(_workspace, ["diff", "--cached", "--name-only", "--", relative], cancellationToken).ConfigureAwait(false);
            if (staged.Length == 0) throw new GitException($"nothing was staged under {relative}");
            var message = carried.Count == 0 ? $"ticket: queue {id}"
                : $"ticket: queue {id}\n\nIncludes yoi's pending changes to this Ticket: {string.Join(", ", carried.Select(c => Path.GetRelativePath(relative, c)))}.";
            await GitCli.OutputAsync(_workspace, ["commit", "--no-verify", "-q", "-m", message, "--", relative], cancellationToken).ConfigureAwait(false);
            return await GitCli.OutputAsync(_workspace, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            // Unstage, then put yoi's files back exactly as they were before Queue (pending changes included).
            await GitCli.RunAsync(_workspace, ["reset", "-q", "--", relative], null, cancellationToken).ConfigureAwait(false);
            foreach (var (path, bytes) in before)
            {
                if (bytes is not null) Storage.AtomicFile.WriteAllBytes(path, bytes);
                else if (File.Exists(path)) File.Delete(path);
            }
            throw new GitException($"Queue handoff check `queue-commit-create` failed at {dir}: {ex.Message}; the Ticket change was rolled back and Ticket {id} is still ready");
        }
    }

    private async Task SyncWorktreeAsync(string id, OrchestrationWorktree worktree, string sha, CancellationToken cancellationToken)
    {
        var status = await GitCli.StatusAsync(worktree.Path, null, cancellationToken).ConfigureAwait(false);
        if (status.Count > 0)
        {
            _steps.Add($"orchestration sync skipped: {worktree.Path} became dirty ({string.Join("; ", status.Take(6))})");
            return;
        }
        var merge = await GitCli.RunAsync(worktree.Path, ["merge", "--ff-only", "-q", sha], null, cancellationToken).ConfigureAwait(false);
        if (!merge.Ok)
        {
            _steps.Add($"orchestration sync failed: `git merge --ff-only` in {worktree.Path}: {merge.Message}");
            return;
        }
        var head = await GitCli.OutputAsync(worktree.Path, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        var state = new TicketStore(worktree.TicketsRoot).LoadRecord(Path.Combine(worktree.TicketsRoot, id)).Record?.Meta.State;
        _steps.Add(state == TicketState.Queued
            ? $"orchestration sync ff-only synced {worktree.Path} ({worktree.Branch}) to {Short(head)}"
            : $"orchestration sync reached {Short(head)} but the worktree reads Ticket {id} as {state?.Name() ?? "missing"}");
    }

    private async Task<OrchestratorNotice> NotifyAsync(string id, CancellationToken cancellationToken)
    {
        var orchestrator = WorkspacePodNames.Resolve(Control.Store, _workspace).Orchestrator;
        var socket = Control.SocketOf(orchestrator);
        var probe = await PodClient.ProbeLiveAsync(socket, NotifyProbeBudget, cancellationToken).ConfigureAwait(false);
        if (!probe.Reachable || Control.Store.Read(orchestrator).Metadata?.WorkspaceRoot is not { } ws || WorkspaceKey.Canonicalize(ws) != _workspace)
            return new OrchestratorNotice(orchestrator, false,
                $"workspace Orchestrator {orchestrator} not notified: it is not running (the panel starts it and points it at queued work)");
        try
        {
            await PodClient.ConnectAndSendAsync(socket, new NotifyMethod(RoutingContract(id, _workspace), true), cancellationToken).ConfigureAwait(false);
            return new OrchestratorNotice(orchestrator, true, $"workspace Orchestrator {orchestrator} notified");
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            return new OrchestratorNotice(orchestrator, false, $"workspace Orchestrator {orchestrator} notification warning: {ex.Message}");
        }
    }

    /// <summary>How long the Orchestrator's socket may take to answer the probe before Queue says it is not running.</summary>
    public static readonly TimeSpan NotifyProbeBudget = TimeSpan.FromMilliseconds(500);
}
