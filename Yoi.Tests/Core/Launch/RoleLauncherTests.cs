using System.Net.Sockets;
using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Launch;

/// <summary>Issue 6 acceptance on real Pods: the claim lifecycle of Intake launches.</summary>
public class RoleLauncherTests
{
    [Test]
    public async Task The_claim_exists_before_the_pod_process_does()
    {
        using var world = new LaunchWorld();
        var id = world.CreateTicket("Claim first");
        var pod = PodName.IntakeForTicket(id);
        var observed = false;
        var launcher = world.Launcher(name =>
        {
            // Held at the spawn step: the claim is on disk, the Pod is not.
            Assert.That(world.Claims.Get(id)?.PodName, Is.EqualTo(name));
            Assert.That(world.Store.Exists(name), Is.False);
            Assert.That(world.IsLive(name), Is.False);
            observed = true;
            return Task.CompletedTask;
        });
        var result = await launcher.LaunchIntakeForTicketAsync(world.Workspace, id, null);
        Assert.That(observed, Is.True);
        Assert.That((result.PodName, result.Claim), Is.EqualTo((pod, ClaimDisposition.Claimed)));
        Assert.That(world.IsLive(pod), Is.True);
        var session = new RoleSessionRegistry(world.Claims.Location, TimeProvider.System).Sessions().Single();
        Assert.That((session.PodName, session.Origin, session.RelatedTickets.Single().Id), Is.EqualTo((pod, SessionOrigin.TicketClaim, id)));
    }

    [Test]
    public async Task The_first_run_carries_the_workflow_and_handoff_but_no_role_profile_or_paths()
    {
        using var world = new LaunchWorld();
        var id = world.CreateTicket("Handoff");
        var result = await world.Launcher().LaunchIntakeForTicketAsync(world.Workspace, id,
            new IntakeHandoff("ws", "ws-orchestrator", RegisterAsPeer: false, "workspace Orchestrator ws-orchestrator is missing"));
        var input = (await FirstUserInputAsync(world, result.PodName)).Segments;
        Assert.That(input[0], Is.EqualTo(new WorkflowInvokeSegment("ticket-intake-workflow")));
        var text = ((TextSegment)input[1]).Content;
        Assert.That(text, Does.Contain($"- id: {id}").And.Contain("workspace_orchestrator_pod: ws-orchestrator"));
        foreach (var forbidden in new[] { "intake", "default", "ticket-intake-workflow", world.Workspace, world.Paths.Runtime, "sock", "profile" })
            Assert.That(text.Replace("Intake for existing", "", StringComparison.Ordinal), Does.Not.Contain(forbidden), forbidden);
        Assert.That(result.Warnings.Single(), Does.StartWith("handoff peer registration skipped"));
    }

    [Test]
    public async Task A_second_launch_is_refused_while_live_and_while_stale_until_reclaimed()
    {
        using var world = new LaunchWorld();
        var id = world.CreateTicket("One owner");
        var pod = PodName.IntakeForTicket(id);
        var launcher = world.Launcher();
        await launcher.LaunchIntakeForTicketAsync(world.Workspace, id, null);

        var live = Assert.ThrowsAsync<RoleLaunchException>(() => launcher.LaunchIntakeForTicketAsync(world.Workspace, id, null))!;
        Assert.That(live.Message, Is.EqualTo($"Ticket {id} is already claimed by local Intake Pod {pod} (live); open that Pod instead of starting a second Intake."));
        Assert.That(live.Claim, Is.EqualTo(ClaimDisposition.Refused));

        await world.Control.StopAsync(pod);
        Directory.Delete(world.Paths.PodDir(pod), recursive: true);   // the Pod is gone: the claim is stale
        var stale = Assert.ThrowsAsync<RoleLaunchException>(() => launcher.LaunchIntakeForTicketAsync(world.Workspace, id, null))!;
        Assert.That(stale.Message, Does.Contain($"stale local Intake claim for {pod}").And.Contain("reclaim"));

        world.ClaimService.Reclaim(id, pod, "intake", force: false);
        var relaunched = await launcher.LaunchIntakeForTicketAsync(world.Workspace, id, null);
        Assert.That(relaunched.Claim, Is.EqualTo(ClaimDisposition.AlreadyOwned));
        Assert.That(world.IsLive(pod), Is.True);
        var history = world.Claims.History.ForTicket(id).Select(e => e.Action).ToList();
        Assert.That(history, Is.EqualTo(new[] { ClaimAction.Claim, ClaimAction.Reclaim, ClaimAction.Claim }));
    }

    [Test]
    public void A_launch_whose_executable_cannot_start_releases_the_claim()
    {
        using var world = new LaunchWorld(new PodExecutable("/nonexistent/yoi", []));
        var id = world.CreateTicket("No binary");
        var ex = Assert.ThrowsAsync<RoleLaunchException>(() => world.Launcher().LaunchIntakeForTicketAsync(world.Workspace, id, null))!;
        Assert.That(ex.Claim, Is.EqualTo(ClaimDisposition.Released));
        Assert.That(ex.Message, Does.Contain("could not be started").And.Contain("claim was released"));
        Assert.That(world.Claims.Get(id), Is.Null);
        Assert.That(world.Claims.History.ForTicket(id).Select(e => e.Action), Is.EqualTo(new[] { ClaimAction.Claim, ClaimAction.Release }));
    }

