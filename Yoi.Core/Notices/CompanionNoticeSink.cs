using Yoi.Core.Diagnostics;
using Yoi.Core.Hosting;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Core.Notices;

/// <summary>
/// Orchestrator → Companion Ticket notices (docs/original-core.md §5.3–§5.4): when a Ticket lifecycle mutation succeeds in a
/// process acting as the Orchestrator, ensure the peer link with the workspace Companion (if its metadata exists),
/// then weak-notify it with the bounded notice. The delivery is handed to a <see cref="NoticeDelivery"/>, so the Ticket
/// command never waits for the Companion inside the store; the caller settles it within one total budget and reports
/// the outcome. A missing Companion is a debug line; any other skip is a warning with the reason. Never spawns or
/// restores anything.
/// </summary>
public sealed class CompanionNoticeSink(YoiServices services, string self, string workspace, NoticeDelivery delivery) : ITicketLifecycleSink
{
    public const string RoleVariable = "YOI_ROLE";
    public const string PodVariable = "YOI_POD";

    private readonly YoiLog _log = services.Log;

    public string Companion { get; } = WorkspacePodNames.Resolve(services.PodStore, workspace).Companion;

    /// <summary>The sink for this process when <c>YOI_ROLE</c> is <c>orchestrator</c> and <c>YOI_POD</c> names it; otherwise none.</summary>
    public static IReadOnlyList<ITicketLifecycleSink> ForProcess(YoiServices services, string workspace, NoticeDelivery delivery,
        Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var role = env(RoleVariable);
        var self = env(PodVariable);
        if (!string.Equals(role, RoleLauncher.OrchestratorRole, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(self)) return [];
        return [new CompanionNoticeSink(services, self, WorkspaceKey.Canonicalize(workspace), delivery)];
    }

    public void OnTicketLifecycleEvent(TicketLifecycleEvent lifecycleEvent)
    {
        if (Companion == self) return;
        var message = TicketEventNotice.Build(lifecycleEvent.Ticket, lifecycleEvent.Title, lifecycleEvent.State.Name(), lifecycleEvent.EventKind,
            lifecycleEvent.Summary, lifecycleEvent.Ref);
        delivery.Hand(Companion, cancellationToken => DeliverAsync(lifecycleEvent.Ticket, message, cancellationToken));
    }

    private async Task<string> DeliverAsync(string ticket, string message, CancellationToken cancellationToken)
    {
        try
        {
            if (services.PeerLinks.EnsureExisting(self, Companion) == EnsurePeerResult.PeerMissing)
            {
                _log.Debug($"ticket notice for {ticket} not sent: workspace Companion `{Companion}` has no metadata");
                return new WeakNotifyDelivery(WeakNotifyOutcome.SkippedMissing).ToString();
            }
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            _log.Warn($"ticket notice for {ticket}: could not ensure the peer link with `{Companion}`: {ex.Message}");
        }
        // The link was just ensured, so the Companion is a peer: no discovery round (it would re-read the metadata just
        // written and probe once more); a Companion that is not live fails the connect.
        WeakNotifyDelivery sent;
        try
        {
            await PodClient.ConnectAndSendAsync(services.Paths.PodSocketPath(Companion), new Protocol.NotifyMethod(message, AutoRun: false), cancellationToken)
                .ConfigureAwait(false);
            sent = new WeakNotifyDelivery(WeakNotifyOutcome.Delivered);
        }
        catch (PodUnreachableException ex)
        {
            sent = new WeakNotifyDelivery(WeakNotifyOutcome.SkippedNotLive, ex.Message);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            sent = new WeakNotifyDelivery(WeakNotifyOutcome.SendFailed, ex.Message);
        }
        if (sent.Outcome == WeakNotifyOutcome.Delivered) _log.Debug($"ticket notice for {ticket} delivered to `{Companion}`");
        else _log.Warn($"ticket notice for {ticket} to `{Companion}`: {sent}");
        return sent.ToString();
    }
}
