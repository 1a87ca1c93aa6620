using Yoi.Core.Workflows;
using Yoi.Core.Claims;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>Small hand-made <see cref="PanelModel"/>s for key-routing and painting tests (the fixture-workspace
/// snapshots use the real loader instead).</summary>
internal static class PanelModels
{
    public const string Workspace = "/tmp/yoi-demo";

    public static TicketRow Ticket(string id, string title, TicketState state, TicketClaimInfo? claim = null, string? gate = null)
    {
        var (action, priority, reason) = state switch
        {
            TicketState.Ready => (PanelAction.Queue, ActionPriority.ReadyForQueue, (string?)null),
            TicketState.Queued => (PanelAction.Wait, ActionPriority.ActiveWork, "Ticket is queued for Orchestrator routing."),
            TicketState.Done => (PanelAction.Close, ActionPriority.Background, "state is done; close if a resolution is still missing."),
            _ => (PanelAction.Clarify, ActionPriority.Background, "Ticket is still in planning; mark it ready before queueing."),
        };
        if (gate is not null) action = PanelAction.Wait;
        var hint = claim is { IsStale: true } ? $"Intake claim by {claim.PodName} is {claim.StatusLabel}; Ctrl+R reclaims it and starts Intake" : null;
        return new TicketRow(id, title, state, null, TicketRowKind.Ticket, priority, action, gate, reason, hint, [], [], claim,
            claim is null ? [] : [claim.PodName], claim is null ? [] : [claim.PodName], null, null, "2026-06-20T12:00:00Z");
    }

    public static TicketClaimInfo Claim(string pod, ClaimStatusKind kind, StaleReason? reason = null) =>
        new(pod, "intake", 1, new ClaimStatus(kind, reason));

    public static IntakeChildRow Intake(string ticket, string pod, ClaimStatusKind kind, StaleReason? reason = null) =>
        new(ticket, pod, IntakeSource.Claim, new ClaimStatus(kind, reason), null, "Enter opens the Intake Pod");

    public static PodRow Pod(string name, PodRowStatus status, int pending = 0, string[]? peers = null, bool companion = false, bool orchestrator = false) =>
        new(name, PodRow.SectionOf(status), status, null, null, pending, peers ?? [], "2026-06-20T12:00:00Z", $"/run/{name}/sock", companion, orchestrator);

    /// <summary>A model with sections built from <paramref name="rows"/> (headers inserted like the loader does).</summary>
    /// <param name="needsYou">false: no Needs you group and Working Pods after the Tickets (key-routing tests that walk the rows).</param>
    public static PanelModel Model(IEnumerable<PanelRow> rows, TicketConfigState config = TicketConfigState.Usable, IReadOnlyList<string>? diagnostics = null, bool needsYou = true)
    {
        var list = rows.ToList();
        var result = new List<PanelRow>();
        var tickets = list.Where(r => r is TicketRow or IntakeChildRow or InvalidTicketRow).ToList();
        var pods = list.OfType<PodRow>().ToList();
        // The same order and labels as the loader: Needs you, Working Pods, Open Tickets, Idle Pods, Stopped Pods.
        if (needsYou)
        {
            var needs = NeedsYou.Derive(tickets.OfType<TicketRow>(), pods);
            result.Add(new SectionHeaderRow(PanelSection.NeedsYou, needs.Count == 0 ? "Needs you · nothing waiting" : $"Needs you · {needs.Count}"));
            // A Ticket shows once: in Needs you, with its Intake rows under it.
            var moved = needs.Select(n => n.Target).OfType<TicketRow>().Select(t => t.Id).ToHashSet();
            foreach (var n in needs)
            {
                result.Add(n);
                if (n.Target is TicketRow t) result.AddRange(tickets.OfType<IntakeChildRow>().Where(c => c.TicketId == t.Id));
            }
            tickets = tickets.Where(r => r is not TicketRow t || !moved.Contains(t.Id)).Where(r => r is not IntakeChildRow c || !moved.Contains(c.TicketId)).ToList();
        }
        void Pods(PanelSection section, string name)
        {
            var inSection = pods.Where(p => p.Section == section).ToList();
            if (inSection.Count == 0) return;
            result.Add(new SectionHeaderRow(section, $"{name} · {inSection.Count}"));
            result.AddRange(inSection);
        }
        if (needsYou) Pods(PanelSection.Working, "Working Pods");
        if (config == TicketConfigState.Usable)
        {
            result.Add(new SectionHeaderRow(PanelSection.Tickets, $"Open Tickets · {tickets.Count(r => r is TicketRow)}"));
            result.AddRange(tickets);
        }
        Pods(PanelSection.Pending, "Idle Pods");
        if (!needsYou) Pods(PanelSection.Working, "Working Pods");
        Pods(PanelSection.Closed, "Stopped Pods");
        var header = new PanelHeader(Workspace, "yoi-demo", config,
            new LifecycleStatus("yoi-demo", RoleState.Live),
            config == TicketConfigState.Absent ? null : new LifecycleStatus("yoi-demo-orchestrator", RoleState.Missing));
        ComposerTarget[] targets = config == TicketConfigState.Usable ? [ComposerTarget.Companion, ComposerTarget.TicketPlanning] : [ComposerTarget.Companion];
        return new PanelModel(header, diagnostics ?? [], result, pods, targets, null, Loading: false, PanelTiming.None);
    }

    /// <summary>Three Tickets (planning with a live Intake child, ready, stale-claimed planning) and three Pods.</summary>
    public static PanelModel Small(bool needsYou = true) => Model(
    [
        Ticket("00001KV09WYC6", "ワークスペース一覧の表示を改善する", TicketState.Ready),
        Ticket("00001KV0A1B2C", "Fix the reload race", TicketState.Planning, Claim("ticket-intake-00001kv0a1b2c", ClaimStatusKind.Live)),
        Intake("00001KV0A1B2C", "ticket-intake-00001kv0a1b2c", ClaimStatusKind.Live),
        Ticket("00001KV0D3E4F", "日本語と English の混在したタイトル", TicketState.Planning,
            Claim("ticket-intake-gone", ClaimStatusKind.Stale, StaleReason.NoMetadata)),
        Pod("yoi-demo", PodRowStatus.LiveIdle, pending: 3, companion: true),
        Pod("ticket-intake-00001kv0a1b2c", PodRowStatus.LiveRunning, peers: ["yoi-demo-orchestrator"]),
        Pod("old-helper", PodRowStatus.Stopped),
    ], needsYou: needsYou);

    /// <summary><paramref name="count"/> planning Tickets, for scrolling.</summary>
    public static PanelModel Many(int count) =>
        Model(Enumerable.Range(1, count).Select(i => (PanelRow)Ticket($"T{i:D4}", $"Ticket number {i}", TicketState.Planning)));
}
