using Yoi.Core.Config;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Launch;

namespace Yoi.Core.Delegation;

/// <summary>What <c>yoi pod spawn</c> asks for.</summary>
public sealed record SpawnRequest(string Child, string Parent, string FirstMessage, bool Worktree, string? BaseRef = null,
    string? Profile = null, string? Role = null, string? Ticket = null);

/// <summary>A started child: its socket, its delegation record and the Ticket claim outcome.</summary>
public sealed record SpawnResult(string Child, string SocketPath, ChildDelegation Delegation, ClaimDisposition Claim);

/// <summary>
/// <c>yoi pod spawn</c>: a child Pod of an existing parent Pod. Order: (with <c>--ticket</c>) claim the Ticket
/// (<see cref="RoleLauncher.LaunchUnderClaimAsync"/>) → (with <c>--worktree</c>) create and bootstrap the worktree →
/// write the child's metadata (<c>delegation</c>) and the parent's <c>spawned_children</c> entry → start the child with
/// the parent's socket and the worktree as its directory → send the first message as its first run. A failure before
/// the child process ran undoes every step (worktree, branch, both metadata changes, the claim); after it may have run
/// everything is kept so nothing the child did is lost.
/// </summary>
public sealed class ChildSpawner(YoiServices services)
{
    private readonly YoiPaths _paths = services.Paths;

    public const string DefaultRole = "worker";

    public async Task<SpawnResult> SpawnAsync(SpawnRequest request, CancellationToken cancellationToken = default)
    {
        var child = PodName.Validate(request.Child);
        var parent = PodName.Validate(request.Parent);
        if (child == parent) throw new DelegationException($"pod `{child}` cannot be its own parent; name another Pod with --as");
        if (request.FirstMessage.Trim().Length == 0) throw new DelegationException($"the first message for `{child}` is empty; say what the child should do");
        var parentMetadata = services.Pods.Store.Find(parent)
            ?? throw new DelegationException($"parent pod `{parent}` does not exist; start it first (`yoi pod start {parent}`) or name an existing Pod with --as");
        if (parentMetadata.WorkspaceRoot is not { Length: > 0 } workspace || !Directory.Exists(workspace))
            throw new DelegationException($"parent pod `{parent}` has no workspace on disk ({parentMetadata.WorkspaceRoot ?? "none recorded"}); restore it in its workspace first");
        if (services.Pods.Store.Read(child).State != MetadataState.Missing)
            throw new DelegationException($"pod `{child}` already exists; pick another child name or remove it first (`yoi pod rm {child}`)");

        var role = request.Role ?? DefaultRole;
        if (request.Ticket is not { } ticket)
        {
            var (socket, delegation) = await SpawnUnclaimedAsync(request, workspace, parentMetadata, role, cancellationToken).ConfigureAwait(false);
            return new SpawnResult(child, socket, delegation, ClaimDisposition.None);
        }
        var context = RoleContext.Load(services, workspace);
        context.Ticket(ticket);
        ChildDelegation? made = null;
        var launched = await RoleLauncher.LaunchUnderClaimAsync(context, ticket, child, role, async ct =>
        {
            try
            {
                var (socket, delegation) = await SpawnUnclaimedAsync(request, workspace, parentMetadata, role, ct).ConfigureAwait(false);
                made = delegation;
                return new RoleLaunchResult(child, socket, ClaimDisposition.None, null, []);
            }
            catch (DelegationNotStartedException ex)
            {
                throw new RoleLaunchException(ex.Message, ClaimDisposition.Released, child, ex);
            }
        }, cancellationToken).ConfigureAwait(false);
        return new SpawnResult(child, launched.SocketPath, made!, launched.Claim);
    }

