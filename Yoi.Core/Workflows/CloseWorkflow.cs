using Yoi.Core.Hosting;
using Yoi.Core.Tickets;

namespace Yoi.Core.Workflows;

/// <summary>Why Close refused (nothing was recorded).</summary>
public enum CloseRefusal
{
    /// <summary>The Ticket is closed already.</summary>
    AlreadyClosed,
    /// <summary>The Ticket is not done and no resolution was given: the standard resolution would say it was done.</summary>
    NotDone,
    /// <summary>The Ticket has a <c>resolution.md</c> already.</summary>
    ResolutionExists,
}

/// <summary>Close refused by one of its checks before anything changed.</summary>
public sealed class CloseRefusedException(CloseRefusal refusal, string message) : RefusedException(message)
{
    public CloseRefusal Refusal { get; } = refusal;
}

/// <summary>Where a Close came from; it names the origin in the standard resolution.</summary>
public enum CloseOrigin { Panel, Cli }

/// <summary>
/// What a Close did: the resolution written (the standard one or the caller's) and what the Ticket's Intake Pod
/// retirement did (null when no Intake Pod claimed the Ticket). <see cref="Summary"/> is the one-line account the panel
/// shows and the CLI prints.
/// </summary>
public sealed record CloseResult(string TicketId, bool StandardResolution, string? Retirement)
{
    public string Summary => (StandardResolution
            ? $"Closed Ticket {TicketId}: it was already done, so the standard resolution was written to resolution.md"
            : $"Closed Ticket {TicketId} with the given resolution in resolution.md")
        + (Retirement is null ? "." : $". {Retirement}.");
}

/// <summary>
/// Close (→ closed, resolution.md written) — one workflow for the panel's Close and <c>yoi ticket close ID</c>
/// (docs/tickets.md "Close", docs/panel-model.md "Actions"). From a fresh read: a closed Ticket or one with a
/// resolution.md is refused; without a resolution the Ticket must be done and gets the standard resolution in the
/// record's language (docs/original-panel.md §2.14); with one (the CLI's <c>--resolution</c>, e.g. why a Ticket is not
/// needed) any open Ticket closes. The close is not committed (as the original panel's Close) and notifies no
/// Orchestrator; the Ticket store's lifecycle sinks follow it as after any Ticket change: the Intake Pod that claims
/// the Ticket is stopped and its claim released (<see cref="IntakeRetirement"/>, reported in the result), and an
/// Orchestrator-role CLI call weak-notifies the Companion.
/// </summary>
public sealed class CloseWorkflow(WorkspaceContext context)
{
    private TicketStore Store => context.Tickets;

    /// <summary>Closes <paramref name="ticketId"/> (any unique prefix) as <paramref name="author"/>; a null <paramref name="resolution"/> writes the standard one.</summary>
    public CloseResult Run(string ticketId, string? resolution, string author, CloseOrigin origin)
    {
        var id = Store.Resolve(ticketId);
        var record = Store.Show(id);
        if (record.Meta.State == TicketState.Closed)
            throw new CloseRefusedException(CloseRefusal.AlreadyClosed, $"Close blocked for Ticket {id}: state is already closed; no close was recorded.");
        if (resolution is null && record.Meta.State != TicketState.Done)
            throw new CloseRefusedException(CloseRefusal.NotDone,
                $"Close blocked for Ticket {id}: state is {record.Meta.State.Name()}, expected done; no close was recorded. Reload and retry, " +
                $"or close it unfinished with the reason: `yoi ticket close {id} --resolution \"…\"`.");
        if (record.Resolution is not null || File.Exists(Path.Combine(record.Directory, "resolution.md")))
            throw new CloseRefusedException(CloseRefusal.ResolutionExists, $"Close blocked for Ticket {id}: resolution.md already exists; no close was recorded.");
        var retirement = Store.Options.Sinks.OfType<IntakeRetirement>().FirstOrDefault();
        Store.Close(id, resolution ?? StandardResolution(record, TicketTexts.IsJapanese(context.Config.Language), origin), author);
        return new CloseResult(id, resolution is null, retirement?.LastOutcome);
    }

    /// <summary>The fixed Close resolution (docs/original-panel.md §2.14), English or Japanese, naming where it was closed from.</summary>
    public static string StandardResolution(TicketRecord record, bool japanese, CloseOrigin origin) => japanese
        ? $"Ticket `{record.Id}` (`{record.Meta.Title}`) はすでに `state: done` に到達していたため、{(origin == CloseOrigin.Panel ? "workspace Panel から" : "`yoi ticket close` で")} close しました。\n\n" +
          "この Close action によって、実装作業、state 変更、Orchestrator/Companion launch、worker invocation は開始されていません。\n"
        : $"Closed {(origin == CloseOrigin.Panel ? "from the workspace Panel" : "with `yoi ticket close`")} because Ticket `{record.Id}` (`{record.Meta.Title}`) had already reached `state: done`.\n\n" +
          "This Close action started no implementation work, state change, Orchestrator/Companion launch, or worker invocation.\n";
}
