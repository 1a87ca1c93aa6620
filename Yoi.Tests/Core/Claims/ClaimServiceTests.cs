using Yoi.Core.Claims;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Claims;

public class ClaimServiceTests
{
    private const string Ticket = "00001KV09WYC6";
    private const string Owner = "ticket-intake-a";

    [Test]
    public void Claim_is_refused_when_another_live_pod_owns_the_ticket()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Owner);
        world.Listen(Owner);
        var service = world.Service();
        Assert.That(service.Claim(Ticket, null, Owner, "intake").Proceed, Is.True);

        var second = service.Claim(Ticket, null, "ticket-intake-b", "intake");
        Assert.That(second.Proceed, Is.False);
        Assert.That(second.OwnerStatus!.Kind, Is.EqualTo(ClaimStatusKind.Live));
        Assert.That(second.Refusal, Is.EqualTo(
            "Ticket 00001KV09WYC6 is already claimed by local Intake Pod ticket-intake-a (live); open that Pod instead of starting a second Intake."));
    }

    [Test]
    public void Claim_is_refused_with_restorable_status_when_the_owner_is_not_live()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Owner);
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");
        Assert.That(service.Claim(Ticket, null, "ticket-intake-b", "intake").Refusal, Does.Contain("Intake Pod ticket-intake-a (restorable)"));
    }

    [Test]
    public void Claim_on_a_stale_owner_is_refused_until_reclaimed_then_the_new_pod_owns_it()
    {
        using var world = new RolesWorld();
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");

        var refused = service.Claim(Ticket, null, "ticket-intake-b", "intake");
        Assert.That(refused.Refusal, Is.EqualTo(
            "Ticket 00001KV09WYC6 has a stale local Intake claim for ticket-intake-a (the Pod has no metadata: deleted or never created); " +
            "reclaim it and start a replacement with `yoi intake start 00001KV09WYC6 --reclaim`."));

        var (previous, current) = service.Reclaim(Ticket, "ticket-intake-b", "intake", force: false);
        Assert.That(previous.PodName, Is.EqualTo(Owner));
        Assert.That(current.Generation, Is.EqualTo(2));
        Assert.That(service.Claim(Ticket, null, "ticket-intake-b", "intake").Outcome, Is.TypeOf<ClaimOutcome.AlreadyOwned>());
        Assert.That(service.Claims.History.ForTicket(Ticket).Select(e => e.Action),
            Is.EqualTo(new[] { ClaimAction.Claim, ClaimAction.Reclaim }));
    }

    [Test]
    public void Reclaim_from_a_restorable_pod_needs_force()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Owner);
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");

        var refused = Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "ticket-intake-b", "intake", force: false))!;
        Assert.That(refused.Failure, Is.EqualTo(ClaimFailure.NotStale));
        Assert.That(refused.Message, Does.Contain("--force"));
        Assert.That(service.Reclaim(Ticket, "ticket-intake-b", "intake", force: true).Current.PodName, Is.EqualTo("ticket-intake-b"));
        Assert.That(service.Claims.History.ForTicket(Ticket)[^1].Reason, Is.EqualTo("forced: restorable"));
    }

    [Test]
    public void A_live_claim_can_be_neither_reclaimed_even_with_force_nor_released()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Owner);
        world.Listen(Owner);
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");

        Assert.That(Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "b", "intake", force: true))!.Failure,
            Is.EqualTo(ClaimFailure.PodLive));
        var release = Assert.Throws<ClaimOperationException>(() => service.Release(Ticket, force: true))!;
        Assert.That(release.Failure, Is.EqualTo(ClaimFailure.PodLive));
        Assert.That(release.Message, Does.Contain("ticket-intake-a, which is live"));
        Assert.That(service.Claims.Get(Ticket)!.PodName, Is.EqualTo(Owner));
    }

    [Test]
    public void A_pod_whose_socket_answers_is_never_released_even_if_its_metadata_is_missing()
    {
        using var world = new RolesWorld();
        world.Listen(Owner);
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");
        Assert.That(Assert.Throws<ClaimOperationException>(() => service.Release(Ticket, force: false))!.Failure,
            Is.EqualTo(ClaimFailure.PodLive));
    }

    [Test]
    public void Release_of_a_restorable_or_stale_claim_removes_it()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Owner);
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");
        service.Claim("00001KST95VPR", null, "gone", "intake");

        Assert.That(service.Release(Ticket, force: false)!.PodName, Is.EqualTo(Owner));
        Assert.That(service.Release("00001KST95VPR", force: false)!.PodName, Is.EqualTo("gone"));
        Assert.That(service.List(), Is.Empty);
        Assert.That(service.Claims.History.ForTicket(Ticket)[^1].Reason, Is.EqualTo("released while restorable"));
    }

    [Test]
    public void A_corrupt_claim_file_is_listed_and_removed_only_with_force()
    {
        using var world = new RolesWorld();
        Directory.CreateDirectory(world.Location.ClaimsDir);
        File.WriteAllText(world.Location.ClaimPath(Ticket), "{\"ticket_id\": 12");
        var service = world.Service();

        var view = service.List().Single();
        Assert.That(view.Status, Is.Null);
        Assert.That(view.File.IsCorrupt, Is.True);
        var refused = Assert.Throws<ClaimOperationException>(() => service.Release(Ticket, force: false))!;
        Assert.That(refused.Message, Does.Contain(world.Location.ClaimPath(Ticket)).And.Contain("--force"));
        Assert.That(Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "b", "intake", force: true))!.Failure,
            Is.EqualTo(ClaimFailure.Corrupt));

        Assert.That(service.Release(Ticket, force: true), Is.Null);
        Assert.That(File.Exists(world.Location.ClaimPath(Ticket)), Is.False);
        Assert.That(service.Claims.History.ForTicket(Ticket).Single().Reason, Does.StartWith("corrupt claim file removed"));
    }

    [Test]
    public void Reclaim_with_an_outdated_expected_generation_reports_a_concurrent_change()
    {
        using var world = new RolesWorld();
        var service = world.Service();
        service.Claim(Ticket, null, Owner, "intake");
        service.Reclaim(Ticket, "ticket-intake-b", "intake", force: false);
        var ex = Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "ticket-intake-c", "intake", false, expectedGeneration: 1))!;
        Assert.That(ex.Message, Does.StartWith("claim changed concurrently"));
    }

    [Test]
    public void Reclaim_or_release_naming_a_generation_the_claim_has_left_reports_the_change_even_while_its_owner_starts()
    {
        using var world = new RolesWorld();
        using var starter = System.Diagnostics.Process.Start("sleep", "30");
        try
        {
            // A claim whose claiming process is alive and whose Pod has no metadata yet: a launch under way.
            world.Claims(by: $"{starter.Id}@{Environment.MachineName}").Claim(Ticket, null, Owner, "intake");
            var service = world.Service();
            Assert.That(Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "ticket-intake-b", "intake", false))!.Failure,
                Is.EqualTo(ClaimFailure.Starting));

            var reclaim = Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "ticket-intake-b", "intake", false, expectedGeneration: 0))!;
            var release = Assert.Throws<ClaimOperationException>(() => service.Release(Ticket, false, expectedGeneration: 0))!;
            Assert.That(new[] { reclaim.Failure, release.Failure }, Is.All.EqualTo(ClaimFailure.ChangedConcurrently));
            Assert.That(reclaim.Message, Is.EqualTo(
                $"claim changed concurrently: Ticket {Ticket} is now generation 1 owned by {Owner} (expected generation 0); run `yoi claim list` and decide again"));
        }
        finally
        {
            starter.Kill();
        }
    }

    [Test]
    public void Reclaim_and_release_of_a_missing_claim_say_so()
    {
        using var world = new RolesWorld();
        var service = world.Service();
        Assert.That(Assert.Throws<ClaimOperationException>(() => service.Reclaim(Ticket, "b", "intake", false))!.Failure, Is.EqualTo(ClaimFailure.NotFound));
        Assert.That(Assert.Throws<ClaimOperationException>(() => service.Release(Ticket, false))!.Message, Does.Contain("yoi claim list"));
    }
}
