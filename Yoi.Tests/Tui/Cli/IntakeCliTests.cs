using System.Text.Json;
using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class IntakeCliTests
{
    [Test]
    public void Intake_start_prints_the_pod_and_claim_and_a_second_start_is_refused_with_the_owner()
    {
        using var dir = new TempDir("yoi-intake");
        var ws = Directory.CreateDirectory(dir.Combine("ws")).FullName;
        var env = new Dictionary<string, string> { ["YOI_HOME"] = dir.Combine("home") };
        Assert.That(InProcessYoi.Run(env, "init", "--workspace", ws).ExitCode, Is.Zero);
        var id = InProcessYoi.Run(env, "ticket", "--workspace", ws, "create", "--title", "CLI intake").Stdout.Trim().Split('\t')[1];
        try
        {
            var first = InProcessYoi.Run(env, "intake", "start", id, "--workspace", ws, "--json");
            Assert.That(first.ExitCode, Is.Zero, first.Stderr);
            using var json = JsonDocument.Parse(first.Stdout);
            Assert.That(json.RootElement.GetProperty("pod_name").GetString(), Is.EqualTo("ticket-intake-" + id.ToLowerInvariant()));
            Assert.That(json.RootElement.GetProperty("claim").GetString(), Is.EqualTo("claimed"));

            var second = InProcessYoi.Run(env, "intake", "start", id, "--workspace", ws);
            Assert.That(second.ExitCode, Is.EqualTo(1));
            Assert.That(second.Stderr, Does.Contain("already claimed by local Intake Pod ticket-intake-").And.Contain("(live)"));
        }
        finally
        {
            InProcessYoi.Run(env, "pod", "stop", "ticket-intake-" + id.ToLowerInvariant());
        }
    }

    [Test]
    [Category("Integration")]
    public void Intake_start_with_reclaim_takes_over_a_stale_claim_and_launches_the_tickets_intake_pod_but_never_takes_a_live_one()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Reclaim and go");
        var pod = "ticket-intake-" + id.ToLowerInvariant();
        // Claimed by a launcher on another host for a Pod that never came up: stale (no pod metadata).
        Assert.That(new TicketClaims(world.Registry, TimeProvider.System, "1@elsewhere").Claim(id, null, "gone-intake", RoleLauncher.IntakeRole),
            Is.InstanceOf<ClaimOutcome.Claimed>());

        var plain = world.Yoi("intake", "start", id, "--workspace", world.Workspace);
        Assert.That(plain.ExitCode, Is.EqualTo(1));
        Assert.That(plain.Stderr, Does.Contain("stale local Intake claim for gone-intake").And.Contain($"`yoi intake start {id} --reclaim`"),
            "the refusal names the one command that fixes it");

        var reclaimed = world.Yoi("intake", "start", id.ToLowerInvariant(), "--workspace", world.Workspace, "--reclaim");
        Assert.That(reclaimed.ExitCode, Is.Zero, reclaimed.Stderr);
        Assert.That(reclaimed.Stdout, Does.StartWith($"Reclaimed Ticket {id} from gone-intake for {pod} (generation 2).\npod: {pod}\n"));
        Assert.That(world.Claims.Get(id)!.PodName, Is.EqualTo(pod));
        Assert.That(PodClient.ProbeAsync(world.Paths.PodSocketPath(pod), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult().Reachable, Is.True);

        var live = world.Yoi("intake", "start", id, "--workspace", world.Workspace, "--reclaim");
        Assert.That(live.ExitCode, Is.EqualTo(1));
        Assert.That(live.Stderr, Does.Contain($"is claimed by {pod}, which is live"));
        Assert.That(world.Claims.Get(id)!.Generation, Is.EqualTo(2), "a live claim is never reclaimed");
    }

    [Test]
    [Category("Integration")]
    public async Task The_loser_of_two_simultaneous_intake_starts_is_told_the_ticket_is_being_started_right_now()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Two starts at once");
        var pod = "ticket-intake-" + id.ToLowerInvariant();
        YoiResult? loser = null;
        var launcher = new RoleLauncher(world.Services)
        {
            // The winner holds the claim and has not spawned its Pod yet when the second start runs: a real CLI process, as
            // a claim written by the very process that looks is plainly stale (ClaimService.IsStarting).
            BeforeSpawn = _ =>
            {
                loser = YoiProcess.Run(["intake", "start", id, "--workspace", world.Workspace], world.CliEnvironment());
                return Task.CompletedTask;
            },
        };

        var won = await launcher.LaunchIntakeForTicketAsync(world.Workspace, id, null);

        Assert.That(won.PodName, Is.EqualTo(pod));
        Assert.That(loser!.ExitCode, Is.EqualTo(1));
        Assert.That(loser.Stderr, Does.StartWith($"yoi: Ticket {id} is being started by {pod} right now (claimed at ")
            .And.Contain($"then open that Pod (`yoi attach {pod}`").And.Not.Contain("stale").And.Not.Contain("--reclaim"));
    }
}
