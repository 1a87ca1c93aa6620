using Yoi.Core.Delegation;
using Yoi.Core.Engines;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>The arguments of <c>yoi pod run</c>.</summary>
public sealed record PodRunOptions(
    string Workspace,
    string PodName,
    EngineSpec Engine,
    string? Profile = null,
    string? Role = null,
    string? Ticket = null,
    string? ParentSocket = null,
    bool Adopt = false);

/// <summary>A startup failure with a user-facing message and exit code (1 failed, 2 usage).</summary>
public sealed class PodStartException(string message, int exitCode = 1) : YoiException(message)
{
    public int ExitCode => exitCode;
}

/// <summary>
/// The composition of a Pod process: session (fresh or restored from <c>metadata.active</c>), runtime dir, socket,
/// controller; the ready handshake once the socket listens; on exit the <c>shutdown</c> event to clients, the
/// <c>shut_down</c> PodEvent to the parent, and removal of the runtime dir.
/// </summary>
public sealed class PodDaemon(YoiPaths paths, TimeProvider time, TextWriter diagnostics)
{
    private readonly TaskCompletionSource<Controller> _controller = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;

    /// <summary>Leaves the spawner's session and process group (setsid); a no-op when already a group leader.</summary>
    public static void DetachFromSpawner() => _ = Libc.SetSid();

    /// <summary>SIGTERM/SIGINT: shut down as if a <c>shutdown</c> method arrived. Safe before startup finished.</summary>
    public void RequestShutdown()
    {
        _stopRequested = true;
        if (_controller.Task.IsCompletedSuccessfully) _controller.Task.Result.RequestShutdown();
    }

    /// <summary>Runs the Pod until shutdown. <paramref name="onReady"/> gets (name, socket) once the socket listens.</summary>
    public async Task<int> RunAsync(PodRunOptions options, Action<string, string> onReady, IPodControlHandler? control = null, IPodMethodSender? sender = null)
    {
        var name = options.PodName;
        if (PodName.Problem(name) is { } problem) throw new PodStartException($"invalid pod name `{name}`: {problem}", 2);
        var workspace = WorkspaceKey.Canonicalize(options.Workspace);
        if (!Directory.Exists(workspace)) throw new PodStartException($"workspace {workspace} does not exist; pass an existing directory to --workspace", 2);

        // One daemon per Pod: held until this process exits (the kernel drops it however the process ends).
        DaemonLock daemonLock;
        try { daemonLock = DaemonLock.Acquire(paths, name); }
        catch (PodDaemonRunningException ex) { throw new PodStartException(ex.Message); }
        using var heldLock = daemonLock;

        var store = new PodMetadataStore(paths, time);
        PodMetadata? existing;
        string? adoptedFrom;
        try
        {
            existing = store.Find(name);
            adoptedFrom = PodWorkspace.Check(paths, name, existing, workspace, options.Adopt);
        }
        catch (PodMetadataException ex) { throw new PodStartException(ex.Message); }
        catch (PodWorkspaceMismatchException ex) { throw new PodStartException(ex.Message); }

        var agentGroup = new AgentGroup(paths, name);
        var endedAgents = agentGroup.EndLeftovers();

        var runtimePath = paths.PodRuntimeDir(name);
        try { RuntimeDirSafety.EnsureInRoot(runtimePath); }
        catch (UnsafeRuntimeDirException ex) { throw new PodStartException(ex.Message); }
        await using var host = PodHost.Bind(paths.PodSocketPath(name), name);
        var session = SessionSetup.Open(paths, time, name, existing?.Active);
        var runtime = new RuntimeDir(runtimePath, host.SocketPath, name, session.SegmentId);
        var statusFile = new StatusFile(runtime.WriteStatus, time, ex => Log($"warn: could not write {runtime.StatusPath}: {ex.Message}"));
        try
        {
            store.Update(name, m => (m ?? new PodMetadata { PodName = name }) with
            {
                Active = new ActiveSession(session.SessionId, session.SegmentId),
                WorkspaceRoot = workspace,
                Role = options.Role ?? m?.Role,
                Profile = options.Profile ?? m?.Profile,
                Ticket = options.Ticket ?? m?.Ticket,
                AgentSessionId = m?.Active?.SessionId == session.SessionId ? m.AgentSessionId : null,
            });
            var role = options.Role ?? existing?.Role;
            var ticket = options.Ticket ?? existing?.Ticket;
            // A new session starts a new agent conversation; a restored one resumes the one in metadata.
            var agentSession = existing?.Active?.SessionId == session.SessionId ? existing.AgentSessionId : null;
            var tools = YoiShim.Write(runtimePath, PodExecutable.Resolve());
            var engine = options.Engine.Create(new EngineContext(name, host.SocketPath, role, workspace, ticket, session.SessionId,
                agentSession, id => RecordAgentSession(store, name, id), tools, agentGroup, existing?.Delegation?.Worktree), time, diagnostics);
            var greeting = new Greeting(name, Environment.CurrentDirectory, engine.Name, engine.Detail, $"workspace {workspace}", [],
                Role: role, WorkspaceRoot: workspace);
            var hub = new EventHub(greeting, session.Entries);
            var queue = NotifyQueue.Rebuild(session.Entries);
            hub.SetStatus(PodStatus.Idle, queue.Count);
            var warnings = session.Warnings.ToList();
            if (adoptedFrom is not null) warnings.Add(PodWorkspace.AdoptedMessage(name, adoptedFrom, workspace));
            if (endedAgents.Count > 0)
                warnings.Add($"ended {endedAgents.Count} leftover agent process(es) of pod `{name}` from before the restart (pids {string.Join(", ", endedAgents)})");
            foreach (var warning in warnings)
            {
                Log("warn: " + warning);
                hub.Alert(new Alert(AlertLevel.Warn, AlertSource.Pod, warning, time.GetUtcNow().ToUnixTimeMilliseconds()));
            }

            runtime.WritePid();
            runtime.WriteStatus(PodStatus.Idle, queue.Count);
            var deps = new ControllerDeps(name, hub, session.Log, queue, control ?? new UnavailablePodControlHandler(),
                new PodEventEffects(store, name, options.ParentSocket is not null), sender ?? new PodClientSender(), options.ParentSocket,
                statusFile.Publish, time, diagnostics,
                session.Entries.OfType<TurnEndEntry>().Select(t => t.TurnCount).DefaultIfEmpty(0).Max(), ParentInboxOf(options, existing));
            var controller = new Controller(deps, engine);
            _controller.SetResult(controller);
            if (_stopRequested) controller.RequestShutdown();
            host.Start(hub, controller, Log);
            Log($"pod `{name}` ({(existing?.Active is null ? "fresh" : "restored")} session {session.SessionId}, segment {session.SegmentId}, {queue.Count} pending notifications) listening on {host.SocketPath}");
            onReady(name, host.SocketPath);

            var running = controller.RunAsync();
            await DrainInboxAsync(name, controller).ConfigureAwait(false);
            await running.ConfigureAwait(false);
            Log($"pod `{name}` shutting down");
            await host.DisposeAsync().ConfigureAwait(false);
            await NotifyParentShutDownAsync(options.ParentSocket, name, sender ?? new PodClientSender(), deps.ParentInbox).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            statusFile.Dispose();
            runtime.Remove();
        }
    }

