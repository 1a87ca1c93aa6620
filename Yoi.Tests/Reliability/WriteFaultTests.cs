using System.Diagnostics;
using Yoi.Core.Claims;
using Yoi.Core.Interop;
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
/// Write faults at every durable write point (YOI_TEST_FAULT_AT): real <c>yoi</c> processes whose n-th write at a named
/// point fails with ENOSPC or EIO. Every trial: the failure is reported naming the file and the cause, the files stay at
/// their last good state (byte for byte), no temp file is left, no file is corrupt, every lock is free, and the same
/// operation succeeds on the next try (nothing was left broken).
/// </summary>
[Category(Reliability.Category)]
public class WriteFaultTests
{
    private static int Trials => Reliability.Count(reduced: 2, full: 20);

    private static string Errno(int trial) => trial % 2 == 0 ? "enospc" : "eio";

    [Test]
    public void A_claim_whose_file_cannot_be_written_is_not_taken_and_the_next_claim_wins()
    {
        using var world = new TrialWorld();
        var claims = world.Claims();
        for (var t = 0; t < Trials; t++)
        {
            var ticket = $"T{t:000}";
            var history = Bytes(claims.History.Path);
            world.Fault($"{FaultPoint.ClaimWrite}:1:{Errno(t)}", world.Location.ClaimPath(ticket), "claim", "take", ticket, "--pod", $"faulted-{t}", "--workspace", world.Workspace);
            Assert.That(claims.Find(ticket), Is.Null, "no claim");
            Assert.That(Bytes(claims.History.Path), Is.EqualTo(history), "history unchanged");
            Assert.That(claims.Claim(ticket, null, $"next-{t}", "intake"), Is.InstanceOf<ClaimOutcome.Claimed>());
            world.AssertNoTempFiles();
            world.AssertHealthy();
        }
        world.ReportFaults(FaultPoint.ClaimWrite);
    }

    [Test]
    public void A_claim_whose_history_line_cannot_be_written_is_undone_and_the_next_claim_wins()
    {
        using var world = new TrialWorld();
        var claims = world.Claims();
        for (var t = 0; t < Trials; t++)
        {
            var ticket = $"T{t:000}";
            var history = Bytes(claims.History.Path);
            world.Fault($"{FaultPoint.ClaimHistoryAppend}:1:{Errno(t)}", claims.History.Path, "claim", "take", ticket, "--pod", $"faulted-{t}", "--workspace", world.Workspace);
            Assert.That(claims.Find(ticket), Is.Null, "no claim without its history line");
            Assert.That(Bytes(claims.History.Path), Is.EqualTo(history), "the half-written line was cut back");
            Assert.That(claims.Claim(ticket, null, $"next-{t}", "intake"), Is.InstanceOf<ClaimOutcome.Claimed>());
            world.AssertNoTempFiles();
            world.AssertHealthy();
        }
        Assert.That(claims.History.Read().Entries.Select(e => e.PodName), Is.EqualTo(Enumerable.Range(0, Trials).Select(t => $"next-{t}")));
        world.ReportFaults(FaultPoint.ClaimHistoryAppend);
    }

    /// <summary>n = 1: the first metadata write fails; n = 2: the second (the peer's) fails and the first is rolled back;
    /// n = 2+: the rollback fails too (the disk stays full), the intent stays and one recovery call converges.</summary>
    [Test]
    public void A_peer_registration_whose_metadata_cannot_be_written_ends_both_or_neither()
    {
        using var world = new TrialWorld();
        var store = new PodMetadataStore(world.Paths, TimeProvider.System);
        var links = new PeerLinks(store);
        string[] nth = ["1", "2", "2+"];
        var recovered = 0;
        for (var t = 0; t < Reliability.Count(reduced: 3, full: 21); t++)
        {
            string a = $"a{t:000}", b = $"b{t:000}";
            store.Update(a, _ => new PodMetadata { PodName = a });
            store.Update(b, _ => new PodMetadata { PodName = b });
            var before = (Bytes(world.Paths.PodMetadataPath(a)), Bytes(world.Paths.PodMetadataPath(b)));
            var n = nth[t % nth.Length];
            var failing = n == "1" ? a : b;
            world.Fault($"{FaultPoint.MetadataWrite}:{n}:{Errno(t)}", world.Paths.PodMetadataPath(failing), "peer", "register", b, "--as", a);
            if (links.PendingIntents().Count > 0)
            {
                Assert.That(n, Is.EqualTo("2+"), "an intent is left only when the rollback could not be written");
                Assert.That(links.RecoverIntents(), Is.EqualTo(1));
                recovered++;
                Assert.That((store.Find(a)!.HasPeer(b), store.Find(b)!.HasPeer(a)), Is.EqualTo((true, true)), "converged to both");
            }
            else
            {
                Assert.That((store.Find(a)!.HasPeer(b), store.Find(b)!.HasPeer(a)), Is.EqualTo((false, false)), "neither");
                Assert.That((Bytes(world.Paths.PodMetadataPath(a)).Length > 0, Bytes(world.Paths.PodMetadataPath(b))), Is.EqualTo((true, before.Item2)), "b untouched");
            }
            Assert.That(links.PendingIntents(), Is.Empty);
            world.AssertNoTempFiles();
            world.AssertHealthy();
        }
        world.ReportFaults(FaultPoint.MetadataWrite, ("converged_by_recovery", recovered));
    }

