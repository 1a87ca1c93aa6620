using System.Diagnostics;
using System.Globalization;
using Yoi.Core.Interop;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Reliability;

/// <summary>
/// The soak: many live Pods for a long time under a random mix of sends, weak and strong notifies, peer
/// registrations, SIGKILL + restore (idle, or right after a run was acknowledged) and Ticket transitions by role
/// processes (<c>yoi ticket</c>), while the real panel (<c>yoi panel</c> in tmux, reloading every 1.5 s) watches the
/// workspace. At the end: every acknowledged notify and run is in the logs exactly once, no file is corrupt, every lock
/// is free, registered peers are reciprocal, the Tickets are clean, and the panel's RSS is within 1.5× of its value
/// after the first minute (the first fifth of a reduced run).
/// Full (<c>--reliability</c>): 50 Pods for 10 minutes. Normal suite: 6 Pods for 45 s, so the whole suite stays fast on 2 cores.
/// </summary>
[Category(Reliability.Category)]
public class SoakTests
{
    [Test]
    public void Fifty_pods_under_random_load_lose_nothing_corrupt_nothing_and_the_panel_memory_stays_flat()
    {
        var podCount = Reliability.Count(reduced: 6, full: 50);
        var duration = Reliability.Full ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(45);
        var baselineAt = Reliability.Full ? TimeSpan.FromMinutes(1) : duration / 5;
        using var world = new TrialWorld();
        var random = new Random(20261201);
        var watch = Stopwatch.StartNew();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var acknowledgedNotifies = new List<string>();
        var acknowledgedRuns = new List<string>();
        var peers = new HashSet<(string, string)>();

        Directory.CreateDirectory(Path.Combine(world.Workspace, ".yoi"));
        File.WriteAllText(Path.Combine(world.Workspace, ".yoi", "config.json"), """{ "panel": { "autostart": [] } }""");
        var tickets = new TicketStore(Path.Combine(world.Workspace, ".yoi", "tickets"), new TicketStoreOptions { Time = TimeProvider.System });
        Directory.CreateDirectory(tickets.Root);
        var ticketIds = Enumerable.Range(0, 10).Select(i => tickets.Create(new NewTicket($"soak ticket {i}", "body"))).ToList();

        var pods = Enumerable.Range(0, podCount).Select(i => PodProcess.Start(world.Root, $"soak-{i:00}")).ToArray();
        using var panel = TmuxSession.Start(["panel", "--workspace", world.Workspace], world.Env, world.Workspace, 120, 40);
        panel.WaitFor("soak ticket", TimeSpan.FromSeconds(60), "the panel's first frame");
        var panelPid = PanelPid(panel);
        watch.Restart();
        long? baselineRss = null;
        var step = 0;
        try
        {
            while (watch.Elapsed < duration)
            {
                if (baselineRss is null && watch.Elapsed >= baselineAt) baselineRss = Rss(panelPid);
                step++;
                var i = random.Next(podCount);
                var name = pods[i].Name;
                var roll = random.Next(100);
                string action;
                if (roll < 30) action = Run(pods[i], $"run {name} {step}", acknowledgedRuns);
                else if (roll < 55) action = Notify(pods[i], $"weak {name} {step}", autoRun: false, acknowledgedNotifies);
                else if (roll < 70) action = Notify(pods[i], $"strong {name} {step}", autoRun: true, acknowledgedNotifies);
                else if (roll < 80) action = RegisterPeer(pods[i], pods[random.Next(podCount)].Name, peers);
                else if (roll < 88)
                {
                    var midRun = random.Next(2) == 0;
                    if (midRun) Run(pods[i], $"killed {name} {step}", acknowledgedRuns, waitForEnd: false);
                    pods[i].KillHard();
                    pods[i].Dispose();
                    pods[i] = PodProcess.Start(world.Root, name);
                    action = midRun ? "kill9_mid_run_restore" : "kill9_idle_restore";
                }
                else action = TicketTransition(world, tickets, ticketIds[random.Next(ticketIds.Count)], step);
                counts[action] = counts.GetValueOrDefault(action) + 1;
            }
            baselineRss ??= Rss(panelPid);
            var endRss = Rss(panelPid);
            Assert.That(panel.Capture(), Does.Not.Contain("[exited"), "the panel is still running");
            foreach (var pod in pods)
            {
                pod.Signal(Libc.SIGTERM);
                Assert.That(pod.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, $"{pod.Name} stopped");
            }

            var logs = Directory.EnumerateFiles(world.Paths.SessionsDir, "*.jsonl", SearchOption.AllDirectories).Select(SessionLog.Read).ToList();
            Assert.That(logs.Select(l => l.Damage), Is.All.Null, "every torn tail from a SIGKILL was cut off on restore");
            var entries = logs.SelectMany(l => l.Entries).ToList();
            var queued = entries.OfType<NotifyQueuedEntry>().GroupBy(q => q.Message ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var inputs = entries.OfType<UserInputEntry>().GroupBy(u => Segment.Flatten(u.Segments), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.That(acknowledgedNotifies.Where(n => queued.GetValueOrDefault(n) != 1), Is.Empty, "every acknowledged notify is in its log exactly once");
            Assert.That(acknowledgedRuns.Where(r => inputs.GetValueOrDefault(r) != 1), Is.Empty, "every acknowledged run is in its log exactly once");
            var drainedTwice = entries.OfType<SystemItemEntry>().SelectMany(s => s.NotifyIds ?? []).GroupBy(x => x, StringComparer.Ordinal).Count(g => g.Count() > 1);
            Assert.That(drainedTwice, Is.Zero, "no notify drained twice");
            var store = new PodMetadataStore(world.Paths, TimeProvider.System);
            Assert.That(peers.Where(p => !(store.Find(p.Item1)!.HasPeer(p.Item2) && store.Find(p.Item2)!.HasPeer(p.Item1))), Is.Empty, "registered peers are reciprocal");
            Assert.That(TicketDoctor.Run(tickets).Diagnostics.Where(d => d.Severity == DoctorSeverity.Error).Select(d => d.Message), Is.Empty);
            world.AssertHealthy();
            Assert.That(endRss, Is.LessThanOrEqualTo(baselineRss * 1.5), $"panel RSS {endRss / 1024} MiB vs {baselineRss / 1024} MiB after the first minute");

            Reliability.Report("soak", [("pods", podCount), ("duration", Reliability.Seconds(watch)), ("steps", step),
                ("acknowledged_notifies", acknowledgedNotifies.Count), ("acknowledged_runs", acknowledgedRuns.Count), ("lost", 0), ("duplicated", 0),
                .. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, (object)c.Value)),
                ("peer_pairs", peers.Count), ("corrupt", 0),
                ("panel_rss_baseline_mb", (baselineRss / 1024).ToString()!), ("panel_rss_end_mb", (endRss / 1024).ToString(CultureInfo.InvariantCulture))]);
        }
        finally
        {
            foreach (var pod in pods) pod.Dispose();
        }
    }

