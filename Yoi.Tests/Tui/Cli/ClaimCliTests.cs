using System.Diagnostics;
using System.Text.Json;
using Yoi.Core.Claims;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

/// <summary>`yoi claim …`: races and crash points as real child processes of the built yoi, the rest in-process.</summary>
public class ClaimCliTests
{
    private const string Ticket = "00001KV09WYC6";

    private sealed record Result(int ExitCode, string Out, string Err);

    private static ProcessStartInfo Start(RolesWorld world, IEnumerable<string> args, string? crashAt = null)
    {
        var info = YoiProcess.StartInfo(args, workingDirectory: world.Workspace);
        info.RedirectStandardInput = false;
        info.Environment["YOI_DATA_DIR"] = world.Paths.Data;
        info.Environment["YOI_RUNTIME_DIR"] = world.Paths.Runtime;
        info.Environment["YOI_CONFIG_DIR"] = world.Paths.Config;
        info.Environment.Remove(CrashPoint.Variable);
        if (crashAt is not null) info.Environment[CrashPoint.Variable] = crashAt;
        return info;
    }

    private static Result Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) { process.Kill(true); Assert.Fail("yoi did not exit within 60 s"); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>`yoi ARGS` in-process, in the world's workspace (<c>-w</c> unless the arguments name one).</summary>
    private static Result Yoi(RolesWorld world, params string[] args)
    {
        var result = InProcessYoi.Run(YoiProcess.EnvFor(world.Paths), args.Contains("--workspace") ? args : [.. args, "-w", world.Workspace]);
        return new Result(result.ExitCode, result.Stdout, result.Stderr);
    }

    [Test]
    [Category("Integration")]
    public void Sixteen_processes_racing_to_claim_one_ticket_produce_one_winner_and_fifteen_refusals_naming_it()
    {
        using var world = new RolesWorld();
        var processes = Enumerable.Range(0, 16)
            .Select(i => Process.Start(Start(world, ["claim", "take", Ticket, "--pod", $"ticket-intake-{i:00}"]))!)
            .ToList();
        var results = processes.Select(Finish).ToList();
        processes.ForEach(p => p.Dispose());

        var winners = results.Where(r => r.ExitCode == 0).ToList();
        Assert.That(winners, Has.Count.EqualTo(1), string.Join("\n", results.Select(r => $"{r.ExitCode} {r.Out}{r.Err}")));
        var owner = world.Claims().Get(Ticket)!.PodName;
        Assert.That(winners[0].Out, Does.Contain($"Claimed Ticket {Ticket} for {owner}"));
        // A loser that looks while the winning process still runs is told it is being started right now; later ones see
        // the winner's claim stale (that process claimed and exited without a Pod). Either way the owner is named.
        Assert.That(results.Where(r => r.ExitCode != 0), Has.All.Matches<Result>(r => r.ExitCode == 1
            && (r.Err.Contains($"has a stale local Intake claim for {owner}", StringComparison.Ordinal)
                || r.Err.Contains($"is being started by {owner} right now", StringComparison.Ordinal))));
        Assert.That(world.Claims().History.ForTicket(Ticket).Select(e => e.PodName), Is.EqualTo(new[] { owner }));
    }

    [Test]
    [Category("Integration")]
    public void Two_concurrent_reclaim_processes_of_one_generation_let_exactly_one_win()
    {
        using var world = new RolesWorld();
        world.Claims(by: "1@gone-host").Claim(Ticket, null, "ticket-intake-old", "intake");
        var processes = new[] { "ticket-intake-x", "ticket-intake-y" }
            .Select(pod => Process.Start(Start(world, ["claim", "reclaim", Ticket, "--pod", pod, "--generation", "1"]))!)
            .ToList();
        var results = processes.Select(Finish).ToList();
        processes.ForEach(p => p.Dispose());

        Assert.That(results.Count(r => r.ExitCode == 0), Is.EqualTo(1), string.Join("\n", results.Select(r => r.Out + r.Err)));
        var loser = results.Single(r => r.ExitCode != 0);
        Assert.That(loser.ExitCode, Is.EqualTo(1));
        Assert.That(loser.Err, Does.StartWith("yoi: claim changed concurrently"));
        Assert.That(world.Claims().Get(Ticket)!.Generation, Is.EqualTo(2));
    }

    [Test]
    [Category("Integration")]
    public void List_shows_every_claim_with_its_derived_status_and_reason_as_text_and_json()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        world.WriteMetadata("pod-live");
        world.Listen("pod-live");
        world.WriteMetadata("pod-rest");
        world.WriteMetadata("pod-away", "/repo/other");
        claims.Claim("T1", null, "pod-live", "intake");
        claims.Claim("T2", "slug-2", "pod-rest", "intake");
        claims.Claim("T3", null, "pod-away", "intake");
        claims.Claim("T4", null, "pod-gone", "intake");

        var text = Yoi(world, "claim", "list");
        Assert.That(text.ExitCode, Is.EqualTo(0), text.Err);
        var lines = text.Out.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Does.Match("^TICKET +POD +ROLE +GEN +STATUS +REASON$"));
        Assert.That(lines[1], Does.Match("^T1 +pod-live +intake +1 +live$"));
        Assert.That(lines[2], Does.Match("^T2 +pod-rest +intake +1 +restorable$"));
        Assert.That(lines[3], Does.Match("^T3 +pod-away +intake +1 +stale +the Pod belongs to another workspace: /repo/other$"));
        Assert.That(lines[4], Does.Match("^T4 +pod-gone +intake +1 +stale +the Pod has no metadata"));

        var json = Yoi(world, "claim", "list", "--json", "--workspace", world.Workspace);
        Assert.That(json.ExitCode, Is.EqualTo(0), json.Err);
        using var document = JsonDocument.Parse(json.Out);
        Assert.That(document.RootElement.GetProperty("workspace_root").GetString(), Is.EqualTo(world.Workspace));
        var rows = document.RootElement.GetProperty("claims").EnumerateArray()
            .Select(c => $"{c.GetProperty("ticket_id")}:{c.GetProperty("status")}:{(c.TryGetProperty("reason", out var r) ? r.GetString() : "")}")
            .ToList();
        Assert.That(rows, Is.EqualTo(new[] { "T1:live:", "T2:restorable:", "T3:stale:other_workspace", "T4:stale:no_metadata" }));
        Assert.That(document.RootElement.GetProperty("claims")[1].GetProperty("ticket_slug").GetString(), Is.EqualTo("slug-2"));
    }

    [Test]
    [Category("Integration")]
    public void Release_refuses_a_live_pod_and_reclaim_needs_stale_or_force()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        world.WriteMetadata("pod-live");
        world.Listen("pod-live");
        world.WriteMetadata("pod-rest");
        claims.Claim("T1", null, "pod-live", "intake");
        claims.Claim("T2", null, "pod-rest", "intake");

        var live = Yoi(world, "claim", "release", "T1");
        Assert.That((live.ExitCode, live.Err), Is.EqualTo((1, "yoi: " + ClaimMessages.PodLive(claims.Get("T1")!, "released") + "\n")));
        var restorable = Yoi(world, "claim", "reclaim", "T2", "--pod", "pod-new");
        Assert.That(restorable.ExitCode, Is.EqualTo(1));
        Assert.That(restorable.Err, Does.Contain("restorable").And.Contain("--force"));
        var forced = Yoi(world, "claim", "reclaim", "T2", "--pod", "pod-new", "--force");
        Assert.That((forced.ExitCode, forced.Out), Is.EqualTo((0, "Reclaimed Ticket T2 from pod-rest for pod-new (generation 2).\n")));
        var released = Yoi(world, "claim", "release", "T2");
        Assert.That((released.ExitCode, released.Out), Is.EqualTo((0, "Released Ticket T2 (was claimed by pod-new, generation 2).\n")));
        Assert.That(claims.History.Read().Entries.Select(e => $"{e.Action}:{e.TicketId}:{e.PodName}"), Is.EqualTo(new[]
        {
            "Claim:T1:pod-live", "Claim:T2:pod-rest", "Reclaim:T2:pod-new", "Release:T2:pod-new",
        }));
    }

    [Test]
    [Category("Integration")]
    public void A_claimer_killed_after_writing_its_temp_file_leaves_no_claim_and_the_next_claim_succeeds()
    {
        using var world = new RolesWorld();
        using (var crashed = Process.Start(Start(world, ["claim", "take", Ticket, "--pod", "ticket-intake-a"], CrashPoint.ClaimAfterTemp))!)
        {
            var result = Finish(crashed);
            Assert.That(result.ExitCode, Is.EqualTo(137), "the crash point SIGKILLs the process");
        }
        Assert.That(File.Exists(world.Location.ClaimPath(Ticket)), Is.False);
        Assert.That(world.Claims().List(), Is.Empty, "the leftover temp file is not a claim");

        var next = Yoi(world, "claim", "take", Ticket, "--pod", "ticket-intake-b");
        Assert.That(next.ExitCode, Is.EqualTo(0), next.Err);
        Assert.That(world.Claims().Get(Ticket)!.PodName, Is.EqualTo("ticket-intake-b"));
    }

    [TestCase(new[] { "claim", "take", "", "--pod", "p" }, 2, "ticket id is empty")]
    [TestCase(new[] { "claim", "take", "T1", "--pod", "a/b" }, 2, "path separator")]
    [TestCase(new[] { "claim", "list", "--workspace", "/nonexistent/ws" }, 2, "workspace /nonexistent/ws does not exist")]
    [TestCase(new[] { "claim", "release", "T9" }, 1, "Ticket T9 has no local claim")]
    [Category("Integration")]
    public void Bad_input_and_failed_operations_give_one_line_errors_and_exit_codes(string[] args, int exitCode, string message)
    {
        using var world = new RolesWorld();
        var result = Yoi(world, args);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Err);
        Assert.That(result.Err, Does.StartWith("yoi: ").And.Contain(message));
        Assert.That(result.Err.TrimEnd('\n'), Does.Not.Contain("\n"), "no stack trace");
    }

    [Test]
    [Category("Integration")]
    public void Reclaim_without_pod_gives_a_stale_intake_claim_to_the_tickets_standard_intake_pod()
    {
        using var world = new RolesWorld();
        Assert.That(world.Claims(by: "1@elsewhere").Claim(Ticket, null, "gone-intake", "intake"), Is.InstanceOf<ClaimOutcome.Claimed>());
        var pod = "ticket-intake-" + Ticket.ToLowerInvariant();

        var result = Yoi(world, "claim", "reclaim", Ticket, "--workspace", world.Workspace);

        Assert.That(result.ExitCode, Is.Zero, result.Err);
        Assert.That(result.Out, Is.EqualTo($"Reclaimed Ticket {Ticket} from gone-intake for {pod} (generation 2).\n"));
        Assert.That(world.Claims().Get(Ticket)!.PodName, Is.EqualTo(pod));
        var other = Yoi(world, "claim", "reclaim", Ticket, "--workspace", world.Workspace, "--role", "orchestrator");
        Assert.That(other.ExitCode, Is.EqualTo(2));
        Assert.That(other.Err, Does.Contain("--pod is required for role orchestrator; only intake claims have a standard Pod name"));
    }
}