    [Test]
    public void A_peer_registration_whose_intent_cannot_be_written_changes_nothing()
    {
        using var world = new TrialWorld();
        var store = new PodMetadataStore(world.Paths, TimeProvider.System);
        for (var t = 0; t < Trials; t++)
        {
            string a = $"a{t:000}", b = $"b{t:000}";
            store.Update(a, _ => new PodMetadata { PodName = a });
            store.Update(b, _ => new PodMetadata { PodName = b });
            var before = (Bytes(world.Paths.PodMetadataPath(a)), Bytes(world.Paths.PodMetadataPath(b)));
            world.Fault($"{FaultPoint.PeerIntentWrite}:1:{Errno(t)}", $"{a}--{b}.json", "peer", "register", b, "--as", a);
            Assert.That((Bytes(world.Paths.PodMetadataPath(a)), Bytes(world.Paths.PodMetadataPath(b))), Is.EqualTo(before), "both metadata files byte-identical");
            Assert.That(new PeerLinks(store).PendingIntents(), Is.Empty);
            world.AssertNoTempFiles();
            world.AssertHealthy();
        }
        world.ReportFaults(FaultPoint.PeerIntentWrite);
    }

    [Test]
    public void A_ticket_change_whose_item_or_thread_cannot_be_written_leaves_the_record_byte_identical()
    {
        using var world = new TrialWorld();
        var root = Path.Combine(world.Workspace, ".yoi", "tickets");
        Directory.CreateDirectory(root);
        var store = new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System });
        var id = store.Create(new NewTicket("fault target", "body"));
        var item = Path.Combine(root, id, "item.md");
        var thread = Path.Combine(root, id, "thread.md");
        var trials = 0;
        foreach (var point in new[] { FaultPoint.TicketThreadWrite, FaultPoint.TicketItemWrite })
        {
            for (var t = 0; t < Trials; t++)
            {
                var before = (Bytes(item), Bytes(thread));
                // comment = thread.md then item.md (updated_at): a failed item write must put the new thread back too.
                world.Fault($"{point}:1:{Errno(t)}", point == FaultPoint.TicketItemWrite ? item : thread,
                    "ticket", "comment", id, "--message", $"faulted {t}", "--workspace", world.Workspace);
                Assert.That((Bytes(item), Bytes(thread)), Is.EqualTo(before), "item.md and thread.md byte-identical");
                store.Comment(id, "comment", $"after fault {point} {t}");
                Assert.That(TicketDoctor.Run(store).Diagnostics.Where(d => d.Severity == DoctorSeverity.Error).Select(d => d.Message), Is.Empty);
                world.AssertNoTempFiles();
                world.AssertHealthy();
                trials++;
            }
        }
        Assert.That(store.Show(id).Events.Count(e => e.Kind == "comment"), Is.EqualTo(trials));
        world.ReportFaults("ticket.item_write+thread_write", ("trials", trials));
    }

    [Test]
    public void A_registry_update_that_cannot_be_written_keeps_the_previous_registry_and_warns_naming_the_file()
    {
        using var world = new TrialWorld();
        Assert.That(YoiProcess.Run(["init", "--workspace", world.Workspace], world.Env).ExitCode, Is.Zero);
        var registry = new RoleSessionRegistry(world.Location, TimeProvider.System);
        registry.Upsert("seed", "companion", SessionOrigin.RoleLaunch, null, []);
        var tickets = new TicketStore(Path.Combine(world.Workspace, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System });
        var trials = Reliability.Count(reduced: 1, full: 20);
        for (var t = 0; t < trials; t++)
        {
            var before = Bytes(world.Location.SessionsFile);
            var id = tickets.Create(new NewTicket($"fault trial {t}"));
            try
            {
                world.Fault($"{FaultPoint.RegistryWrite}:1:{Errno(t)}", world.Location.SessionsFile, "intake", "start", id, "--workspace", world.Workspace);
            }
            finally
            {
                world.StopPod(PodName.IntakeForTicket(id));
            }
            Assert.That(Bytes(world.Location.SessionsFile), Is.EqualTo(before), "the registry is the previous version, byte for byte");
            registry.Upsert($"recovered-{t:000}", "intake", SessionOrigin.TicketClaim, null, []);
            world.AssertNoTempFiles();
            world.AssertHealthy();
        }
        world.ReportFaults(FaultPoint.RegistryWrite);
    }

    /// <summary>
    /// The Pod's session log (and with it the notify queue). Per trial the Pod is restored with the k-th append failing:
    /// k = 1 the weak notify (refused, not acknowledged), 2 the run (refused before acknowledgement), 3 the drain (the turn
    /// ends run_errored, the notify stays queued), 4 the reply (the turn ends run_errored with the reason). Afterwards
    /// every acknowledged notify is queued or drained exactly once, every accepted turn is closed, and no line is invalid.
    /// </summary>
    [Test]
    public void A_session_log_append_that_fails_is_cut_back_and_the_pod_reports_refuses_or_errors_the_turn()
    {
        using var world = new TrialWorld();
        var trials = Reliability.Count(reduced: 4, full: 20);
        var acknowledged = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var fresh = PodProcess.Start(world.Root, "logger")) fresh.Signal(Libc.SIGTERM);
        for (var t = 0; t < trials; t++)
        {
            var k = t % 4 + 1;
            var env = new Dictionary<string, string> { [FaultPoint.Variable] = $"{FaultPoint.SessionLogAppend}:{k}:{Errno(t)}" };
            using var pod = PodProcess.Start(world.Root, "logger", env: env);
            var (client, snapshot, _) = PodSocket.Open(pod.SocketPath);
            using (client)
            {
                var message = $"n{t}";
                client.Send(new NotifyMethod(message, AutoRun: false) { Id = $"notify-{t}" });
                if (k == 1)
                {
                    var error = client.WaitFor<ErrorEvent>(e => e.ReplyTo == $"notify-{t}");
                    Assert.That(error.Message, Does.Contain("could not write").And.Contain(".jsonl"));
                    Count(outcomes, "notify_refused");
                }
                else
                {
                    client.WaitFor<StatusEvent>(s => s.PendingNotifications == snapshot.PendingNotifications + 1);
                    acknowledged.Add(message);
                }
                client.Send(RunMethod.Text($"run {t}"));
                if (k == 2)
                {
                    var refused = client.WaitFor<ErrorEvent>(e => e.ReplyTo is null);
                    Assert.That(refused.Message, Does.StartWith("run refused: could not write").And.Contain(".jsonl"));
                    Assert.That(client.Seen.OfType<InvokeStartEvent>(), Is.Empty, "the refused run was never acknowledged");
                    Count(outcomes, "run_refused");
                }
                else
                {
                    client.WaitFor<InvokeStartEvent>();
                    var end = client.WaitFor<Event>(e => e is RunEndEvent || e is ErrorEvent { ReplyTo: null }, TimeSpan.FromSeconds(30));
                    if (k >= 3)
                    {
                        Assert.That(end, Is.InstanceOf<ErrorEvent>(), "the turn whose entries could not be written ended with an error");
                        Assert.That(((ErrorEvent)end).Message, Does.Contain("could not write").And.Contain(".jsonl"));
                        Count(outcomes, k == 3 ? "drain_errored" : "reply_errored");
                    }
                    else Count(outcomes, "finished");
                }
                client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle);
            }
            pod.Signal(Libc.SIGTERM);
            Assert.That(pod.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
            world.CountFault();

            var read = ReadLogs(world);
            Assert.That(read.Select(r => r.Damage), Is.All.Null, "no invalid or partial line in any segment");
            var entries = read.SelectMany(r => r.Entries).ToList();
            var queued = entries.OfType<NotifyQueuedEntry>().Select(q => q.Message).ToList();
            Assert.That(queued, Is.EquivalentTo(acknowledged), "every acknowledged notify is in the log exactly once, nothing else");
            Assert.That(entries.OfType<InvokeEntry>().Count(), Is.EqualTo(entries.Count(e => e is RunCompletedEntry or RunErroredEntry)), "every accepted turn is closed");
            world.AssertNoTempFiles();
            world.AssertHealthy();
        }
        var final = ReadLogs(world).SelectMany(r => r.Entries).ToList();
        var drained = final.OfType<SystemItemEntry>().SelectMany(s => s.NotifyIds ?? []).GroupBy(i => i, StringComparer.Ordinal).ToList();
        Assert.That(drained.Where(g => g.Count() > 1), Is.Empty, "no notify drained twice");
        world.ReportFaults(FaultPoint.SessionLogAppend, [("trials", trials), ("acknowledged_notifies", acknowledged.Count), ("lost", 0),
            .. outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, (object)o.Value))]);
    }

    private static List<SessionLogRead> ReadLogs(TrialWorld world) =>
        Directory.EnumerateFiles(world.Paths.SessionsDir, "*.jsonl", SearchOption.AllDirectories).Select(SessionLog.Read).ToList();

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static byte[] Bytes(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];
}
