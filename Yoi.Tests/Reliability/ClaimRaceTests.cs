using System.Diagnostics;
using Yoi.Core.Roles;
using Yoi.Core.Tickets;
using Yoi.Tests.Core.Roles;
using Yoi.Tests.Support;

namespace Yoi.Tests.Reliability;

/// <summary>Reliability 1: 16 real <c>yoi claim take</c> processes race for every one of N Tickets while a reader watches.</summary>
[Category(Reliability.Category)]
public class ClaimRaceTests
{
    private static readonly int Processes = Reliability.Count(reduced: 8, full: 16);

    [Test]
    public void Sixteen_processes_racing_for_every_one_of_200_tickets_leave_exactly_one_claim_each_and_a_reader_never_sees_a_partial_claim()
    {
        var ticketCount = Reliability.Count(reduced: 25, full: 200);
        using var world = new RolesWorld();
        var tickets = Enumerable.Range(0, ticketCount).Select(i => TicketId.Encode(3_000_000_000_000UL + (ulong)i)).ToList();
        var watch = Stopwatch.StartNew();

        using var stop = new CancellationTokenSource();
        var reads = 0L;
        var badReads = new List<string>();
        var reader = Task.Run(() =>
        {
            var claims = world.Claims();
            while (!stop.IsCancellationRequested)
            {
                foreach (var file in claims.List())
                {
                    reads++;
                    if (file.Claim is null || file.Claim.TicketId != file.TicketId) badReads.Add($"{file.Path}: {file.Problem}");
                }
            }
        });

        var racers = Enumerable.Range(0, Processes).Select(i =>
        {
            var order = tickets.OrderBy(_ => Random.Shared.Next()).ToList();
            var info = YoiProcess.StartInfo(["claim", "take", .. order, "--pod", Pod(i), "--workspace", world.Workspace], Env(world));
            info.Environment.Remove("YOI_HOME");
            info.Environment.Remove(Yoi.Core.Storage.CrashPoint.Variable);
            var process = Process.Start(info)!;
            process.StandardInput.Close();
            return (Pod: Pod(i), Process: process, Out: process.StandardOutput.ReadToEndAsync(), Err: process.StandardError.ReadToEndAsync());
        }).ToList();
        foreach (var racer in racers)
        {
            if (!racer.Process.WaitForExit(TimeSpan.FromMinutes(3))) racer.Process.Kill(entireProcessTree: true);
            racer.Process.WaitForExit();
        }
        stop.Cancel();
        reader.Wait();
        watch.Stop();

        var won = new Dictionary<string, List<string>>();
        var refusals = 0;
        var otherErrors = new List<string>();
        foreach (var racer in racers)
        {
            foreach (var line in racer.Out.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.That(line, Does.StartWith("Claimed Ticket "), $"{racer.Pod} printed an unexpected line");
                var id = line.Split(' ')[2];
                if (!won.TryGetValue(id, out var winners)) won[id] = winners = [];
                winners.Add(racer.Pod);
            }
            foreach (var line in racer.Err.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Contains("has a stale local Intake claim for", StringComparison.Ordinal)
                    || line.Contains("right now (claimed at", StringComparison.Ordinal)) refusals++;
                else otherErrors.Add($"{racer.Pod}: {line}");
            }
            racer.Process.Dispose();
        }

        var files = world.Claims().List();
        var history = world.Claims().History.Read().Entries;
        Reliability.Report("claim race", ("processes", Processes), ("tickets", ticketCount), ("attempts", Processes * ticketCount),
            ("claims_won", won.Values.Sum(w => w.Count)), ("refusals", refusals), ("other_errors", otherErrors.Count),
            ("reader_reads", reads), ("reader_failures", badReads.Count), ("elapsed", Reliability.Seconds(watch)));

        Assert.Multiple(() =>
        {
            Assert.That(otherErrors, Is.Empty, "every loser is refused with the owner, nothing else");
            Assert.That(badReads, Is.Empty, "the concurrent reader saw a partial or unparsable claim");
            Assert.That(reads, Is.GreaterThan(0), "the reader ran during the race");
            Assert.That(won.Keys.Order(StringComparer.Ordinal), Is.EqualTo(tickets.Order(StringComparer.Ordinal)), "every Ticket was won");
            Assert.That(won.Where(w => w.Value.Count != 1).Select(w => $"{w.Key}: {string.Join(",", w.Value)}"), Is.Empty, "exactly one winner per Ticket");
            Assert.That(refusals, Is.EqualTo((Processes - 1) * ticketCount));
            Assert.That(files.Select(f => f.TicketId), Is.EqualTo(tickets.Order(StringComparer.Ordinal)), "one claim file per Ticket");
            Assert.That(files.Where(f => f.Claim is null || f.Claim.PodName != won[f.TicketId][0]).Select(f => f.TicketId), Is.Empty,
                "each claim file names the process that reported winning it");
            Assert.That(history.Select(h => (h.Action, h.TicketId, h.PodName)).Order(),
                Is.EqualTo(won.Select(w => (ClaimAction.Claim, w.Key, w.Value[0])).Order()), "one history line per won claim");
        });
    }

    private static string Pod(int i) => $"racer-{i:00}";

    private static Dictionary<string, string> Env(RolesWorld world) => new()
    {
        ["YOI_DATA_DIR"] = world.Paths.Data,
        ["YOI_RUNTIME_DIR"] = world.Paths.Runtime,
        ["YOI_CONFIG_DIR"] = world.Paths.Config,
    };
}
