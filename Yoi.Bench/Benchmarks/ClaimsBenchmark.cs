using System.Diagnostics;
using Yoi.Core.Claims;
using Yoi.Core.Registry;

namespace Yoi.Bench.Benchmarks;

/// <summary>
/// 8 processes (<see cref="ClaimsWorker"/>) race to claim the same 500 Tickets through the product's
/// <see cref="TicketClaims"/> (create-if-absent under the registry flock). Each run uses a fresh registry; the workers
/// start together on one signal. Checked afterwards: exactly 500 claim files, each readable with one owner among the
/// workers, the workers' Claimed outcomes sum to 500 and the history holds 500 claim lines.
/// </summary>
internal sealed class ClaimsBenchmark : IBenchmark
{

    public string Name => "claims";
    public string Description => "8 processes racing to claim the same 500 Tickets: exactly 500 claims, one owner each; claims/s";

    public void Run(BenchReport report, BenchOptions options)
    {
        var tickets = options.Pick(500, 12);
        var processes = options.Pick(8, 3);
        using var home = new BenchHome("claims");
        var workers = Enumerable.Range(0, processes).Select(i => SelfProcess.Start([ClaimsWorker.Mode, $"racer{i}", options.Pick(50, 3).ToString()])).ToList();
        try
        {
            foreach (var w in workers) Expect(w, "ready");
            var rates = new List<double>();
            var runs = options.Runs;
            for (var run = 0; run <= runs; run++)
            {
                var dir = Path.Combine(home.Root, $"registry{run}");
                var started = Stopwatch.GetTimestamp();
                foreach (var w in workers) w.StandardInput.WriteLine($"{dir} {tickets}");
                foreach (var w in workers) w.StandardInput.Flush();
                var results = workers.Select(w => Expect(w, "done ").Split(' ')).ToList();
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Verify(dir, tickets, processes, results.Sum(r => int.Parse(r[1])), results.Sum(r => int.Parse(r[2])));
                if (run > 0) rates.Add(tickets / seconds);
            }
            report.Figure("claims_per_s", Stats.Median(rates), "claims/s");
            report.Figure("attempts_per_s", Stats.Median(rates) * processes, "attempts/s");
            report.Figure("processes", processes, "processes");
            report.Figure("claims", tickets, "claims");
            report.Figure("owners_per_ticket", 1, "owner");
        }
        finally
        {
            foreach (var w in workers)
            {
                w.StandardInput.Close();
                if (!w.WaitForExit(10_000)) w.Kill();
                w.Dispose();
            }
        }
    }

    private static string Expect(System.Diagnostics.Process worker, string prefix)
    {
        var line = worker.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"claims worker {worker.Id} said `{line}` instead of `{prefix}…`: {worker.StandardError.ReadToEnd()}");
        return line;
    }

    private static void Verify(string dir, int tickets, int processes, int claimedOutcomes, int refusedOutcomes)
    {
        var claims = new TicketClaims(RegistryLocation.AtDirectory(dir), TimeProvider.System);
        var files = claims.List();
        var owners = files.Select(f => f.Claim?.PodName).ToList();
        var problems = new List<string>();
        if (files.Count != tickets) problems.Add($"{files.Count} claim files");
        if (owners.Any(o => o is null || !o.StartsWith("racer", StringComparison.Ordinal))) problems.Add("a claim without a racer owner");
        if (files.Select(f => f.TicketId).Distinct().Count() != tickets) problems.Add("duplicate Ticket ids");
        for (var i = 0; i < tickets; i++)
            if (claims.Get(ClaimsWorker.TicketIdOf(i)) is null) problems.Add($"Ticket {ClaimsWorker.TicketIdOf(i)} unclaimed");
        if (claimedOutcomes != tickets) problems.Add($"{claimedOutcomes} Claimed outcomes");
        if (refusedOutcomes != tickets * (processes - 1)) problems.Add($"{refusedOutcomes} refusals (expected {tickets * (processes - 1)})");
        var history = claims.History.Read();
        var historyClaims = history.Entries.Count(e => e.Action == ClaimAction.Claim);
        if (historyClaims != tickets || history.Problems.Count > 0) problems.Add($"{historyClaims} claim history lines, {history.Problems.Count} unreadable");
        if (problems.Count > 0)
            throw new InvalidOperationException($"claim race in {dir} broke the invariant (expected {tickets} claims, one owner each): {string.Join("; ", problems)}");
    }
}
