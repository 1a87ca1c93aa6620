using System.Text;
using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Tickets;

namespace Yoi.Core.Workflows;

public enum PlanningFollowUp
{
    /// <summary>No claim existed: a new Intake Pod was launched (and claimed the Ticket).</summary>
    LaunchedIntake,
    /// <summary>The claimed Intake Pod is live: it was notified (auto_run) with the instruction.</summary>
    NotifiedLiveIntake,
    /// <summary>The claimed Intake Pod is restorable: the caller should open (restore) it.</summary>
    OpenRestorableIntake,
    /// <summary>The claim is stale: nothing was launched; the user must reclaim first.</summary>
    StaleClaim,
}

/// <summary>The outcome of returning a ready Ticket to planning (path C): the follow-up taken and a notice to show.</summary>
public sealed record PlanningReturnResult(string TicketId, PlanningFollowUp FollowUp, string? PodName, string Notice, RoleLaunchResult? Launch);

/// <summary>
/// C: returns a ready Ticket to planning with the user's refinement instructions (recorded in the thread), then
/// follows up through the Ticket's claim: notify a live Intake, open a restorable one, refuse on a stale one,
/// or launch a new Intake (claim-before-spawn) when there is no claim.
/// </summary>
public static class PlanningReturn
{
    public const int InstructionLimit = 4000;
    public const string Author = "workspace-panel";
    public const string Reason = "panel_return_to_planning";

    public static async Task<PlanningReturnResult> RunAsync(RoleLauncher launcher, RoleContext context, string ticketId, string instructions,
        IntakeHandoff? handoff, CancellationToken cancellationToken = default)
    {
        var text = Bound(instructions);
        if (text.Trim().Length == 0)
            throw new RoleLaunchException("Type refinement instructions with the Ticket Planning target before returning a ready Ticket to planning.", ClaimDisposition.None);
        var store = context.Tickets();
        var ticket = context.Ticket(ticketId);
        if (ticket.Meta.State != TicketState.Ready)
            throw new RoleLaunchException($"Ticket {ticketId} is {ticket.Meta.State.Name()}; expected ready before returning it to planning. " +
                "Refresh the panel and retry if appropriate.", ClaimDisposition.None);

        var claims = context.Claims();
        var claim = claims.Claims.Get(ticketId);
        var status = claim is null ? null : claims.StatusOf(claim);

        store.ReturnToPlanning(ticketId,
            $"Panel returned ready Ticket {ticketId} to planning for requirements sync. This is not Queue routing and must not start implementation.\n\n" +
            $"## User refinement instruction\n\n{text}\n", Reason, Author);
        var returned = $"Ticket {ticketId} returned to planning for refinement";

        if (claim is null)
        {
            var plan = context.Plan(RoleLauncher.IntakeRole);
            var instruction = $"Continue Ticket Intake / requirements sync for existing Ticket {ticketId}. The Panel has returned the Ticket from " +
                "ready to planning; do not queue the Ticket, do not route implementation, and do not create a duplicate unless the user explicitly " +
                $"asks for one. Read the Ticket and its thread with `yoi ticket show {ticketId}` before making requirements or readiness decisions; record them with " +
                $"`yoi ticket comment {ticketId} --message \"…\"` (the yoi agent guide, docs/agents.md, lists the commands).\n\nUser refinement instruction:\n" + text;
            var launch = await launcher.LaunchClaimedAsync(context, plan, ticketId, Paths.PodName.IntakeForTicket(ticketId), instruction, handoff, cancellationToken)
                .ConfigureAwait(false);
            return new PlanningReturnResult(ticketId, PlanningFollowUp.LaunchedIntake, launch.PodName,
                $"{returned}; launched Ticket Intake Pod {launch.PodName}.", launch);
        }
        switch (status!.Kind)
        {
            case ClaimStatusKind.Live:
                var message = $"Ticket {ticketId} was returned from ready to planning from the Panel for requirements sync. Continue Intake/refinement " +
                    "only; do not Queue or route implementation.\n\nUser refinement instruction:\n" + text;
                try
                {
                    await PodClient.ConnectAndSendAsync(context.SocketOf(claim.PodName), new NotifyMethod(message), cancellationToken).ConfigureAwait(false);
                    return new PlanningReturnResult(ticketId, PlanningFollowUp.NotifiedLiveIntake, claim.PodName,
                        $"{returned}; notified live Intake Pod {claim.PodName}.", null);
                }
                catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
                {
                    return new PlanningReturnResult(ticketId, PlanningFollowUp.NotifiedLiveIntake, claim.PodName,
                        $"{returned} and the instruction was recorded, but notifying Intake Pod {claim.PodName} failed: {ex.Message}", null);
                }
            case ClaimStatusKind.Restorable:
                return new PlanningReturnResult(ticketId, PlanningFollowUp.OpenRestorableIntake, claim.PodName,
                    $"{returned}; opening/restoring claimed Intake Pod {claim.PodName}…", null);
            default:
                return new PlanningReturnResult(ticketId, PlanningFollowUp.StaleClaim, claim.PodName,
                    $"Ticket {ticketId} returned to planning and instruction was recorded, but Intake launch was not attempted because existing " +
                    $"Intake claim {claim.PodName} is stale; inspect or clear the local claim before launching another Intake Pod.", null);
        }
    }

    /// <summary>At most 4000 characters; control characters other than newline and tab become spaces.</summary>
    public static string Bound(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, InstructionLimit));
        foreach (var c in text)
        {
            if (builder.Length == InstructionLimit) break;
            builder.Append(char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c);
        }
        return builder.ToString();
    }
}