    [Test]
    public void A_pod_that_starts_but_never_accepts_the_run_keeps_the_claim()
    {
        using var dir = new TempDir("yoi-hung");
        var socketPath = dir.Combine("hung.sock");
        using var hung = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        hung.Bind(new UnixDomainSocketEndPoint(socketPath));
        hung.Listen(8);
        // A "Pod" that announces itself, accepts connections (the kernel backlog) and never says anything.
        var script = $"printf 'YOI-READY\\tp\\t%s\\n' '{socketPath}'; exec sleep 8";
        using var world = new LaunchWorld(new PodExecutable("/bin/sh", ["-c", script, "fake-pod"]));
        var id = world.CreateTicket("Mute pod");
        var ex = Assert.ThrowsAsync<RoleLaunchException>(() => world.Launcher().LaunchIntakeForTicketAsync(world.Workspace, id, null))!;
        Assert.That(ex.Claim, Is.EqualTo(ClaimDisposition.Kept));
        Assert.That(ex.Message, Does.Contain("did not confirm its first run"));
        Assert.That(world.Claims.Get(id)?.PodName, Is.EqualTo(PodName.IntakeForTicket(id)));
    }

    [Test]
    public async Task A_launch_writes_nothing_local_into_the_git_tracked_ticket_files()
    {
        using var world = new LaunchWorld();
        var id = world.CreateTicket("Keep git clean");
        var result = await world.Launcher().LaunchIntakeForTicketAsync(world.Workspace, id, null);
        var ticketFiles = Directory.GetFiles(Path.Combine(world.Workspace, ".yoi"), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal));
        foreach (var file in ticketFiles)
        {
            var text = File.ReadAllText(file);
            foreach (var local in new[] { result.PodName, result.SocketPath, world.Paths.Runtime, world.Paths.Data, "claim", "generation" })
                Assert.That(text, Does.Not.Contain(local), $"{file} mentions {local}");
        }
    }

    [Test]
    public async Task Pre_ticket_intake_records_a_session_without_tickets_and_claims_nothing()
    {
        using var world = new LaunchWorld();
        var result = await world.Launcher().LaunchPreTicketIntakeAsync(world.Workspace, "add a dark mode", null);
        Assert.That(result.PodName, Does.StartWith("ticket-intake-"));
        Assert.That(result.Claim, Is.EqualTo(ClaimDisposition.None));
        Assert.That(world.Claims.List(), Is.Empty);
        var session = new RoleSessionRegistry(world.Claims.Location, TimeProvider.System).Sessions().Single();
        Assert.That((session.Origin, session.RelatedTickets.Count), Is.EqualTo((SessionOrigin.PreTicketIntake, 0)));
        var text = ((TextSegment)(await FirstUserInputAsync(world, result.PodName)).Segments[1]).Content;
        Assert.That(text, Does.Contain("Target Ticket: not specified").And.Contain("add a dark mode"));
    }

    [Test]
    public async Task Returning_a_ready_ticket_records_the_instruction_and_launches_an_intake_when_unclaimed()
    {
        using var world = new LaunchWorld();
        var id = world.CreateTicket("Refine me", TicketState.Ready);
        var result = await world.Launcher().ReturnToPlanningAsync(world.Workspace, id, "split the API part out", null);
        Assert.That(result.FollowUp, Is.EqualTo(PlanningFollowUp.LaunchedIntake));
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Planning));
        Assert.That(File.ReadAllText(Path.Combine(world.Tickets.RecordDir(id), "thread.md")), Does.Contain("split the API part out"));
        Assert.That(world.Claims.Get(id)?.PodName, Is.EqualTo(result.PodName));

        var again = Assert.ThrowsAsync<RoleLaunchException>(() => world.Launcher().ReturnToPlanningAsync(world.Workspace, id, "more", null))!;
        Assert.That(again.Message, Does.StartWith($"Ticket {id} is planning; expected ready"));
    }

    [Test]
    public async Task Returning_a_ticket_whose_intake_is_live_notifies_it()
    {
        using var world = new LaunchWorld();
        var id = world.CreateTicket("Live intake");
        var launched = await world.Launcher().LaunchIntakeForTicketAsync(world.Workspace, id, null);
        world.Tickets.MarkReady(id, "looks ready");
        await Poll.UntilAsync(async () => (await world.Control.ProbeAsync(launched.PodName, TimeSpan.FromSeconds(1))).Status == PodStatus.Idle,
            TimeSpan.FromSeconds(10), "the first turn to finish");
        var result = await world.Launcher().ReturnToPlanningAsync(world.Workspace, id, "tighten the scope", null);
        Assert.That((result.FollowUp, result.PodName), Is.EqualTo((PlanningFollowUp.NotifiedLiveIntake, launched.PodName)));
        await Poll.UntilAsync(async () => (await SnapshotOf(world, launched.PodName)).Entries.OfType<SystemItemEntry>()
            .Any(e => e.Item is NotificationItem n && n.Message.Contains("tighten the scope", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the notification");
    }

    /// <summary>Acceptance can be confirmed by <c>invoke_start</c> before the <c>user_input</c> entry is logged: wait for it.</summary>
    private static async Task<UserInputEntry> FirstUserInputAsync(LaunchWorld world, string pod)
    {
        UserInputEntry? input = null;
        await Poll.UntilAsync(async () => (input = (await SnapshotOf(world, pod)).Entries.OfType<UserInputEntry>().FirstOrDefault()) is not null,
            TimeSpan.FromSeconds(10), "the first user input in the session log");
        return input!;
    }

    private static async Task<SnapshotEvent> SnapshotOf(LaunchWorld world, string pod)
    {
        await using var connection = await PodConnection.ConnectAsync(world.Paths.PodSocketPath(pod), TimeSpan.FromSeconds(5));
        return await connection.ReadSnapshotAsync(TimeSpan.FromSeconds(5));
    }
}
