using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Yoi.Core.Claims;
using Yoi.Core.Registry;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Claims;

public class TicketClaimsTests
{
    private const string Ticket = "00001KV09WYC6";
    private static readonly DateTimeOffset T0 = new(2026, 6, 13, 10, 54, 31, 814, TimeSpan.Zero);

    [Test]
    public void A_claim_file_stores_non_ascii_as_utf8_like_pod_files_and_an_escaped_one_written_before_still_reads()
    {
        using var world = new RolesWorld();
        var claims = world.Claims(new FakeTimeProvider(T0), "42@host");

        claims.Claim(Ticket, "ログイン画面", "ticket-intake-a", "intake");

        var text = File.ReadAllText(world.Location.ClaimPath(Ticket));
        Assert.That(text, Does.Contain("\"ticket_slug\": \"ログイン画面\"").And.Not.Contain("\\u"));
        File.WriteAllText(world.Location.ClaimPath(Ticket), text.Replace("ログイン画面", "\\u30ED\\u30B0\\u30A4\\u30F3\\u753B\\u9762", StringComparison.Ordinal));
        Assert.That(claims.Get(Ticket)!.TicketSlug, Is.EqualTo("ログイン画面"));
    }

    [Test]
    public void The_first_claim_creates_the_file_and_a_second_pod_gets_the_owner()
    {
        using var world = new RolesWorld();
        var claims = world.Claims(new FakeTimeProvider(T0), "42@host");

        var first = claims.Claim(Ticket, "fix-x", "ticket-intake-a", "intake");
        var second = claims.Claim(Ticket, "other-slug", "ticket-intake-b", "intake");

        Assert.That(first, Is.TypeOf<ClaimOutcome.Claimed>());
        Assert.That(second, Is.TypeOf<ClaimOutcome.OwnedByOther>());
        Assert.That(second.Claim.PodName, Is.EqualTo("ticket-intake-a"));
        Assert.That(second.Claim.TicketSlug, Is.EqualTo("fix-x"));
        Assert.That(File.ReadAllText(world.Location.ClaimPath(Ticket)), Is.EqualTo("""
            {
              "ticket_id": "00001KV09WYC6",
              "ticket_slug": "fix-x",
              "pod_name": "ticket-intake-a",
              "role": "intake",
              "generation": 1,
              "claimed_at": "2026-06-13T10:54:31.814Z",
              "claimed_by": "42@host"
            }

            """));
    }

    [Test]
    public void The_same_pod_and_role_is_already_owned_but_the_same_pod_with_another_role_is_not()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        claims.Claim(Ticket, null, "ticket-intake-a", "intake");
        var before = File.ReadAllBytes(world.Location.ClaimPath(Ticket));

