using Yoi.Core.Claims;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Panel;

/// <summary>The local role-session registry as read by one reload (empty with a diagnostic when unreadable).</summary>
internal sealed record RegistrySnapshot(IReadOnlyList<RoleSessionRecord> Sessions, IReadOnlyList<ClaimFile> Claims, string? Problem)
{
    public static readonly RegistrySnapshot Empty = new([], [], null);
}

/// <summary>Everything one model build needs; gathered by <see cref="PanelLoader"/>.</summary>
internal sealed record PanelInputs(
    string Workspace,
    TicketConfigState ConfigState,
    TicketRowSet? Tickets,
    IReadOnlyDictionary<string, TicketState> Overlay,
    RegistrySnapshot Registry,
    IReadOnlyList<PodRow> Pods,
    Func<string, ClaimStatus> PodClaimStatus,
    LifecycleStatus Companion,
    LifecycleStatus? Orchestrator,
    IReadOnlyList<string> Diagnostics,
    IReadOnlyDictionary<string, Delegation.ChildSummary>? ChildSummaries = null);
