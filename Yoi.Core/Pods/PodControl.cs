using Yoi.Core.Paths;
using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>
/// The operations on one named Pod that the CLI and the panel share: probe, start, restore, stop, send, notify.
/// Errors name the Pod, the reason and the next step.
/// </summary>
public sealed class PodControl(YoiPaths paths, PodMetadataStore store, PodLauncher launcher, Func<string, string?, string?> resolveEngine,
    TimeProvider time)
{
    public static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(10);

    public YoiPaths Paths => paths;
    public PodMetadataStore Store => store;

    public string SocketOf(string podName) => paths.PodSocketPath(PodName.Validate(podName));

    public Task<ProbeResult> ProbeAsync(string podName, TimeSpan budget, CancellationToken cancellationToken = default) =>
        PodClient.ProbeAsync(SocketOf(podName), budget, cancellationToken);

    public Task<LaunchedPod> StartAsync(PodLaunchRequest request, CancellationToken cancellationToken = default) =>
        launcher.StartAsync(request with { EngineSpecJson = request.EngineSpecJson ?? resolveEngine(request.Workspace, request.Profile) }, cancellationToken);

    /// <summary>Restores a stopped Pod in the workspace its metadata names; a live Pod is returned as is.</summary>
    public Task<(LaunchedPod Pod, bool AlreadyLive)> RestoreAsync(string podName, CancellationToken cancellationToken = default) =>
        RestoreAsync(podName, null, false, cancellationToken);

    /// <summary>
    /// Restores a stopped Pod from its metadata; a live Pod is returned as is. With <paramref name="workspace"/> (the
    /// caller's workspace) a Pod of another workspace is refused with both paths, unless <paramref name="adopt"/>
    /// moves it. A Pod whose daemon runs but whose socket is gone is refused (never a second daemon).
    /// </summary>
    public async Task<(LaunchedPod Pod, bool AlreadyLive)> RestoreAsync(string podName, string? workspace, bool adopt,
        CancellationToken cancellationToken = default)
    {
        var metadata = store.Find(PodName.Validate(podName))
            ?? throw new YoiException($"pod `{podName}` does not exist (no metadata under {paths.PodDir(podName)}); start it with `yoi pod start {podName}`");
        var target = workspace is null ? null : WorkspaceKey.Canonicalize(workspace);
        if (target is not null) PodWorkspace.Check(paths, podName, metadata, target, adopt);
        var socket = SocketOf(podName);
        if ((await PodClient.ProbeLiveAsync(socket, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false)).Reachable)
            return (new LaunchedPod(podName, socket, 0), true);
        if (DaemonLock.Holder(paths, podName) is { } holder)
            throw new YoiException(DaemonLock.UnreachableMessage(podName, holder, socket));
        var restoreIn = target ?? metadata.WorkspaceRoot;
        // A role's Pod runs on the role's profile as configured now, so a changed profile reaches it on restore.
        if (restoreIn is { } configured
            && Config.EngineSpecResolver.ProfileForRestore(paths, configured, metadata.Role, metadata.Profile) is { } current && current != metadata.Profile)
            metadata = metadata with { Profile = current };
        var engine = restoreIn is { } ws ? resolveEngine(ws, metadata.Profile) : null;
        return (await launcher.RestoreAsync(restoreIn is null ? metadata : metadata with { WorkspaceRoot = restoreIn }, engine, adopt, cancellationToken)
            .ConfigureAwait(false), false);
    }

    /// <summary>
    /// Asks a live Pod to shut down and waits until its daemon has exited. A running daemon whose socket is gone
    /// (live, unreachable) gets SIGTERM instead, which it handles exactly like <c>shutdown</c>.
    /// </summary>
    public async Task StopAsync(string podName, CancellationToken cancellationToken = default)
    {
        PodName.Validate(podName);
        var socket = SocketOf(podName);
        var probe = await PodClient.ProbeLiveAsync(socket, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        if (probe.Reachable)
        {
            await PodClient.ConnectAndSendAsync(socket, new ShutdownMethod(), cancellationToken).ConfigureAwait(false);
        }
        else if (DaemonLock.Holder(paths, podName) is { Pid: { } pid })
        {
            if (!Interop.Libc.Kill(pid, Interop.Libc.SIGTERM))
                throw new YoiException($"pod `{podName}` is live but unreachable and its daemon (pid {pid}) could not be signalled; end it with `kill {pid}`");
        }
        else
        {
            await RequireLiveAsync(podName, cancellationToken).ConfigureAwait(false);
        }
        var started = time.GetTimestamp();
        while (DaemonLock.Holder(paths, podName) is not null
               || (await PodClient.ProbeAsync(socket, TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false)).Reachable)
        {
            if (time.GetElapsedTime(started) > StopBudget)
                throw new TimeoutException($"pod `{podName}` did not stop within {StopBudget.TotalSeconds:0}s; it may be finishing a turn");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RunConfirmation> SendRunAsync(string podName, string text, CancellationToken cancellationToken = default)
    {
        var socket = await RequireLiveAsync(podName, cancellationToken).ConfigureAwait(false);
        return await PodClient.SendRunAndConfirmAsync(socket, [new TextSegment(text)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunOutcome> SendRunAndWaitAsync(string podName, string text, Action<Event>? onEvent, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        var socket = await RequireLiveAsync(podName, cancellationToken).ConfigureAwait(false);
        return await PodClient.SendRunAndWaitAsync(socket, [new TextSegment(text)], onEvent, timeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task NotifyAsync(string podName, string message, bool autoRun, CancellationToken cancellationToken = default)
    {
        var socket = await RequireLiveAsync(podName, cancellationToken).ConfigureAwait(false);
        await PodClient.ConnectAndSendAsync(socket, new NotifyMethod(message, autoRun), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The socket of a live Pod, or a clear error saying whether it is missing, stopped, or live but unreachable.</summary>
    public async Task<string> RequireLiveAsync(string podName, CancellationToken cancellationToken = default)
    {
        var socket = SocketOf(podName);
        var probe = await PodClient.ProbeLiveAsync(socket, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        if (probe.Reachable) return socket;
        if (DaemonLock.Holder(paths, podName) is { } holder) throw new YoiException(DaemonLock.UnreachableMessage(podName, holder, socket));
        throw new YoiException(store.Read(podName).State == MetadataState.Missing
            ? $"pod `{podName}` does not exist; start it with `yoi pod start {podName}`"
            : $"pod `{podName}` is not live ({probe.Error}); restore it with `yoi pod restore {podName}`");
    }

    /// <summary>Removes a stopped Pod (<see cref="PodRemoval"/>); refuses a live one.</summary>
    public async Task<PodRemoval.Result> RemoveAsync(string podName, bool purge, CancellationToken cancellationToken = default)
    {
        PodName.Validate(podName);
        var socket = SocketOf(podName);
        if ((await PodClient.ProbeLiveAsync(socket, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false)).Reachable)
            throw new YoiException($"pod `{podName}` is live; stop it first with `yoi pod stop {podName}`, then remove it");
        return PodRemoval.Remove(store, podName, purge);
    }
}
