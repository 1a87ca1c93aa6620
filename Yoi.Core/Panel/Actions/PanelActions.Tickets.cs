using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Hosting;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Core.Panel.Actions;

public sealed partial class PanelActions
{
    /// <summary>
    /// Queue, Close or Wait on a Ticket row: re-checks the config and the Ticket's current action (a fresh read,
    /// fresh blockers and overlay), then acts. A mismatch is refused: "current action is X but selected action was Y".
    /// </summary>
    public async Task<PanelActionResult> TicketActionAsync(TicketRow selected, CancellationToken cancellationToken = default)
    {
        if (selected.TicketAction == PanelAction.None) return PanelActionResult.Warning("Selected Ticket row has no inline action.");
        try
        {
            // Queue and Close end the Ticket's Intake Pod (stopped, claim released); the notice says so.
            var retirement = new IntakeRetirement(_paths, Workspace, _time);
            var context = LoadContext(retirement);
            if (selected.TicketAction == PanelAction.Close) return WithRetirement(Close(selected, context), retirement);
            RecheckAction(selected, context);
            return selected.TicketAction switch
            {
                PanelAction.Queue => WithRetirement(await new QueueHandoff(Workspace, context.Config, context.Tickets, _control)
                    .RunAsync(selected.Id, cancellationToken).ConfigureAwait(false), retirement),
                PanelAction.Wait => PanelActionResult.Info($"Wait for Ticket {selected.Id} has no safe inline workspace-panel dispatch; use the Ticket workflow."),
                _ => PanelActionResult.Warning($"{selected.ActionLabel} is not a Ticket action; select a Queue, Close or Wait row."),
            };
        }
        catch (StaleSelectionException ex)
        {
            return PanelActionResult.Error("Ticket action rejected", ex.Message);
        }
        catch (Exception ex) when (ex is TicketException or Git.GitException or IOException)
        {
            return PanelActionResult.Error("Ticket action failed", ex.Message);
        }
    }

    /// <summary>
    /// Mark ready (planning → ready) through the same gate as <c>yoi ticket state ID ready</c>
    /// (<see cref="TicketStore.MarkReady"/>: the Ticket must still be planning); a Ticket that moved on is refused.
    /// </summary>
    public PanelActionResult MarkReady(string ticketId)
    {
        try
        {
            var store = LoadContext().Tickets;
            var record = Show(store, ticketId);
            if (record.Meta.State != TicketState.Planning)
                throw new StaleSelectionException($"Mark ready blocked for Ticket {ticketId}: state is {record.Meta.State.Name()}, expected planning; nothing was recorded. Reload and retry.");
            const string text = "Marked ready from the workspace panel.\n";
            store.MarkReady(ticketId, text, Actor, "panel_ready", text);
            return PanelActionResult.Info($"Ticket {ticketId} is ready; Enter on it queues it (after y/n).");
        }
        catch (StaleSelectionException ex)
        {
            return PanelActionResult.Error("Mark ready rejected", ex.Message);
        }
        catch (Exception ex) when (ex is TicketException or IOException)
        {
            return PanelActionResult.Error("Mark ready failed", ex.Message);
        }
    }

    /// <summary>The Ticket view's record: the full Ticket (body, thread, artifacts, relations) read fresh.</summary>
    public PanelActionResult ShowTicket(string ticketId)
    {
        try
        {
            var record = Show(LoadContext().Tickets, ticketId);
            return new PanelActionResult(PanelNotice.Info($"Ticket {ticketId}: {record.Events.Count} thread events; Esc goes back.")) { Ticket = record };
        }
        catch (StaleSelectionException ex)
        {
            return PanelActionResult.Error("Ticket view unavailable", ex.Message);
        }
        catch (Exception ex) when (ex is TicketException or IOException)
        {
            return PanelActionResult.Error("Ticket view unavailable", $"Could not read Ticket {ticketId}: {ex.Message}");
        }
    }

