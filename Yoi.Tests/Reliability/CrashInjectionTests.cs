using System.Diagnostics;
using System.Text.Json;
using Yoi.Core.Claims;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Registry;
using Yoi.Core.Runtime;
using Yoi.Core.Storage;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Reliability;

/// <summary>
/// Reliability 2: real <c>yoi</c> processes SIGKILL themselves at every named crash point (YOI_TEST_CRASH_AT). After each
/// crash: no corrupt file, every lock acquirable, peer pairs both-or-neither after one recovery call, and committed
/// Ticket events, claims and session-log entries intact.
/// </summary>
[Category(Reliability.Category)]
public class CrashInjectionTests
{
    private const int Killed = 137;

    private static int Trials => Reliability.Count(reduced: 2, full: 50);

    /// <summary>Trials that start a Pod each (seconds apiece), reduced further by default.</summary>
    private static int PodTrials => Reliability.Count(reduced: 1, full: 50);

    [Test]
    public void Claim_creation_killed_after_the_temp_file_leaves_no_claim_and_the_next_claim_wins()
    {
        using var world = new TrialWorld();
        var claims = world.Claims();
        for (var t = 0; t < Trials; t++)
        {
            var ticket = $"T{t:000}";
            world.Crash(CrashPoint.ClaimAfterTemp, "claim", "take", ticket, "--pod", $"crashed-{t}", "--workspace", world.Workspace);
            Assert.That(claims.Find(ticket), Is.Null, "no claim from a claimer killed before the link");
            Assert.That(claims.Claim(ticket, null, $"next-{t}", "intake"), Is.InstanceOf<ClaimOutcome.Claimed>());
            world.AssertHealthy();
        }
        Assert.That(claims.History.Read().Entries.Select(e => e.PodName), Is.EqualTo(Enumerable.Range(0, Trials).Select(t => $"next-{t}")));
        world.Report(CrashPoint.ClaimAfterTemp);
    }

    [Test]
    public void Claim_creation_killed_after_the_link_keeps_the_committed_claim_and_refuses_a_second_owner()
    {
        using var world = new TrialWorld();
        var claims = world.Claims();
        for (var t = 0; t < Trials; t++)
        {
            var ticket = $"T{t:000}";
            world.Crash(CrashPoint.ClaimAfterLink, "claim", "take", ticket, "--pod", $"crashed-{t}", "--workspace", world.Workspace);
            Assert.That(claims.Get(ticket)?.PodName, Is.EqualTo($"crashed-{t}"), "the linked claim is committed and whole");
            Assert.That(claims.Claim(ticket, null, $"next-{t}", "intake"), Is.InstanceOf<ClaimOutcome.OwnedByOther>());
            world.AssertHealthy();
        }
        world.Report(CrashPoint.ClaimAfterLink);
    }

    [Test]
    public void Registry_update_killed_before_the_rename_keeps_the_previous_registry_intact()
    {
        using var world = new TrialWorld();
        Assert.That(YoiProcess.Run(["init", "--workspace", world.Workspace], world.Env).ExitCode, Is.Zero);
        var registry = new RoleSessionRegistry(world.Location, TimeProvider.System);
        registry.Upsert("seed", "companion", SessionOrigin.RoleLaunch, null, []);
        var tickets = new TicketStore(Path.Combine(world.Workspace, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System });
        for (var t = 0; t < PodTrials; t++)
        {
            var before = File.ReadAllBytes(world.Location.SessionsFile);
            var id = tickets.Create(new NewTicket($"crash trial {t}"));
            try
            {
                world.Crash(CrashPoint.RegistryBeforeRename, "intake", "start", id, "--workspace", world.Workspace);
            }
            finally
            {
                world.StopPod(PodName.IntakeForTicket(id));
            }
            Assert.That(File.ReadAllBytes(world.Location.SessionsFile), Is.EqualTo(before), "the registry is the previous version, byte for byte");
            Assert.That(registry.Sessions().Select(s => s.PodName).Order(StringComparer.Ordinal),
                Is.EqualTo(new[] { "seed" }.Concat(Enumerable.Range(0, t).Select(i => $"recovered-{i:000}")).Order(StringComparer.Ordinal)));
            registry.Upsert($"recovered-{t:000}", "intake", SessionOrigin.TicketClaim, null, []);
            world.AssertHealthy();
        }
        world.Report(CrashPoint.RegistryBeforeRename);
    }

