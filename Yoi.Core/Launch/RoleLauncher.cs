using Yoi.Core.Claims;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Core.Launch;

/// <summary>
/// Launches role Pods in the order of the Claim lifecycle (storage.md): claim first, spawn, pre-register the
/// Orchestrator as peer when it is live, send the first <c>run</c> (a <c>workflow_invoke</c> segment plus the
/// handoff text), wait for acceptance, record the role session. Failure before any process ran releases the
/// claim; failure after a process may have started keeps it. The CLI and the panel both use this class.
/// </summary>
public sealed class RoleLauncher(YoiServices services)
{

    public const string IntakeRole = "intake";
    public const string OrchestratorRole = "orchestrator";
    public static readonly TimeSpan PeerRegistrationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Test seam: runs after the claim is written and before the Pod process is started.</summary>
    public Func<string, Task>? BeforeSpawn { get; init; }

    /// <summary>B: Intake for an existing planning Ticket (the panel's blank Enter on a Clarify row).</summary>
    public Task<RoleLaunchResult> LaunchIntakeForTicketAsync(string workspace, string ticketId, IntakeHandoff? handoff,
        string? instruction = null, CancellationToken cancellationToken = default) =>
        LaunchIntakeForTicketAsync(RoleContext.Load(services, workspace), ticketId, handoff, instruction, cancellationToken);

