using Yoi.Core.Hosting;
using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Doctor;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Core.Storage;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Doctor;

/// <summary>`yoi doctor` on real files, real crashed processes (CrashPoint) and real Pods.</summary>
public class WorkspaceDoctorTests
{
    [Test]
    public async Task A_healthy_workspace_has_no_findings()
    {
        using var world = new DoctorWorld();
        world.Tickets.Create(new NewTicket("Healthy"));
        world.Metadata("alpha");

        var report = await world.Doctor.RunAsync(world.Workspace, repair: false);

        Assert.That(report.Findings, Is.Empty);
        Assert.That(report.Ok, Is.True);
    }

    [Test]
    public async Task A_crash_between_peer_writes_leaves_an_intent_that_repair_rolls_forward_to_a_reciprocal_link()
    {
        using var world = new DoctorWorld();
        world.Metadata("alpha");
        world.Metadata("beta");
        var crashed = YoiProcess.Run(["peer", "register", "beta", "--as", "alpha"], world.Env(CrashPoint.PeerBetweenWrites));
        Assert.That(crashed.ExitCode, Is.Not.Zero, "the process was killed at the crash point");
        Assert.That(world.Store.Find("alpha")!.HasPeer("beta") && !world.Store.Find("beta")!.HasPeer("alpha"), Is.True, "one-sided after the crash");

        var before = await world.Doctor.RunAsync(world.Workspace, repair: false);
        var intent = before.Findings.Single();
        Assert.That((intent.Area, intent.Severity, intent.Repair), Is.EqualTo(("peers", DoctorSeverity.Warning, RepairKind.RollForwardPeerIntent)));
        Assert.That(intent.Path, Does.StartWith(world.Paths.PeerIntentsDir));

        var after = await world.Doctor.RunAsync(world.Workspace, repair: true);

        Assert.That(after.Repairs.Single().Path, Is.EqualTo(intent.Path));
        Assert.That(after.Findings, Is.Empty);
        Assert.That(world.Store.Find("alpha")!.HasPeer("beta") && world.Store.Find("beta")!.HasPeer("alpha"), Is.True, "both-or-neither: both");
    }

    [Test]
    public async Task A_temp_file_left_by_a_crash_is_deleted_by_repair_only_once_it_is_a_minute_old()
    {
        using var world = new DoctorWorld();
        world.Metadata("alpha");
        world.Metadata("beta");
        var crashed = YoiProcess.Run(["peer", "register", "beta", "--as", "alpha"], world.Env(CrashPoint.MetadataBeforeRename));
        Assert.That(crashed.ExitCode, Is.Not.Zero);
        var temp = Directory.GetFiles(world.Paths.PodDir("alpha"), "*.tmp", SearchOption.AllDirectories).Single();
        Assert.That(world.Store.Find("alpha")!.Peers, Is.Empty, "the crashed write never became data");

        var young = await world.Doctor.RunAsync(world.Workspace, repair: true);
        var finding = young.Findings.Single(f => f.Area == "temp");
        Assert.That((finding.Path, finding.Repair), Is.EqualTo((temp, RepairKind.None)));
        Assert.That(File.Exists(temp), Is.True, "a write younger than a minute may still be in progress");

        File.SetLastWriteTimeUtc(temp, DateTime.UtcNow - TimeSpan.FromMinutes(2));
        var old = await world.Doctor.RunAsync(world.Workspace, repair: true);

        Assert.That(old.Repairs.Select(r => r.Path), Does.Contain(temp));
        Assert.That(File.Exists(temp), Is.False);
        Assert.That(old.Findings.Where(f => f.Area == "temp"), Is.Empty);
    }

    [Test]
    public async Task A_killed_pods_runtime_dir_is_stale_and_repair_removes_it_but_leaves_a_live_pod_alone()
    {
        using var world = new DoctorWorld();
        using var live = PodProcess.Start(world.Root, "live-pod");
        using var killed = PodProcess.Start(world.Root, "killed-pod");
        killed.KillHard();
        var staleDir = world.Paths.PodRuntimeDir("killed-pod");
        Assert.That(Directory.Exists(staleDir), Is.True);

        var before = await world.Doctor.RunAsync(world.Workspace, repair: false);
        var stale = before.Findings.Single(f => f.Area == "runtime");
        Assert.That(stale.Path, Is.EqualTo(staleDir));
        Assert.That(stale.Reason, Does.Contain("killed-pod").And.Contain($"process {killed.Pid} is gone"));
        Assert.That(stale.Fix, Does.Contain("yoi pod restore killed-pod"));

        var after = await world.Doctor.RunAsync(world.Workspace, repair: true);

        Assert.That(Directory.Exists(staleDir), Is.False);
        Assert.That(after.Findings.Where(f => f.Area == "runtime"), Is.Empty);
        Assert.That(Directory.Exists(world.Paths.PodRuntimeDir("live-pod")), Is.True);
        Assert.That((await PodClient.ProbeAsync(live.SocketPath, TimeSpan.FromSeconds(1))).Reachable, Is.True);
    }

