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
            if (selected.TicketAction == PanelAction.Close) return Close(selected, context);
            RecheckAction(selected, context);
            return selected.TicketAction switch
            {
                PanelAction.Queue => WithRetirement(await QueueAsync(selected.Id, context, cancellationToken).ConfigureAwait(false), retirement),
                PanelAction.Wait => PanelActionResult.Info($"Wait for Ticket {selected.Id} has no safe inline workspace-panel dispatch; use the Ticket workflow."),
                _ => PanelActionResult.Warning($"{selected.ActionLabel} is not a Ticket action; select a Queue, Close or Wait row."),
            };
        }
        catch (RefusedException ex)
        {
            return PanelActionResult.Error("Ticket action rejected", ex.Message);
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            return PanelActionResult.Error("Ticket action failed", ex.Message);
        }
    }

    /// <summary>
    /// Queue through <see cref="QueueWorkflow"/> (info with a commit, a warning without one). The first queued Ticket is
    /// when the Orchestrator is first needed: a missing one named in <c>panel.autostart</c> is started now (with its
    /// worktree, announced once); the panel's queued-work attention points it at the work once it is idle.
    /// </summary>
    private async Task<PanelActionResult> QueueAsync(string id, WorkspaceContext context, CancellationToken cancellationToken)
    {
        var queued = await new QueueWorkflow(context).RunAsync(id, Actor, cancellationToken).ConfigureAwait(false);
        var name = Pods.WorkspacePodNames.Resolve(_services.PodStore, Workspace).Orchestrator;
        if (!queued.Committed || queued.Notice.Delivered || !context.Config.Autostart.Contains(WorkspaceConfig.Orchestrator)
            || _control.Store.Read(name).Metadata is not null)
            return queued.Committed ? PanelActionResult.Info(queued.Summary) : PanelActionResult.Warning(queued.Summary);
        var started = await new RoleLifecycle(_services)
            .EnsureOrchestratorAsync(Workspace, name, context.Config, null, needed: true, cancellationToken).ConfigureAwait(false);
        return started.IsUp
            ? PanelActionResult.Info(queued.Describe($"Started the workspace Orchestrator {name}; it hears about the queued work once it is idle. {started.Announcement}"))
            : PanelActionResult.Warning(queued.Describe($"The workspace Orchestrator {name} could not start: {started.Detail}."));
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
        catch (Exception ex) when (YoiException.IsReportable(ex))
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
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            return PanelActionResult.Error("Ticket view unavailable", $"Could not read Ticket {ticketId}: {ex.Message}");
        }
    }

    /// <summary>Close (done → closed) through <see cref="CloseWorkflow"/>: the standard resolution in the record's language.</summary>
    private PanelActionResult Close(TicketRow selected, WorkspaceContext context)
    {
        try
        {
            return PanelActionResult.Info(new CloseWorkflow(context).Run(selected.Id, null, Actor, CloseOrigin.Panel).Summary);
        }
        catch (TicketException ex) when (ex.Kind == TicketErrorKind.NotFound)
        {
            throw new StaleSelectionException($"Ticket {selected.Id} no longer exists: {ex.Message}");
        }
    }

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
