using System.Text;
using Yoi.Core.Panel;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Tickets;

namespace Yoi.Core.Workflows;

/// <summary>What the attention step decided after a reload: sent or not, a one-line summary, and a notice on failure.</summary>
public sealed record AttentionOutcome(bool Sent, string Summary, string? Fingerprint, PanelNotice? Notice = null);

/// <summary>
/// Queued-work attention for an idle Orchestrator (docs/original-panel.md §2.16), the panel's one automatic outbound message:
/// when nothing is in progress and a queued Ticket is actionable, a live idle Orchestrator gets
/// <c>notify{auto_run:true}</c> listing the work. A fingerprint of the work set (active ids, queued ids and their
/// waiting reasons — not the new/planned classification, which changes just because a notice was sent) suppresses
/// repeats: a notice is skipped when it equals the last one delivered. Never spawns, restores or claims.
/// </summary>
public sealed class QueuedWorkAttention
{
    public const int MaxTickets = 6;
    public const int FieldLimit = 120;
    public const int MessageLimit = 2400;

    private readonly HashSet<string> _seenQueued = new(StringComparer.Ordinal);
    private string? _lastDelivered;

    /// <summary>The fingerprint of the last delivered notice (null before the first).</summary>
    public string? LastDelivered => _lastDelivered;

    public async Task<AttentionOutcome> AfterReloadAsync(PanelModel model, CancellationToken cancellationToken = default)
    {
        var orchestrator = model.Header.Orchestrator;
        var pod = model.OrchestratorPod;
        var work = WorkSet(model);
        var summary = Summary(work);
        if (work.Active.Count > 0)
            return Remember(work, new AttentionOutcome(false, $"queued-work attention suppressed; active_inprogress: {string.Join(", ", work.Active)}", null));
        if (orchestrator is not { State: RoleState.Live or RoleState.Restored or RoleState.Spawned } || pod is not { Status: PodRowStatus.LiveIdle })
            return Remember(work, new AttentionOutcome(false, $"queued-work attention pending: Orchestrator is not live and idle; {summary}", null));
        if (!work.Queued.Any(q => q.Waiting is null))
            return Remember(work, new AttentionOutcome(false, $"queued-work attention waiting: {summary}", null));
        var fingerprint = "idle-queue:" + string.Join("|", work.Active) + "|" +
            string.Join("|", work.Queued.Select(q => $"{q.Id}:{q.Waiting}"));
        if (fingerprint == _lastDelivered)
            return Remember(work, new AttentionOutcome(false, $"queued-work attention already delivered; {summary}", fingerprint));
        try
        {
            await PodClient.ConnectAndSendAsync(pod.SocketPath, new NotifyMethod(Message(work), true), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            return Remember(work, new AttentionOutcome(false, $"queued-work attention not delivered: {ex.Message}", fingerprint,
                PanelNotice.Warning(PanelText.Bounded($"Orchestrator queued-work attention not delivered: {pod.Name}: {ex.Message}"))));
        }
        _lastDelivered = fingerprint;
        return Remember(work, new AttentionOutcome(true, $"queued-work attention sent to {pod.Name}; {summary}", fingerprint));
    }

    private AttentionOutcome Remember(WorkSetData work, AttentionOutcome outcome)
    {
        _seenQueued.Clear();
        foreach (var q in work.Queued) _seenQueued.Add(q.Id);
        return outcome;
    }

    private sealed record QueuedItem(string Id, string Title, string Classification, string? Waiting);

    private sealed record WorkSetData(IReadOnlyList<string> Active, IReadOnlyList<QueuedItem> Queued);

    private WorkSetData WorkSet(PanelModel model)
    {
        var rows = model.TicketRows.ToList();
        var active = rows.Where(r => r.State == TicketState.InProgress || r.Overlay == TicketState.InProgress).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var queued = new List<QueuedItem>();
        foreach (var row in rows.Where(r => r.State == TicketState.Queued).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            string? waiting = null;
            if (active.Count > 0) waiting = $"waiting for active_inprogress: {string.Join(", ", active)}";
            else if (row.Blockers.Count > 0) waiting = $"blocked by Ticket relation diagnostics: {string.Join(", ", row.Blockers)}";
            else
            {
                var guards = new List<string>();
                if (row.Claim is { IsLiveOrRestorable: true } claim) guards.Add($"claim {claim.PodName} ({claim.StatusLabel})");
                if (row.RelatedPods.Count > 0) guards.Add($"pods {string.Join(", ", row.RelatedPods)}");
                if (row.Overlay is { } overlay) guards.Add($"orchestration overlay {overlay.Name()}");
                if (guards.Count > 0) waiting = $"waiting on existing role/session or visible pod/worktree before duplicate start: {string.Join("; ", guards)}";
            }
            var classification = waiting is not null || _seenQueued.Contains(row.Id) ? "planned_queued" : "new_queued";
            queued.Add(new QueuedItem(row.Id, row.Title, classification, waiting));
        }
        return new WorkSetData(active, queued);
    }

    private static string Summary(WorkSetData work) =>
        $"actionable: {string.Join(", ", work.Queued.Where(q => q.Waiting is null).Select(q => q.Id))}; " +
        $"waiting: {string.Join(", ", work.Queued.Where(q => q.Waiting is not null).Select(q => q.Id))}";

    private static string Message(WorkSetData work)
    {
        var text = new StringBuilder();
        text.Append("<system-reminder>\nWorkspace panel queued-work attention: bounded attention only, not scheduler authority.\n");
        text.Append("No Ticket is in progress. Review the queued Tickets below and accept routing (queued -> inprogress) only where appropriate.\n");
        var shown = work.Queued.Take(MaxTickets).ToList();
        foreach (var q in shown)
        {
            text.Append("- ").Append(q.Id).Append(" [").Append(q.Classification).Append("] ").Append(PanelText.Cut(q.Title, FieldLimit));
            if (q.Waiting is not null) text.Append(" — ").Append(PanelText.Cut(q.Waiting, FieldLimit));
            text.Append('\n');
        }
        if (work.Queued.Count > shown.Count) text.Append("(+").Append(work.Queued.Count - shown.Count).Append(" more queued Tickets omitted)\n");
        text.Append("</system-reminder>");
        var message = text.ToString();
        return message.Length <= MessageLimit ? message : PanelText.Cut(message, MessageLimit - 20) + "\n</system-reminder>";
    }
}