    [TestCase(CrashPoint.MetadataBeforeRename)]
    [TestCase(CrashPoint.PeerBetweenWrites)]
    public void Peer_registration_killed_mid_way_converges_to_both_or_neither_after_one_recovery_call(string point)
    {
        using var world = new TrialWorld();
        var store = new PodMetadataStore(world.Paths, TimeProvider.System);
        var both = 0;
        var neither = 0;
        for (var t = 0; t < Trials; t++)
        {
            string a = $"a{t:000}", b = $"b{t:000}";
            store.Update(a, _ => new PodMetadata { PodName = a });
            store.Update(b, _ => new PodMetadata { PodName = b });
            world.Crash(point, "peer", "register", b, "--as", a);
            Assert.That(store.Find(a), Is.Not.Null, "metadata of a is whole");
            Assert.That(store.Find(b), Is.Not.Null, "metadata of b is whole");
            var targetSurvives = t % 2 == 0;
            if (!targetSurvives) Directory.Delete(world.Paths.PodDir(b), recursive: true);

            Assert.That(new PeerLinks(store).RecoverIntents(), Is.EqualTo(1), "one intent to recover");

            var aHasB = store.Find(a)!.HasPeer(b);
            var bHasA = store.Find(b)?.HasPeer(a) ?? false;
            if (targetSurvives)
            {
                Assert.That((aHasB, bHasA), Is.EqualTo((true, true)), "both after recovery");
                both++;
            }
            else
            {
                Assert.That(aHasB, Is.False, "neither after recovery");
                neither++;
            }
            Assert.That(new PeerLinks(store).PendingIntents(), Is.Empty);
            world.AssertHealthy();
        }
        world.Report(point, ("converged_both", both), ("converged_neither", neither));
    }

    [Test]
    public void Ticket_event_append_killed_mid_write_keeps_every_committed_event_and_the_next_append_is_clean()
    {
        using var world = new TrialWorld();
        var root = Path.Combine(world.Workspace, ".yoi", "tickets");
        Directory.CreateDirectory(root);
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        var id = store.Create(new NewTicket("crash target", "body"));
        for (var t = 0; t < Trials; t++)
        {
            var committed = store.Show(id).Events.Select(e => (e.Kind, e.Body)).ToList();
            world.Crash(CrashPoint.TicketEventMidAppend, "ticket", "comment", id, "--message", $"torn {t}", "--workspace", world.Workspace);
            Assert.That(store.Show(id).Events.Select(e => (e.Kind, e.Body)), Is.EqualTo(committed), "committed events intact, the torn one absent");
            store.Comment(id, "comment", $"after crash {t}");
            Assert.That(store.Show(id).Events[^1].Body, Is.EqualTo($"after crash {t}"));
            var doctor = TicketDoctor.Run(store);
            Assert.That(doctor.Diagnostics.Where(d => d.Severity == DoctorSeverity.Error).Select(d => d.Message), Is.Empty);
            world.AssertHealthy();
        }
        Assert.That(store.Show(id).Events.Count(e => e.Kind == "comment"), Is.EqualTo(Trials));
        world.Report(CrashPoint.TicketEventMidAppend);
    }

    [Test]
    public void Session_log_append_killed_mid_write_keeps_every_committed_entry_after_restore()
    {
        using var world = new TrialWorld();
        var trials = PodTrials;
        var confirmed = 0;
        using (var pod = PodProcess.Start(world.Root, "logger"))
            confirmed += Notify(pod, 1, confirmed);
        var crashEnv = new Dictionary<string, string> { [CrashPoint.Variable] = CrashPoint.SessionLogMidAppend };
        for (var t = 0; t < trials; t++)
        {
            using (var doomed = PodProcess.Start(world.Root, "logger", env: crashEnv))
            {
                var (client, snapshot, _) = PodSocket.Open(doomed.SocketPath);
                using (client)
                {
                    Assert.That(snapshot.PendingNotifications, Is.EqualTo(confirmed), "every confirmed notify survived the previous crash");
                    client.Send(new NotifyMethod($"torn {t}", AutoRun: false));
                    Assert.That(doomed.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "the Pod killed itself mid-append");
                    Assert.That(doomed.ExitCode, Is.EqualTo(Killed));
                    world.CountCrash();
                }
            }
            using (var restored = PodProcess.Start(world.Root, "logger"))
            {
                confirmed += Notify(restored, 1, confirmed);
                restored.Signal(Yoi.Core.Interop.Libc.SIGTERM);
                Assert.That(restored.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
            }
            world.AssertHealthy();
        }
        var logs = Directory.EnumerateFiles(world.Paths.SessionsDir, "*.jsonl", SearchOption.AllDirectories).Select(SessionLog.Read).ToList();
        var queued = logs.SelectMany(l => l.Entries).OfType<NotifyQueuedEntry>().Select(e => e.Message).ToList();
        Assert.That(logs.Select(l => l.Damage), Is.All.Null, "the torn tails were cut off on restore");
        Assert.That(queued.Where(m => m!.StartsWith("ok ", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(confirmed), "every confirmed entry is intact");
        Assert.That(queued.Where(m => m!.StartsWith("torn ", StringComparison.Ordinal)), Is.Empty, "no torn entry was half-read as an entry");
        world.Report(CrashPoint.SessionLogMidAppend, ("trials", trials), ("confirmed_entries", confirmed));
    }

    /// <summary>Sends <paramref name="count"/> weak notifies and waits until each is confirmed by the pending count.</summary>
    private static int Notify(PodProcess pod, int count, int already)
    {
        var (client, snapshot, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            for (var i = 0; i < count; i++)
            {
                client.Send(new NotifyMethod($"ok {already + i}", AutoRun: false));
                var expected = snapshot.PendingNotifications + i + 1;
                client.WaitFor<StatusEvent>(s => s.PendingNotifications >= expected);
            }
        }
        return count;
    }
}
