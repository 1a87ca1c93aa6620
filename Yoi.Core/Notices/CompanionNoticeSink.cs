using Yoi.Core.Diagnostics;
using Yoi.Core.Hosting;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Core.Notices;

/// <summary>
/// Orchestrator → Companion Ticket notices (reference §5.3–§5.4): when a Ticket lifecycle mutation succeeds in a
/// process acting as the Orchestrator, ensure the peer link with the workspace Companion (if its metadata exists),
/// then weak-notify it with the bounded notice. A missing Companion is a debug line; any other skip is a warning
/// with the reason. Never spawns or restores anything.
/// </summary>
public sealed class CompanionNoticeSink(YoiServices services, string self, string workspace) : ITicketLifecycleSink
{
    public const string RoleVariable = "YOI_ROLE";
    public const string PodVariable = "YOI_POD";

    private readonly YoiLog _log = services.Log;

    public string Companion { get; } = WorkspacePodNames.Resolve(services.PodStore, workspace).Companion;

    /// <summary>The sink for this process when <c>YOI_ROLE</c> is <c>orchestrator</c> and <c>YOI_POD</c> names it; otherwise none.</summary>
    public static IReadOnlyList<ITicketLifecycleSink> ForProcess(YoiServices services, string workspace, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var role = env(RoleVariable);
        var self = env(PodVariable);
        if (!string.Equals(role, RoleLauncher.OrchestratorRole, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(self)) return [];
        return [new CompanionNoticeSink(services, self, WorkspaceKey.Canonicalize(workspace))];
    }

    public void OnTicketLifecycleEvent(TicketLifecycleEvent lifecycleEvent)
    {
        var e = lifecycleEvent;
        if (Companion == self) return;
        var message = TicketEventNotice.Build(e.Ticket, e.Title, e.State.Name(), e.EventKind, e.Summary, e.Ref);
        var links = services.PeerLinks;
        try
        {
            if (links.EnsureExisting(self, Companion) == EnsurePeerResult.PeerMissing)
            {
                _log.Debug($"ticket notice for {e.Ticket} not sent: workspace Companion `{Companion}` has no metadata");
                return;
            }
        }
        catch (Exception ex) when (ex is DiscoveryException or IOException)
        {
            _log.Warn($"ticket notice for {e.Ticket}: could not ensure the peer link with `{Companion}`: {ex.Message}");
        }
        var delivery = services.Messenger.SendWeakAsync(self, Companion, message).GetAwaiter().GetResult();
        if (delivery.Outcome == WeakNotifyOutcome.Delivered) _log.Debug($"ticket notice for {e.Ticket} delivered to `{Companion}`");
        else _log.Warn($"ticket notice for {e.Ticket} to `{Companion}`: {delivery}");
    }
}
