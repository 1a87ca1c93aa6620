using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Pods;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Maps each <see cref="PanelIntent"/> to its <see cref="PanelActions"/> call (the one place panel actions run), and
/// builds the attached view for a Pod to open (restoring a stopped Pod first).
/// </summary>
public static class PanelIntentDispatch
{
    public static PanelIntentRunner Create(PanelActions actions, PodControl control) => async (intent, model, ct) =>
    {
        switch (intent)
        {
            case OpenPodIntent open:
                return await OpenAsync(actions.Open(model, open.Row), control, ct).ConfigureAwait(false);
            case TicketActionIntent ticket when model.Ticket(ticket.TicketId) is { } row:
                return await actions.TicketActionAsync(row, ct).ConfigureAwait(false);
            case TicketActionIntent ticket:
                return PanelActionResult.Error("Ticket action rejected", $"Ticket {ticket.TicketId} is no longer in the panel; refresh and retry.");
            case StartIntakeIntent start:
                return await actions.StartIntakeAsync(model, start.TicketId, ct).ConfigureAwait(false);
            case PreTicketIntakeIntent pre:
                return await actions.StartPreTicketIntakeAsync(model, pre.Text, ct).ConfigureAwait(false);
            case ReturnToPlanningIntent back:
                return await actions.ReturnToPlanningAsync(model, back.TicketId, back.Text, ct).ConfigureAwait(false);
            case CompanionSendIntent send:
                return await actions.SendToCompanionAsync(model, send.Text, ct).ConfigureAwait(false);
            case RemovePodIntent remove:
                return await actions.RemovePodAsync(model, remove.PodName, ct).ConfigureAwait(false);
            case MarkReadyIntent ready:
                return actions.MarkReady(ready.TicketId);
            case ShowTicketIntent show:
                return actions.ShowTicket(show.TicketId);
            case ShowChildDiffIntent diff:
                return await actions.ChildDiffAsync(diff.Child, ct).ConfigureAwait(false);
            case FinishChildIntent finish:
                return await actions.FinishChildAsync(finish.Child, ct).ConfigureAwait(false);
            case ReclaimIntent reclaim:
                return await actions.ReclaimAsync(model, PanelRowKey.Ticket(reclaim.TicketId), ct).ConfigureAwait(false);
            default:
                return PanelActionResult.Warning($"{intent.GetType().Name} has no panel action.");
        }
    };

    /// <summary>The attached Pod view for <paramref name="pod"/>; Esc or <c>:q</c> there comes back to the panel.</summary>
    public static Func<PodToOpen, Screen> PodScreens(PodControl control) => pod => new PodScreen(PodAttachment.For(control, pod.PodName));

    /// <summary>A stopped Pod is restored by name before the attached view connects; a failed restore is an error notice.</summary>
    private static async Task<PanelActionResult> OpenAsync(PanelActionResult open, PodControl control, CancellationToken ct)
    {
        if (open.Open is not { Live: false } pod) return open;
        try
        {
            var (launched, _) = await control.RestoreAsync(pod.PodName, ct).ConfigureAwait(false);
            return open with { Open = pod with { SocketPath = launched.SocketPath, Live = true } };
        }
        catch (Exception ex) when (ex is PodLaunchException or PodClientException or IOException or InvalidOperationException or TimeoutException)
        {
            return PanelActionResult.Error("Open failed", $"Could not restore Pod {pod.PodName}: {ex.Message} Inspect it with `yoi pod inspect {pod.PodName}`.");
        }
    }
}