    /// <summary>B in a workspace the caller already loaded for this action (the panel re-checks the row with the same context).</summary>
    public async Task<RoleLaunchResult> LaunchIntakeForTicketAsync(RoleContext context, string ticketId, IntakeHandoff? handoff,
        string? instruction = null, CancellationToken cancellationToken = default)
    {
        var ticket = context.Ticket(ticketId);
        ticketId = ticket.Id;
        if (ticket.Meta.State != TicketState.Planning)
            throw new RoleLaunchException($"Ticket {ticketId} is {ticket.Meta.State.Name()}; Intake starts only on planning Tickets " +
                "(a ready Ticket goes back with `yoi intake return`).", ClaimDisposition.None);
        var plan = context.Plan(IntakeRole);
        var podName = PodName.IntakeForTicket(ticketId);
        var text = instruction ?? $"Continue Intake for existing Ticket {ticketId}. Do not create a duplicate Ticket unless the user " +
            $"explicitly requests one. Read the Ticket and its thread with `yoi ticket show {ticketId}` before making routing or requirements decisions; " +
            $"record questions and the plan with `yoi ticket comment {ticketId} --message \"…\"` (the yoi agent guide, docs/agents.md, lists the commands).";
        return await LaunchClaimedAsync(context, plan, ticketId, podName, text, handoff, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>C: returns a ready Ticket to planning with instructions and follows up through its claim.</summary>
    public Task<PlanningReturnResult> ReturnToPlanningAsync(string workspace, string ticketId, string instructions, IntakeHandoff? handoff,
        CancellationToken cancellationToken = default) =>
        PlanningReturn.RunAsync(this, RoleContext.Load(services, workspace), ticketId, instructions, handoff, cancellationToken);

    /// <summary>The handoff for an Intake in this workspace: the Orchestrator, registered as peer first only when it is live.</summary>
    public async Task<IntakeHandoff> HandoffAsync(string workspace, CancellationToken cancellationToken = default)
    {
        var canonical = WorkspaceKey.Canonicalize(workspace);
        var orchestrator = WorkspacePodNames.Resolve(services.PodStore, canonical).Orchestrator;
        var live = (await PodClient.ProbeLiveAsync(services.Paths.PodSocketPath(orchestrator), TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false)).Reachable;
        return new IntakeHandoff(Path.GetFileName(canonical), orchestrator, live,
            live ? null : $"workspace Orchestrator {orchestrator} is not live; launch input still carries the auditable handoff target");
    }

    /// <summary>A: Intake before any Ticket exists; no claim, a unique Pod name, the request text as instruction.</summary>
    public async Task<RoleLaunchResult> LaunchPreTicketIntakeAsync(string workspace, string requestText, IntakeHandoff? handoff,
        CancellationToken cancellationToken = default)
    {
        if (requestText.Trim().Length == 0) throw new RoleLaunchException("Ticket Intake input is empty; type a request first.", ClaimDisposition.None);
        var context = RoleContext.Load(services, workspace);
        context.RequireTickets();
        var plan = context.Plan(IntakeRole);
        var nanos = (services.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        var podName = PodName.IntakePreTicket(nanos);
        var content = new HandoffContent(null, requestText, handoff);
        var launched = await SpawnAndHandOffAsync(context, plan, podName, null, content, handoff, null, cancellationToken).ConfigureAwait(false);
        return RecordSession(context, launched, IntakeRole, SessionOrigin.PreTicketIntake, []);
    }

    /// <summary>The Orchestrator role: spawned in <paramref name="cwd"/> (the orchestration worktree), recorded as a role launch.</summary>
    public async Task<RoleLaunchResult> LaunchOrchestratorAsync(string workspace, string cwd, string instruction,
        CancellationToken cancellationToken = default)
    {
        var context = RoleContext.Load(services, workspace);
        var plan = context.Plan(OrchestratorRole);
        var podName = WorkspacePodNames.Resolve(services.PodStore, context.Workspace).Orchestrator;
        var content = new HandoffContent(null, instruction, null, context.Workspace, context.Workspace, IsOrchestrator: true);
        var launched = await SpawnAndHandOffAsync(context, plan, podName, null, content, null, cwd, cancellationToken).ConfigureAwait(false);
        return RecordSession(context, launched, OrchestratorRole, SessionOrigin.RoleLaunch, []);
    }

    /// <summary>Claim → spawn → hand off, with the failure rules deciding the claim's fate.</summary>
    internal async Task<RoleLaunchResult> LaunchClaimedAsync(RoleContext context, RolePlan plan, string ticketId, string podName,
        string instruction, IntakeHandoff? handoff, CancellationToken cancellationToken)
    {
        var content = new HandoffContent(ticketId, instruction, handoff);
        var launched = await LaunchUnderClaimAsync(context, ticketId, podName, IntakeRole,
            ct => SpawnAndHandOffAsync(context, plan, podName, ticketId, content, handoff, null, ct), cancellationToken).ConfigureAwait(false);
        return RecordSession(context, launched, IntakeRole, SessionOrigin.TicketClaim, [new RelatedTicket(ticketId)]);
    }

    /// <summary>
    /// Claim-before-spawn for any Pod that works on a Ticket (Intake, a delegated child): claim first (another live
    /// owner refuses, naming it), run <paramref name="spawn"/>, and when it fails before any process ran
    /// (<see cref="ClaimDisposition.Released"/>) release a claim made here; a failure after a process may have started keeps it.
    /// </summary>
    public static async Task<RoleLaunchResult> LaunchUnderClaimAsync(RoleContext context, string ticketId, string podName, string role,
        Func<CancellationToken, Task<RoleLaunchResult>> spawn, CancellationToken cancellationToken)
    {
        var claims = context.Claims();
        var decision = claims.Claim(ticketId, null, podName, role);
        if (!decision.Proceed) throw new RoleLaunchException(decision.Refusal!, ClaimDisposition.Refused, decision.Outcome.Claim.PodName);
        ClaimDisposition disposition;
        if (decision.Outcome is ClaimOutcome.AlreadyOwned owned)
        {
            var status = claims.StatusOf(owned.Claim);
            // Live: open it instead. Stale: only an explicit reclaim (the latest history line for this generation) lets it relaunch.
            if (status.Kind == ClaimStatusKind.Live || status.Kind == ClaimStatusKind.Stale && !JustReclaimed(claims, owned.Claim))
                throw new RoleLaunchException(claims.Refusal(owned.Claim, status), ClaimDisposition.Refused, podName);
            claims.Claims.NoteOwnerLaunch(owned.Claim, $"launch by owner while {status.Label}");
            disposition = ClaimDisposition.AlreadyOwned;
        }
        else
        {
            disposition = ClaimDisposition.Claimed;
        }

        RoleLaunchResult launched;
        try
        {
            launched = await spawn(cancellationToken).ConfigureAwait(false);
        }
        catch (RoleLaunchException ex) when (ex.Claim == ClaimDisposition.Released)
        {
            if (disposition == ClaimDisposition.Claimed) ReleaseQuietly(claims, ticketId);
            throw new RoleLaunchException(ex.Message + (disposition == ClaimDisposition.Claimed ? " The Ticket claim was released." : ""),
                disposition == ClaimDisposition.Claimed ? ClaimDisposition.Released : ClaimDisposition.Kept, podName, ex);
        }
        return launched with { Claim = disposition };
    }

    private async Task<RoleLaunchResult> SpawnAndHandOffAsync(RoleContext context, RolePlan plan, string podName, string? ticketId,
        HandoffContent content, IntakeHandoff? handoff, string? cwd, CancellationToken cancellationToken)
    {
        if (BeforeSpawn is { } hook) await hook(podName).ConfigureAwait(false);
        LaunchedPod launched;
        try
        {
            launched = await services.Pods.StartAsync(new PodLaunchRequest(context.Workspace, podName, plan.Profile, plan.Role, ticketId,
                EngineSpecJson: plan.EngineSpecJson, Cwd: cwd), cancellationToken).ConfigureAwait(false);
        }
        catch (PodLaunchException ex) when (!ex.ProcessMayHaveStarted)
        {
            throw new RoleLaunchException($"could not start {plan.Role} Pod `{podName}`: {ex.Message}", ClaimDisposition.Released, podName, ex);
        }
        catch (PodLaunchException ex)
        {
            throw new RoleLaunchException($"{plan.Role} Pod `{podName}` did not become ready: {ex.Message}", ClaimDisposition.Kept, podName, ex);
        }

        var warnings = new List<string>();
        string? peer = null;
        try
        {
            await using var connection = await PodConnection.ConnectAsync(launched.SocketPath, PodClient.ConnectBudget, SnapshotEntries.Omitted, cancellationToken: cancellationToken).ConfigureAwait(false);
            await connection.ReadSnapshotAsync(PodClient.ReadTimeout, cancellationToken).ConfigureAwait(false);
            peer = await RegisterHandoffPeerAsync(connection, handoff, warnings, cancellationToken).ConfigureAwait(false);
            var input = new List<Segment> { new WorkflowInvokeSegment(plan.Workflow), new TextSegment("\n\n" + HandoffText.Build(content)) };
            var confirmation = await PodClient.SendRunAndConfirmAsync(connection, input, cancellationToken).ConfigureAwait(false);
            if (confirmation.Kind != RunConfirmationKind.Accepted)
                throw new RoleLaunchException($"{plan.Role} Pod `{podName}` rejected first run input with {confirmation.Code}: {confirmation.Message}",
                    ClaimDisposition.Kept, podName);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex) || ex is TimeoutException)
        {
            throw new RoleLaunchException($"{plan.Role} Pod `{podName}` started but did not confirm its first run: {ex.Message}",
                ClaimDisposition.Kept, podName, ex);
        }
        return new RoleLaunchResult(podName, launched.SocketPath, ClaimDisposition.None, peer, warnings);
    }

    private static async Task<string?> RegisterHandoffPeerAsync(PodConnection connection, IntakeHandoff? handoff, List<string> warnings,
        CancellationToken cancellationToken)
    {
        if (handoff is null) return null;
        if (!handoff.RegisterAsPeer)
        {
            warnings.Add($"handoff peer registration skipped: {handoff.SkipReason ?? $"workspace Orchestrator {handoff.OrchestratorPod} is not live"}");
            return null;
        }
        try
        {
            var reply = await PodClient.RequestAsync(connection, new RegisterPeerMethod(handoff.OrchestratorPod), PeerRegistrationTimeout, cancellationToken).ConfigureAwait(false);
            if (reply is PeerRegisteredEvent) return handoff.OrchestratorPod;
            warnings.Add(reply is ErrorEvent error
                ? $"pre-run peer registration for {handoff.OrchestratorPod} failed with {error.Code}: {error.Message}"
                : $"pre-run peer registration for {handoff.OrchestratorPod} got an unexpected reply `{reply.Name}`");
        }
        catch (PodClientException ex)
        {
            warnings.Add($"pre-run peer registration for {handoff.OrchestratorPod} failed: {ex.Message}");
        }
        return null;
    }

    internal RoleLaunchResult RecordSession(RoleContext context, RoleLaunchResult launched, string role, SessionOrigin origin,
        IReadOnlyList<RelatedTicket> related)
    {
        try
        {
            context.Registry().Upsert(launched.PodName, role, origin, null, related);
            return launched;
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            return launched with { Warnings = [.. launched.Warnings, $"local role session registry could not be updated after the launch: {ex.Message}"] };
        }
    }

    private static bool JustReclaimed(ClaimService claims, TicketClaim claim) =>
        claims.Claims.History.ForTicket(claim.TicketId) is { Count: > 0 } history
        && history[^1] is { Action: ClaimAction.Reclaim } last && last.Generation == claim.Generation;

    private static void ReleaseQuietly(ClaimService claims, string ticketId)
    {
        try
        {
            if (claims.Claims.Get(ticketId) is { } claim) claims.Claims.Release(ticketId, claim.Generation, "launch failed before the Pod process started");
        }
        catch (Exception ex) when (YoiException.IsReportable(ex)) { }
    }
}