    /// <summary>Close (done → closed) with the deterministic resolution in the record's language.</summary>
    private static PanelActionResult Close(TicketRow selected, WorkspaceContext context)
    {
        var config = context.Config;
        var store = context.Tickets;
        var record = Show(store, selected.Id);
        if (record.Meta.State == TicketState.Closed)
            throw new StaleSelectionException($"Close blocked for Ticket {selected.Id}: state is already closed; no close was recorded.");
        if (record.Meta.State != TicketState.Done)
            throw new StaleSelectionException($"Close blocked for Ticket {selected.Id}: state is {record.Meta.State.Name()}, expected done; no close was recorded. Reload and retry.");
        if (record.Resolution is not null || File.Exists(Path.Combine(record.Directory, "resolution.md")))
            throw new StaleSelectionException($"Close blocked for Ticket {selected.Id}: resolution.md already exists; no close was recorded.");
        store.Close(selected.Id, Resolution(record, TicketTexts.IsJapanese(config.Language)), Actor);
        return PanelActionResult.Info($"Closed Ticket {selected.Id}: it was already done, so the standard resolution was written to resolution.md.");
    }

    /// <summary>The fixed Close resolution (reference §2.14), English or Japanese.</summary>
    public static string Resolution(TicketRecord record, bool japanese) => japanese
        ? $"Ticket `{record.Id}` (`{record.Meta.Title}`) はすでに `state: done` に到達していたため、workspace Panel から close しました。\n\n" +
          "この Close action によって、実装作業、state 変更、Orchestrator/Companion launch、worker invocation は開始されていません。\n"
        : $"Closed from the workspace Panel because Ticket `{record.Id}` (`{record.Meta.Title}`) had already reached `state: done`.\n\n" +
          "This Close action started no implementation work, state change, Orchestrator/Companion launch, or worker invocation.\n";

    /// <summary>Re-derives the row from current authority (the action's one context) and refuses when its action changed.</summary>
    private static void RecheckAction(TicketRow selected, WorkspaceContext context)
    {
        TicketRecord record;
        try
        {
            record = context.Ticket(selected.Id);
        }
        catch (TicketException ex) when (ex.Kind == TicketErrorKind.NotFound)
        {
            throw new StaleSelectionException($"Ticket {selected.Id} no longer exists: {ex.Message}");
        }
        var blockers = context.Tickets.Relations(selected.Id).Blockers;
        var current = TicketRowBuilder.Derive(record.Summary, blockers, OverlayState(context, selected.Id));
        if (current.TicketAction != selected.TicketAction)
            throw new StaleSelectionException($"Ticket {selected.Id}: current action is {current.ActionLabel} but selected action was {selected.ActionLabel}; reload and retry.");
    }

    /// <summary>
    /// The workspace for one action, loaded once (config, Ticket store, claims). With <paramref name="retirement"/> the
    /// store's Queue and Close also retire the Ticket's Intake Pod. An unusable or absent Ticket config refuses.
    /// </summary>
    private WorkspaceContext LoadContext(IntakeRetirement? retirement = null)
    {
        WorkspaceContext context;
        try
        {
            context = _services.Workspace(Workspace, new TicketWriting(
                Sinks: _ => retirement is null || _paths.DataOrNull is null ? [] : [retirement],
                OnSinkError: ex => _services.Log.Warn($"ticket lifecycle follow-up failed: {ex.Message}")));
        }
        catch (ConfigException ex)
        {
            throw new StaleSelectionException($"Ticket config is unusable; workspace panel no longer exposes Ticket actions: {ex.Message}");
        }
        if (!context.Config.TicketsEnabled) throw new StaleSelectionException("Ticket config is absent; workspace panel no longer exposes Ticket actions.");
        return context;
    }

    private static PanelActionResult WithRetirement(PanelActionResult result, IntakeRetirement retirement) =>
        retirement.LastOutcome is { } outcome && !result.Failed
            ? result with { Notice = result.Notice with { Text = PanelText.Bounded($"{result.Notice.Text} {outcome}.", 400) } }
            : result;

    private static TicketRecord Show(TicketStore store, string id)
    {
        try
        {
            return store.Show(id);
        }
        catch (TicketException ex) when (ex.Kind == TicketErrorKind.NotFound)
        {
            throw new StaleSelectionException($"Ticket {id} no longer exists: {ex.Message}");
        }
    }

    private static TicketState? OverlayState(WorkspaceContext context, string id)
    {
        var worktree = new OrchestrationWorktree(context.Root, context.Config);
        var dir = Path.Combine(worktree.TicketsRoot, id);
        if (!Directory.Exists(dir)) return null;
        return TicketRecordLoader.Load(worktree.TicketsRoot, dir).Record?.Meta.State;
    }
}