        Assert.That(claims.Claim(Ticket, null, "ticket-intake-a", "intake"), Is.TypeOf<ClaimOutcome.AlreadyOwned>());
        Assert.That(claims.Claim(Ticket, null, "ticket-intake-a", "planner"), Is.TypeOf<ClaimOutcome.OwnedByOther>());
        Assert.That(File.ReadAllBytes(world.Location.ClaimPath(Ticket)), Is.EqualTo(before), "a refused claim changes nothing");
        Assert.That(claims.History.ForTicket(Ticket).Select(e => e.Action), Is.EqualTo(new[] { ClaimAction.Claim }));
    }

    [Test]
    public void Threads_racing_to_claim_one_ticket_produce_exactly_one_winner()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        var outcomes = new ClaimOutcome[12];
        Parallel.For(0, outcomes.Length, i => outcomes[i] = claims.Claim(Ticket, null, $"pod-{i}", "intake"));
        var winner = outcomes.OfType<ClaimOutcome.Claimed>().Single();
        Assert.That(outcomes.OfType<ClaimOutcome.OwnedByOther>().Select(o => o.Claim.PodName), Is.All.EqualTo(winner.Claim.PodName));
        Assert.That(Directory.GetFiles(world.Location.ClaimsDir).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { $"{Ticket}.json", "history.jsonl" }), "no temp file is left behind");
    }

    [Test]
    public void A_concurrent_reader_never_sees_a_partial_claim()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        var path = world.Location.ClaimPath(Ticket);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var seen = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] bytes;
                try { bytes = File.ReadAllBytes(path); }
                catch (FileNotFoundException) { reads++; continue; }
                catch (DirectoryNotFoundException) { reads++; continue; }
                var claim = JsonSerializer.Deserialize<JsonElement>(bytes);
                Assert.That(claim.GetProperty("pod_name").GetString(), Does.StartWith("pod-"));
                reads++;
                seen++;
            }
        });
        for (var i = 0; i < 60; i++)
        {
            var claimed = claims.Claim(Ticket, null, $"pod-{i}", "intake").Claim;
            var reclaimed = claims.Reclaim(Ticket, claimed.Generation, $"pod-{i}-b", "intake");
            claims.Release(Ticket, reclaimed.Generation);
        }
        stop.Cancel();
        reader.Wait();
        Assert.That(reads, Is.GreaterThan(0));
        Assert.That(seen, Is.GreaterThan(0), "the reader observed at least one claim");
    }

    [Test]
    public void Reclaim_replaces_the_owner_with_the_next_generation_only_when_the_generation_is_unchanged()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        claims.Claim(Ticket, "fix-x", "ticket-intake-a", "intake");

        var reclaimed = claims.Reclaim(Ticket, 1, "ticket-intake-b", "intake");
        Assert.That(reclaimed.Generation, Is.EqualTo(2));
        Assert.That(reclaimed.TicketSlug, Is.EqualTo("fix-x"));
        Assert.That(claims.Get(Ticket), Is.EqualTo(reclaimed));

        var stale = Assert.Throws<ClaimOperationException>(() => claims.Reclaim(Ticket, 1, "ticket-intake-c", "intake"))!;
        Assert.That(stale.Failure, Is.EqualTo(ClaimFailure.ChangedConcurrently));
        Assert.That(stale.Message, Does.StartWith("claim changed concurrently"));
        Assert.That(claims.Get(Ticket)!.PodName, Is.EqualTo("ticket-intake-b"));
    }

    [Test]
    public void Two_concurrent_reclaims_of_one_generation_let_exactly_one_win()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        claims.Claim(Ticket, null, "ticket-intake-a", "intake");
        using var start = new Barrier(2);
        var results = new object[2];
        Parallel.For(0, 2, i =>
        {
            start.SignalAndWait();
            try { results[i] = claims.Reclaim(Ticket, 1, $"new-{i}", "intake"); }
            catch (ClaimOperationException ex) { results[i] = ex; }
        });
        var won = results.OfType<TicketClaim>().Single();
        var lost = results.OfType<ClaimOperationException>().Single();
        Assert.That(won.Generation, Is.EqualTo(2));
        Assert.That(lost.Failure, Is.EqualTo(ClaimFailure.ChangedConcurrently));
        Assert.That(claims.Get(Ticket), Is.EqualTo(won));
    }

    [Test]
    public void Release_deletes_the_claim_only_at_the_expected_generation_and_a_new_claim_starts_over()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        claims.Claim(Ticket, null, "ticket-intake-a", "intake");
        Assert.That(Assert.Throws<ClaimOperationException>(() => claims.Release(Ticket, 7))!.Failure, Is.EqualTo(ClaimFailure.ChangedConcurrently));
        claims.Release(Ticket, 1);
        Assert.That(claims.Find(Ticket), Is.Null);
        Assert.That(Assert.Throws<ClaimOperationException>(() => claims.Release(Ticket, 1))!.Failure, Is.EqualTo(ClaimFailure.NotFound));
        Assert.That(claims.Claim(Ticket, null, "ticket-intake-b", "intake"), Is.TypeOf<ClaimOutcome.Claimed>());
    }

    [Test]
    public void History_records_claim_reclaim_release_and_claim_in_order_with_the_previous_owner()
    {
        using var world = new RolesWorld();
        var claims = world.Claims(by: "7@h");
        claims.Claim(Ticket, null, "ticket-intake-a", "intake");
        claims.Claim("00001KST95VPR", null, "ticket-intake-z", "intake");
        claims.Reclaim(Ticket, 1, "ticket-intake-b", "intake", "stale: no_metadata");
        claims.Release(Ticket, 2);
        claims.Claim(Ticket, null, "ticket-intake-c", "intake");

        var history = claims.History.ForTicket(Ticket);
        Assert.That(history.Select(e => (e.Action, e.PodName, e.Generation)), Is.EqualTo(new[]
        {
            (ClaimAction.Claim, "ticket-intake-a", 1L),
            (ClaimAction.Reclaim, "ticket-intake-b", 2L),
            (ClaimAction.Release, "ticket-intake-b", 2L),
            (ClaimAction.Claim, "ticket-intake-c", 1L),
        }));
        Assert.That(history[1].PreviousPodName, Is.EqualTo("ticket-intake-a"));
        Assert.That(history[1].PreviousGeneration, Is.EqualTo(1));
        Assert.That(history[1].Reason, Is.EqualTo("stale: no_metadata"));
        Assert.That(history.Select(e => e.By), Is.All.EqualTo("7@h"));
        Assert.That(File.ReadAllLines(world.Location.HistoryFile), Has.Length.EqualTo(5));
    }

    [Test]
    public void A_torn_history_line_is_skipped_and_reported()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        claims.Claim(Ticket, null, "ticket-intake-a", "intake");
        File.AppendAllText(world.Location.HistoryFile, "{\"at\":\"2026");
        var read = claims.History.Read();
        Assert.That(read.Entries, Has.Count.EqualTo(1));
        Assert.That(read.Problems.Single(), Does.Contain("history.jsonl:2"));
    }

    [Test]
    public void Listing_ignores_temp_files_sorts_by_ticket_and_reports_corrupt_claims_instead_of_failing()
    {
        using var world = new RolesWorld();
        var claims = world.Claims();
        claims.Claim("B-2", null, "pod-b", "intake");
        claims.Claim("A/1", null, "pod-a", "intake");
        File.WriteAllText(Path.Combine(world.Location.ClaimsDir, ".B-2.json.1.abc.tmp"), "{");
        File.WriteAllText(Path.Combine(world.Location.ClaimsDir, "C%203.json"), "{\"ticket_id\":");

        var list = claims.List();
        Assert.That(list.Select(f => f.TicketId), Is.EqualTo(new[] { "A/1", "B-2", "C 3" }));
        Assert.That(list[2].IsCorrupt, Is.True);
        Assert.That(list[2].Problem, Is.Not.Empty);
        Assert.That(Assert.Throws<RegistryException>(() => claims.Get("C 3"))!.Message, Does.Contain("yoi claim release C 3 --force"));
        Assert.That(() => claims.Claim("C 3", null, "pod-c", "intake"), Throws.TypeOf<RegistryException>());
    }

    [Test]
    public void A_claim_written_by_the_original_without_generation_counts_as_generation_one()
    {
        using var world = new RolesWorld();
        Directory.CreateDirectory(world.Location.ClaimsDir);
        File.WriteAllText(world.Location.ClaimPath(Ticket), """{"ticket_id":"00001KV09WYC6","pod_name":"p","role":"intake"}""");
        var claims = world.Claims();
        Assert.That(claims.Get(Ticket)!.Generation, Is.EqualTo(1));
        Assert.That(claims.Reclaim(Ticket, 1, "q", "intake").Generation, Is.EqualTo(2));
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("a\nb")]
    public void Unusable_ticket_ids_are_refused_with_the_reason(string id)
    {
        using var world = new RolesWorld();
        Assert.That(() => world.Claims().Claim(id, null, "p", "intake"), Throws.ArgumentException.With.Message.Contain("ticket id"));
    }
}