    private async Task<(string Socket, ChildDelegation Delegation)> SpawnUnclaimedAsync(SpawnRequest request, string workspace,
        PodMetadata parentMetadata, string role, CancellationToken cancellationToken)
    {
        var child = request.Child;
        var parent = request.Parent;
        ChildDelegation delegation;
        try
        {
            delegation = request.Worktree
                ? await ChildWorktree.CreateAsync(workspace, parent, child, request.BaseRef, BaseDirectoryOf(parentMetadata, workspace),
                    LoadConfig(workspace).WorktreeSetup, cancellationToken).ConfigureAwait(false)
                : new ChildDelegation(parent);
        }
        catch (DelegationException ex)
        {
            throw new DelegationNotStartedException(ex.Message, ex);
        }

        var parentSocket = _paths.PodSocketPath(parent);
        var childSocket = _paths.PodSocketPath(child);
        LaunchedPod launched;
        try
        {
            services.Pods.Store.Update(child, m => (m ?? new PodMetadata { PodName = child }) with
            {
                WorkspaceRoot = workspace, Delegation = delegation, Role = role, Profile = request.Profile, Ticket = request.Ticket,
            });
            services.Pods.Store.Update(parent, m =>
            {
                var current = m ?? new PodMetadata { PodName = parent };
                return current.SpawnedChildren.Any(c => c.PodName == child) ? current : current with
                {
                    SpawnedChildren = [.. current.SpawnedChildren, new SpawnedChild(child, childSocket, [], parentSocket)],
                };
            });
            launched = await services.Pods.StartAsync(new PodLaunchRequest(workspace, child, request.Profile, role, request.Ticket,
                ParentSocket: parentSocket, Cwd: delegation.Worktree), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PodLaunchException { ProcessMayHaveStarted: false } or ConfigException || YoiIOException.IsIOFailure(ex))
        {
            await UndoAsync(workspace, child, parent, delegation).ConfigureAwait(false);
            throw new DelegationNotStartedException($"could not start child `{child}`: {ex.Message}; nothing was kept (no worktree, no metadata)", ex);
        }
        catch (PodLaunchException ex)
        {
            throw new DelegationException($"child `{child}` did not become ready: {ex.Message}; its worktree and metadata are kept " +
                $"(`yoi pod restore {child}` retries, `yoi pod discard {child}` removes it)", ex);
        }

        var confirmation = await PodClient.SendRunAndConfirmAsync(launched.SocketPath, [new TextSegment(request.FirstMessage)], cancellationToken).ConfigureAwait(false);
        if (confirmation.Kind != RunConfirmationKind.Accepted)
            throw new DelegationException($"child `{child}` started but rejected its first message ({confirmation.Code}: {confirmation.Message}); " +
                $"send it again with `yoi pod send {child} …`");
        return (launched.SocketPath, delegation);
    }

    /// <summary>Where the default base (HEAD) is read: the parent's own worktree when it is a delegated child, else the main checkout.</summary>
    private static string BaseDirectoryOf(PodMetadata parent, string workspace) =>
        parent.Delegation?.Worktree is { } own && Directory.Exists(own) ? own : workspace;

    private WorkspaceConfig LoadConfig(string workspace)
    {
        try
        {
            return services.LoadConfig(WorkspaceKey.Canonicalize(workspace));
        }
        catch (ConfigException ex)
        {
            throw new DelegationException($"cannot read the workspace config for the worktree setup: {ex.Message}", ex);
        }
    }

    private async Task UndoAsync(string workspace, string child, string parent, ChildDelegation delegation)
    {
        try
        {
            services.Pods.Store.Update(parent, m => m is null ? new PodMetadata { PodName = parent } : m with
            {
                SpawnedChildren = m.SpawnedChildren.Where(c => c.PodName != child).ToList(),
            });
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex)) { }
        try { if (Directory.Exists(_paths.PodDir(child))) Directory.Delete(_paths.PodDir(child), recursive: true); }
        catch (IOException) { }
        if (delegation.HasWorktree)
            await ChildWorktree.RemoveAsync(workspace, delegation.Worktree!, delegation.Branch!, force: true, deleteBranch: true).ConfigureAwait(false);
    }

    /// <summary>A spawn that failed before any child process ran (everything undone), so a claim made for it can be released.</summary>
    private sealed class DelegationNotStartedException(string message, Exception inner) : DelegationException(message, inner);
}
