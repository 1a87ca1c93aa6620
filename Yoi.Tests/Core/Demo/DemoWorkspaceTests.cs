using Yoi.Core.Hosting;
using System.Diagnostics;
using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Demo;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Demo;

/// <summary>The demo workspace built on real git, a real Ticket store and real Pods, and torn down again.</summary>
public class DemoWorkspaceTests
{
    [Test]
    public async Task The_demo_has_tickets_in_every_state_live_role_pods_a_live_claim_and_a_stale_claim()
    {
        using var dir = new TempDir("yoi-demo");
        var paths = new YoiPaths(dir.Combine("h", "config"), dir.Combine("h"), dir.Combine("h", "run"));
        var services = YoiProcess.Services(paths);
        var control = services.Pods;
        var demo = new DemoWorkspace(services);
        var layout = DemoLayout.In(dir.Combine("d"));
        try
        {
            var result = await demo.BuildAsync(layout);

            var listing = new TicketStore(Path.Combine(result.Workspace, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System }).ListTolerant();
            Assert.That(listing.Invalid, Is.Empty);
            var tickets = listing.Records;
            Assert.That(tickets.Select(t => t.Meta.State).Distinct(), Is.EquivalentTo(Enum.GetValues<TicketState>()));
            Assert.That(tickets.Any(t => t.Meta.Title.Any(c => c > 0x3000)), Is.True, "a Japanese title");
            Assert.That(tickets.Select(t => t.Id), Is.EquivalentTo(result.Tickets.All.Select(t => t.Id)));
            var store = new TicketStore(Path.Combine(result.Workspace, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System });
            var active = store.Relations(result.Tickets.ActiveBlockedTicket).Blockers.Single();
            var soft = store.Relations(result.Tickets.SoftBlockedTicket).Blockers.Single();
            Assert.That((active.State, soft.State), Is.EqualTo((TicketState.Planning, TicketState.Queued)));
            Assert.That(store.Show(result.Tickets.DoneTicket).Meta.State, Is.EqualTo(TicketState.Done));

            Assert.That(Git(result.Workspace, "status", "--porcelain"), Is.Empty, "everything is committed");
            Assert.That(Git(result.Workspace, "log", "--format=%an"), Is.EqualTo(DemoGitAuthor));
            Assert.That(Directory.Exists(Path.Combine(result.Workspace, ".worktree", "orchestration", ".yoi", "tickets")), Is.True);

            Assert.That(result.CompanionPod, Is.EqualTo(PodName.Companion(result.Workspace)));
            Assert.That(result.OrchestratorPod, Is.EqualTo(PodName.Orchestrator(result.Workspace)));
            foreach (var pod in result.Pods) Assert.That(await IsLive(control, pod), Is.True, pod);
            Assert.That(control.Store.Find(result.CompanionPod)!.Role, Is.EqualTo(WorkspaceConfig.Companion));
            Assert.That(control.Store.Find(result.IntakePod)!.Ticket, Is.EqualTo(result.Tickets.IntakeTicket));

            var claims = new ClaimService(new TicketClaims(RegistryLocation.ForWorkspace(paths, result.Workspace), TimeProvider.System),
                new FilePodStatusSource(control.Store)).List();
            Assert.That(claims.Select(c => (c.TicketId, c.Claim!.PodName, c.Status!.Label, c.Status.ReasonCode)), Is.EquivalentTo(new[]
            {
                (result.Tickets.IntakeTicket, result.IntakePod, "live", (string?)null),
                (result.Tickets.StaleClaimTicket, result.StalePod, "stale", "no_metadata"),
            }));
            var roleSessions = new RoleSessionRegistry(RegistryLocation.ForWorkspace(paths, result.Workspace), TimeProvider.System).Sessions();
            Assert.That(roleSessions.Select(s => s.PodName), Is.EquivalentTo(new[] { result.OrchestratorPod, result.IntakePod }));

            var stopped = await demo.StopPodsAsync(result.Workspace);
            Assert.That(stopped, Is.EquivalentTo(result.Pods));
            foreach (var pod in result.Pods) Assert.That(await IsLive(control, pod), Is.False, pod);

            var sessions = result.Pods.Select(p => control.Store.Find(p)!.Active!.SessionId).ToList();
            var removed = await demo.RemoveLocalStateAsync(result.Workspace);
            Assert.That(removed, Is.EquivalentTo(result.Pods));
            Assert.That(control.Store.ListNames(), Is.Empty);
            foreach (var session in sessions) Assert.That(Directory.Exists(Path.Combine(paths.SessionsDir, session)), Is.False, session);
            Assert.That(Directory.Exists(RegistryLocation.ForWorkspace(paths, result.Workspace).Directory), Is.False);
        }
        finally
        {
            await demo.StopPodsAsync(layout.Workspace);
        }
    }

    [Test]
    public void A_non_empty_demo_directory_is_refused_before_anything_is_written()
    {
        using var dir = new TempDir("yoi-demo");
        var paths = new YoiPaths(dir.Combine("h", "config"), dir.Combine("h"), dir.Combine("h", "run"));
        var layout = DemoLayout.In(dir.Combine("d"));
        Directory.CreateDirectory(layout.Workspace);
        File.WriteAllText(Path.Combine(layout.Workspace, "notes.txt"), "mine");
        var demo = new DemoWorkspace(YoiProcess.Services(paths));

        var ex = Assert.ThrowsAsync<DemoException>(() => demo.BuildAsync(layout));
        Assert.That(ex!.Message, Does.Contain(layout.Workspace).And.Contain("not empty").And.Contain("--dir"));
        Assert.That(Directory.GetFileSystemEntries(layout.Workspace), Has.Length.EqualTo(1));
        Assert.That(Directory.Exists(paths.Data), Is.False);
    }

    private const string DemoGitAuthor = DemoWorkspace.GitAuthorName;



    private static async Task<bool> IsLive(PodControl control, string pod) =>
        (await control.ProbeAsync(pod, TimeSpan.FromMilliseconds(300))).Reachable;

    private static string Git(string workspace, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workspace, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}