    /// <summary>The durable inbox of this Pod's parent, for events its socket cannot take (a delegated child only).</summary>
    private ParentInbox? ParentInboxOf(PodRunOptions options, PodMetadata? existing) =>
        options.ParentSocket is not null && existing?.Delegation?.Parent is { } parent && PodName.IsValid(parent) ? new ParentInbox(paths, parent) : null;

    /// <summary>Events children left while this Pod was stopped: each goes through the live path (queued durably, wakes when idle).</summary>
    private async Task DrainInboxAsync(string name, Controller controller)
    {
        try
        {
            var count = await new ParentInbox(paths, name).DrainAsync(e => controller.SubmitAsync(new PodEventMethod(e), null), w => Log("warn: " + w)).ConfigureAwait(false);
            if (count > 0) Log($"delivered {count} event(s) children left in the inbox while pod `{name}` was stopped");
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            Log($"warn: could not drain the inbox of pod `{name}`: {ex.Message}");
        }
    }

    private async Task NotifyParentShutDownAsync(string? parentSocket, string name, IPodMethodSender sender, ParentInbox? inbox)
    {
        if (parentSocket is null) return;
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await sender.SendAsync(parentSocket, new PodEventMethod(new ShutDownPodEvent(name)), budget.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the parent may be gone; a lost shut_down is tolerated by design
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log($"warn: could not report shut_down to parent {parentSocket}: {ex.Message}");
            inbox?.Keep(new ShutDownPodEvent(name), Log);
        }
    }

    private void RecordAgentSession(PodMetadataStore store, string name, string id)
    {
        try
        {
            store.Update(name, m => (m ?? new PodMetadata { PodName = name }) with { AgentSessionId = id });
            Log($"agent conversation {id} recorded in metadata");
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            Log($"warn: could not record agent conversation {id}: {ex.Message}");
        }
    }

    private void Log(string line) => PodLog.Write(diagnostics, time, line);
}