    /// <summary>Sends a run; acknowledged = <c>invoke_start user_send</c>. Waits for the turn to end unless told not to.</summary>
    private static string Run(PodProcess pod, string text, List<string> acknowledged, bool waitForEnd = true)
    {
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(RunMethod.Text(text));
            var first = client.WaitFor<Event>(e => e is InvokeStartEvent { Kind: InvokeKind.UserSend } || e is ErrorEvent { ReplyTo: null }, TimeSpan.FromSeconds(30));
            if (first is ErrorEvent) return "run_refused";
            acknowledged.Add(text);
            if (waitForEnd) WaitIdleAfterTurn(client);
            return "run";
        }
    }

    /// <summary>Acknowledged = the <c>status</c> whose pending count includes it (published once the entry is durable).</summary>
    private static string Notify(PodProcess pod, string text, bool autoRun, List<string> acknowledged)
    {
        var (client, snapshot, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new NotifyMethod(text, autoRun));
            client.WaitFor<StatusEvent>(s => s.PendingNotifications == snapshot.PendingNotifications + 1, TimeSpan.FromSeconds(30));
            acknowledged.Add(text);
            if (autoRun && snapshot.Status == PodStatus.Idle) WaitIdleAfterTurn(client);
            return autoRun ? "notify_strong" : "notify_weak";
        }
    }

    private static string RegisterPeer(PodProcess pod, string peer, HashSet<(string, string)> peers)
    {
        if (peer == pod.Name) return "peer_self_skipped";
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new RegisterPeerMethod(peer) { Id = "peer" });
            var reply = client.WaitFor<Event>(e => e.ReplyTo == "peer", TimeSpan.FromSeconds(30));
            if (reply is not PeerRegisteredEvent) return "peer_refused";
            peers.Add((pod.Name, peer));
            return "peer_registered";
        }
    }

    /// <summary>A role process moving a Ticket: a comment, or a lifecycle step through <c>yoi ticket state</c>.</summary>
    private static string TicketTransition(TrialWorld world, TicketStore tickets, string id, int step)
    {
        var state = tickets.Show(id).Meta.State;
        string[] args = state switch
        {
            TicketState.Planning => ["ticket", "state", id, "ready"],
            TicketState.Ready => ["ticket", "state", id, "queued"],
            TicketState.Queued => ["ticket", "state", id, "inprogress"],
            TicketState.InProgress => ["ticket", "state", id, "done"],
            _ => ["ticket", "comment", id, "--message", $"soak step {step}"],
        };
        var result = YoiProcess.Run([.. args, "--workspace", world.Workspace], world.Env, world.Workspace);
        Assert.That(result.ExitCode, Is.Zero, $"yoi {string.Join(' ', args)}: {result.Stderr}");
        return args[1] == "state" ? "ticket_transition" : "ticket_comment";
    }

    private static void WaitIdleAfterTurn(PodSocket client)
    {
        client.WaitFor<Event>(e => e is RunEndEvent || e is ErrorEvent { ReplyTo: null }, TimeSpan.FromSeconds(60));
        client.WaitFor<StatusEvent>(s => s.Status == PodStatus.Idle, TimeSpan.FromSeconds(60));
    }

    /// <summary>The panel process: the dotnet child of the tmux pane's shell.</summary>
    private static int PanelPid(TmuxSession panel)
    {
        var shell = int.Parse(panel.Format("#{pane_pid}"), CultureInfo.InvariantCulture);
        var pid = 0;
        Poll.Until(() => ChildProcesses.Of(shell) is [var first, ..] && (pid = first) > 0, TimeSpan.FromSeconds(20), "the panel process");
        return pid;
    }

    /// <summary>VmRSS in KiB.</summary>
    private static long Rss(int pid) =>
        long.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
