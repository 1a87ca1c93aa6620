using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Workflows;

/// <summary>
/// An Intake Pod's work ends when its Ticket leaves planning for good: when the Ticket is queued (<c>state/…->queued</c>)
/// or closed (<c>close/…</c>), the Intake Pod that claims it is stopped (its metadata and session log stay, so it can
/// still be opened, restored or removed) and the claim is released with a history line. Runs as a Ticket lifecycle sink
/// after the mutation is durable, in the CLI and in the panel; a failure is reported through the store's sink-error
/// hook and never undoes the Ticket change. <paramref name="env"/> tells which Pod this process runs in (<c>YOI_POD</c>;
/// default: the process environment, the CLI passes its services' <c>Env</c>).
/// </summary>
public sealed class IntakeRetirement(YoiPaths paths, string workspace, TimeProvider time, Func<string, string?>? env = null) : ITicketLifecycleSink
{
    public static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(10);

    private readonly string _workspace = WorkspaceKey.Canonicalize(workspace);

    /// <summary>What the last retirement did (null when nothing was retired), for a notice.</summary>
    public string? LastOutcome { get; private set; }

    public static bool Retires(string eventKind) =>
        eventKind.StartsWith("close/", StringComparison.Ordinal)
        || (eventKind.StartsWith("state/", StringComparison.Ordinal) && eventKind.EndsWith("->queued", StringComparison.Ordinal));

    public void OnTicketLifecycleEvent(TicketLifecycleEvent lifecycleEvent)
    {
        if (!Retires(lifecycleEvent.EventKind)) return;
        var why = lifecycleEvent.EventKind.StartsWith("close/", StringComparison.Ordinal) ? "closed" : "queued";
        LastOutcome = RetireAsync(lifecycleEvent.Ticket, why, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Stops the Ticket's Intake Pod (if it is of this workspace) and releases its claim; null when there is none.</summary>
    public async Task<string?> RetireAsync(string ticketId, string why, CancellationToken cancellationToken)
    {
        var claims = new TicketClaims(RegistryLocation.ForWorkspace(paths, _workspace), time);
        if (claims.Get(ticketId) is not { Role: RoleLauncher.IntakeRole } claim) return null;
        var pod = claim.PodName;
        var metadata = new PodMetadataStore(paths, time).Read(pod).Metadata;
        if (metadata is not null && !PodWorkspace.BelongsTo(metadata, _workspace)) return null;

        var socket = paths.PodSocketPath(pod);
        var stopped = false;
        if ((await PodClient.ProbeLiveAsync(socket, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false)).Reachable)
        {
            await PodClient.ConnectAndSendAsync(socket, new ShutdownMethod(), cancellationToken).ConfigureAwait(false);
            stopped = true;
        }
        claims.Release(ticketId, claim.Generation, $"Ticket {why}: Intake Pod {pod} {(stopped ? "stopped" : "was not live")}");
        // Inside the Intake Pod's own agent (it queued its Ticket itself) the daemon is ending this very process group.
        if (stopped && (env ?? Environment.GetEnvironmentVariable)(TicketAuthor.PodVariable) != pod) await WaitStoppedAsync(pod, socket, cancellationToken).ConfigureAwait(false);
        return stopped
            ? $"Intake Pod {pod} stopped and its claim released (Ticket {ticketId} {why}; its log is kept)"
            : $"Intake claim of {pod} released (Ticket {ticketId} {why})";
    }

    private async Task WaitStoppedAsync(string pod, string socket, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (DaemonLock.Holder(paths, pod) is not null
               || (await PodClient.ProbeAsync(socket, TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false)).Reachable)
        {
            if (time.GetElapsedTime(started) > StopBudget)
                throw new TimeoutException($"Intake Pod {pod} did not stop within {StopBudget.TotalSeconds:0}s after its Ticket left planning; stop it with `yoi pod stop {pod}`");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}
