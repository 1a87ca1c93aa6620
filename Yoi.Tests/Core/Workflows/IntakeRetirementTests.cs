using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Tests.Core.Engines;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Workflows;

/// <summary>An Intake Pod stops and releases its claim when its Ticket leaves planning by Queue or Close (real CLI, real Pods).</summary>
[Category("Integration")]
public class IntakeRetirementTests
{
    private static (YoiWorld World, string Workspace, string Ticket, string Pod) IntakeFor(string title)
    {
        var world = new YoiWorld();
        var ws = world.Workspace("ws");
        WorkspaceInit.Run(ws, null);
        var created = world.Yoi(ws, "ticket", "create", "--title", title);
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var id = created.Stdout.Trim().Split('\t')[1];
        var intake = world.Yoi(ws, "intake", "start", id);
        Assert.That(intake.ExitCode, Is.Zero, intake.Stderr);
        var pod = Yoi.Core.Paths.PodName.IntakeForTicket(id);
        Assert.That(DaemonLock.Holder(world.Paths, pod), Is.Not.Null, "the Intake Pod runs");
        return (world, ws, id, pod);
    }

    private static TicketClaims Claims(YoiWorld world, string ws) => new(RegistryLocation.ForWorkspace(world.Paths, ws), TimeProvider.System);

    [Test]
    public void Queueing_a_ticket_stops_its_intake_pod_keeps_its_metadata_and_log_and_releases_the_claim()
    {
        var (world, ws, id, pod) = IntakeFor("Queue me");
        using (world)
        {
            Assert.That(world.Yoi(ws, "ticket", "state", id, "ready").ExitCode, Is.Zero);
            Assert.That(DaemonLock.Holder(world.Paths, pod), Is.Not.Null, "mark-ready alone keeps the Intake Pod");
            var queued = world.Yoi(ws, "ticket", "state", id, "queued");
            Assert.That(queued.ExitCode, Is.Zero, queued.Stderr);

            Assert.That(DaemonLock.Holder(world.Paths, pod), Is.Null, "the Intake Pod stopped");
            var metadata = world.Store.Find(pod);
            Assert.That(metadata, Is.Not.Null, "its metadata is kept");
            Assert.That(File.Exists(world.Paths.SessionLogPath(metadata!.Active!.SessionId, metadata.Active.SegmentId!)), Is.True, "its log is kept");
            Assert.That(Claims(world, ws).Get(id), Is.Null, "the claim is released");
            Assert.That(Claims(world, ws).History.Read().Entries[^1].Reason, Does.Contain($"Ticket queued: Intake Pod {pod} stopped"));
        }
    }

    [Test]
    public void Closing_a_ticket_stops_its_intake_pod_and_releases_the_claim()
    {
        var (world, ws, id, pod) = IntakeFor("Close me");
        using (world)
        {
            var closed = world.Yoi(ws, "ticket", "close", id, "--resolution", "Not needed.");
            Assert.That(closed.ExitCode, Is.Zero, closed.Stderr);
            Assert.That(DaemonLock.Holder(world.Paths, pod), Is.Null);
            Assert.That(world.Store.Exists(pod), Is.True);
            Assert.That(Claims(world, ws).Get(id), Is.Null);
        }
    }
}