    [Test]
    public async Task Corrupt_metadata_a_corrupt_registry_and_a_stale_claim_are_reported_with_path_reason_and_fix()
    {
        using var world = new DoctorWorld();
        var id = world.Tickets.Create(new NewTicket("Claimed"));
        var location = RegistryLocation.ForWorkspace(world.Paths, world.Workspace);
        new TicketClaims(location, TimeProvider.System).Claim(id, null, "ghost", RoleLauncher.IntakeRole);
        world.Metadata("broken");
        File.WriteAllText(world.Paths.PodMetadataPath("broken"), "{\"pod_name\": ");
        Directory.CreateDirectory(location.Directory);
        File.WriteAllText(location.SessionsFile, "[1, 2");

        var report = await world.Doctor.RunAsync(world.Workspace, repair: true);

        Assert.That(report.Findings.Select(f => (f.Area, f.Severity)), Is.EquivalentTo(new[]
        {
            ("pods", DoctorSeverity.Error), ("registry", DoctorSeverity.Error), ("claims", DoctorSeverity.Warning),
        }));
        var pods = report.Findings.Single(f => f.Area == "pods");
        Assert.That((pods.Path, pods.Reason), Is.EqualTo((world.Paths.PodMetadataPath("broken"), pods.Reason)));
        Assert.That(pods.Reason, Does.Contain("`broken` is unreadable"));
        var claim = report.Findings.Single(f => f.Area == "claims");
        Assert.That(claim.Reason, Does.Contain(id).And.Contain("`ghost`").And.Contain("no metadata"));
        Assert.That(claim.Fix, Does.Contain($"yoi intake start {id} --reclaim"));
        Assert.That(report.Repairs, Is.Empty, "nothing here is safe to repair automatically");
        Assert.That(File.ReadAllText(location.SessionsFile), Is.EqualTo("[1, 2"));
        Assert.That(report.Ok, Is.False);
    }

    [Test]
    public async Task Repair_never_changes_a_ticket_record()
    {
        using var world = new DoctorWorld();
        var id = world.Tickets.Create(new NewTicket("Keep me"));
        var dir = world.Tickets.RecordDir(id);
        var leftover = Path.Combine(dir, ".item.md.123.abc.tmp");
        File.WriteAllText(leftover, "partial");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow - TimeSpan.FromMinutes(5));
        var item = Path.Combine(dir, "item.md");
        File.WriteAllText(item, File.ReadAllText(item).Replace("state: 'planning'", "state: 'bogus'", StringComparison.Ordinal));
        var snapshot = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => f != leftover)
            .ToDictionary(f => f, File.ReadAllText);

        var report = await world.Doctor.RunAsync(world.Workspace, repair: true);

        Assert.That(File.Exists(leftover), Is.False);
        Assert.That(report.Findings.Any(f => f.Area == "tickets" && f.Severity == DoctorSeverity.Error), Is.True, "the broken record is reported");
        foreach (var (file, text) in snapshot) Assert.That(File.ReadAllText(file), Is.EqualTo(text), file);
    }

    private sealed class DoctorWorld : IDisposable
    {
        private readonly TempDir _dir = new("yoi-doctor");

        public DoctorWorld()
        {
            Directory.CreateDirectory(PodProcess.Workspace(Root));
            Workspace = WorkspaceKey.Canonicalize(PodProcess.Workspace(Root));
            Paths = new YoiPaths(PodProcess.ConfigDir(Root), PodProcess.DataDir(Root), PodProcess.RuntimeDir(Root));
            WorkspaceInit.Run(Workspace, null);
            Store = new PodMetadataStore(Paths, TimeProvider.System);
            Doctor = new WorkspaceDoctor(YoiProcess.Services(Paths));
        }

        public string Root => _dir.Path;
        public string Workspace { get; }
        public YoiPaths Paths { get; }
        public PodMetadataStore Store { get; }
        public WorkspaceDoctor Doctor { get; }
        public TicketStore Tickets => new(Path.Combine(Workspace, ".yoi", "tickets"), new TicketStoreOptions { WorkspaceRoot = Workspace, Time = TimeProvider.System });

        public void Metadata(string pod) => Store.Update(pod, _ => new PodMetadata { PodName = pod, WorkspaceRoot = Workspace });

        public Dictionary<string, string> Env(string? crashAt = null)
        {
            var env = new Dictionary<string, string>
            {
                ["YOI_DATA_DIR"] = Paths.Data, ["YOI_RUNTIME_DIR"] = Paths.Runtime, ["YOI_CONFIG_DIR"] = Paths.Config,
            };
            if (crashAt is not null) env[CrashPoint.Variable] = crashAt;
            return env;
        }

        public void Dispose() => _dir.Dispose();
    }
}
