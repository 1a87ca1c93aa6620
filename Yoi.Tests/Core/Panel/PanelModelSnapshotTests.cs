using Yoi.Core.Workflows;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel;

public sealed class PanelModelSnapshotTests
{
    [Test]
    public void Without_a_ticket_root_the_panel_shows_pods_only_with_the_companion_target()
    {
        using var world = new PanelWorld(withTickets: false);
        world.StoredPod("alpha");
        world.StoredPod(world.Companion, role: "companion");
        world.StoredPod("elsewhere", workspace: "/tmp/another-workspace");

        var model = world.Observe();

        Assert.That(model.Header.TicketConfig, Is.EqualTo(TicketConfigState.Absent));
        Assert.That(model.Header.Orchestrator, Is.Null);
        Assert.That(model.Targets, Is.EqualTo(new[] { ComposerTarget.Companion }));
        Assert.That(model.Diagnostics, Is.Empty);
        Assert.That(model.Pods.Select(p => p.Name), Does.Not.Contain("elsewhere"));
        Snapshot.Match(world.Text(model));
    }

    [Test]
    public void An_unusable_config_hides_only_the_ticket_part_and_says_why()
    {
        using var world = new PanelWorld(config: """{ "tickets": { "root": 42 } }""");
        world.Ticket("Never shown");
        world.StoredPod("alpha");

        var model = world.Observe();

        Assert.That(model.Header.TicketConfig, Is.EqualTo(TicketConfigState.Unusable));
        Assert.That(model.TicketRows, Is.Empty);
        Assert.That(model.Header.Orchestrator!.State, Is.EqualTo(RoleState.Unavailable));
        Assert.That(model.Diagnostics[0], Does.StartWith("Ticket config is unusable:").And.Contain("$.tickets.root"));
        Snapshot.Match(world.Text(model));
    }

    [Test]
    public void Claims_show_live_restorable_and_every_stale_reason_with_reclaim_offered()
    {
        using var world = new PanelWorld();
        var live = world.Ticket("Live claim");
        var restorable = world.Ticket("Restorable claim");
        var gone = world.Ticket("Claim of a deleted Pod");
        var corrupt = world.Ticket("Claim of a corrupt Pod");
        var foreign = world.Ticket("Claim of another workspace's Pod");
        var related = world.Ticket("Related sessions only", TicketState.Ready);
        world.StartPod("intake-live", role: "intake");
        world.Claim(live, "intake-live");
        world.StoredPod("intake-stored", role: "intake");
        world.Claim(restorable, "intake-stored");
        world.Claim(gone, "intake-gone");
        world.CorruptPod("intake-corrupt");
        world.Claim(corrupt, "intake-corrupt");
        world.StoredPod("intake-foreign", workspace: "/tmp/another-workspace", role: "intake");
        world.Claim(foreign, "intake-foreign");
        world.Session("intake-zeta", related);
        world.Session("intake-stored", related);
        world.Session("intake-live", live);
        world.Session("pre-ticket");

        var model = world.Observe();

        var rows = model.TicketRows.ToDictionary(r => r.Id);
        Assert.Multiple(() =>
        {
            Assert.That(rows[live].Claim!.StatusLabel, Is.EqualTo("live"));
            Assert.That(rows[restorable].Claim!.StatusLabel, Is.EqualTo("restorable"));
            Assert.That(rows[gone].Claim!.StatusLabel, Is.EqualTo("stale (no pod metadata)"));
            Assert.That(rows[corrupt].Claim!.StatusLabel, Is.EqualTo("stale (metadata corrupt)"));
            Assert.That(rows[foreign].Claim!.StatusLabel, Is.EqualTo("stale (belongs to another workspace)"));
            Assert.That(rows.Values.Where(r => r.ReclaimOffered).Select(r => r.Id), Is.EquivalentTo(new[] { gone, corrupt, foreign }));
            Assert.That(rows[related].IntakePods, Is.EqualTo(new[] { "intake-stored", "intake-zeta" }));
            Assert.That(rows[live].IntakePods, Is.EqualTo(new[] { "intake-live" }), "the claim and its own session appear once");
        });
        Snapshot.Match(world.Text(model));
    }

    [Test]
    public void Blockers_wait_with_the_gate_whether_active_or_soft()
    {
        using var world = new PanelWorld();
        var prerequisite = world.Ticket("Prerequisite still planning");
        var running = world.Ticket("Prerequisite in progress", TicketState.InProgress);
        var hard = world.Ticket("Ready but depends on planning work", TicketState.Ready);
        var soft = world.Ticket("Ready and depends on running work", TicketState.Ready);
        var blockedPlanning = world.Ticket("Planning and blocked");
        var free = world.Ticket("Ready without blockers", TicketState.Ready);
        world.Tickets.AddRelation(hard, "depends_on", prerequisite);
        world.Tickets.AddRelation(soft, "depends_on", running);
        world.Tickets.AddRelation(running, "blocks", blockedPlanning);
        world.Tickets.AddRelation(free, "related", prerequisite);

        var model = world.Observe();

        var rows = model.TicketRows.ToDictionary(r => r.Id);
        Assert.Multiple(() =>
        {
            Assert.That(rows[hard].TicketAction, Is.EqualTo(PanelAction.Wait));
            Assert.That(rows[hard].ActionLabel, Is.EqualTo("queue disabled"));
            Assert.That(rows[soft].TicketAction, Is.EqualTo(PanelAction.Wait));
            Assert.That(rows[soft].DisabledReason, Does.Contain("already queued/in progress"));
            Assert.That(rows[blockedPlanning].TicketAction, Is.EqualTo(PanelAction.Wait), "a blocked planning Ticket gets Wait, not Clarify");
            Assert.That(rows[free].TicketAction, Is.EqualTo(PanelAction.Queue));
        });
        Snapshot.Match(world.Text(model));
    }

    [Test]
    public void Invalid_records_become_placeholders_next_to_valid_tickets_that_keep_their_actions()
    {
        using var world = new PanelWorld();
        var good = world.Ticket("Valid neighbour", TicketState.Ready);
        var broken = world.Ticket("Broken relations");
        File.WriteAllText(Path.Combine(world.TicketsRoot, broken, "artifacts", "relations.json"), "{ nope");
        Directory.CreateDirectory(Path.Combine(world.TicketsRoot, "not-a-ticket-id"));
        File.WriteAllText(Path.Combine(world.TicketsRoot, "not-a-ticket-id", "item.md"), "---\ntitle: x\n---\n");
        var badState = world.Ticket("Bad state");
        var item = Path.Combine(world.TicketsRoot, badState, "item.md");
        var text = File.ReadAllLines(item).Select(l => l.StartsWith("state:", StringComparison.Ordinal) ? "state: almost" : l);
        File.WriteAllLines(item, text);

        var model = world.Observe();

        Assert.That(model.Ticket(good)!.TicketAction, Is.EqualTo(PanelAction.Queue));
        Assert.That(model.Ticket(broken), Is.Null);
        Assert.That(model.Rows.OfType<InvalidTicketRow>().Select(r => r.Label), Is.EquivalentTo(new[] { broken, badState, "invalid ticket record" }));
        Assert.That(model.Diagnostics, Has.Some.StartsWith("Ticket records partially loaded: 3 invalid record(s)"));
        Snapshot.Match(world.Text(model));
    }

    [Test]
    public void Pod_sections_show_pending_working_and_at_most_three_closed_with_markers()
    {
        using var world = new PanelWorld(withTickets: false);
        world.StartPod("idle-one");
        world.StartPod("idle-two");
        world.Control.NotifyAsync("idle-one", "fyi", autoRun: false).GetAwaiter().GetResult();
        // A one-shot notify returns once written; the Pod queues it a moment later (group commit).
        Poll.Until(() => world.Control.ProbeAsync("idle-one", TimeSpan.FromSeconds(5)).GetAwaiter().GetResult().PendingNotifications == 1,
            TimeSpan.FromSeconds(20), "the weak notify is queued in idle-one");
        new Yoi.Core.Pods.PeerLinks(world.Metadata).EnsureExisting("idle-one", "idle-two");
        for (var i = 1; i <= 5; i++) world.StoredPod($"closed-{i}");
        world.StoredPod("never-ran", restorable: false);

        var model = world.Observe();

        Assert.That(model.Pod("idle-one")!.PendingNotifications, Is.EqualTo(1));
        Assert.That(model.Pod("idle-one")!.Peers, Is.EqualTo(new[] { "idle-two" }));
        Assert.That(model.Rows.OfType<PodRow>().Count(p => p.Section == PanelSection.Closed), Is.EqualTo(3));
        Assert.That(model.Pods, Has.Count.EqualTo(8));
        Snapshot.Match(world.Text(model));
    }

    [Test]
    public void Orchestration_overlay_ahead_of_local_state_turns_rows_into_wait_with_merge_pending_or_progress()
    {
        using var world = new PanelWorld();
        var progressing = world.Ticket("Queued here, in progress there", TicketState.Queued);
        var merged = world.Ticket("Queued here, done there", TicketState.Queued);
        var behind = world.Ticket("Ready here, planning there", TicketState.Ready);
        world.InitGit();
        world.AddWorktree();
        var remote = world.WorktreeTickets;
        remote.SetWorkflowState(progressing, TicketState.Queued, TicketState.InProgress, "orchestrator_acceptance", "Accepted.");
        remote.SetWorkflowState(merged, TicketState.Queued, TicketState.InProgress, "orchestrator_acceptance", "Accepted.");
        remote.SetWorkflowState(merged, TicketState.InProgress, TicketState.Done, "merged_validated", "Merged.");
        remote.ReturnToPlanning(behind, "Back to planning.");

        var model = world.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(model.Ticket(progressing)!.StateLabel, Is.EqualTo("q→prog"));
            Assert.That(model.Ticket(progressing)!.TicketAction, Is.EqualTo(PanelAction.Wait));
            Assert.That(model.Ticket(merged)!.Kind, Is.EqualTo(TicketRowKind.Review));
            Assert.That(model.Ticket(merged)!.Hint, Is.EqualTo("Merge pending: local: queued · orchestration: done"));
            Assert.That(model.Ticket(behind)!.Overlay, Is.Null, "an overlay behind the local state is ignored");
            Assert.That(model.Ticket(behind)!.TicketAction, Is.EqualTo(PanelAction.Queue));
        });
        Snapshot.Match(world.Text(model));

        world.GitIn(world.WorktreePath, "checkout", "-q", "-b", "elsewhere");
        var wrongBranch = world.Observe();
        Assert.That(wrongBranch.Ticket(progressing)!.Overlay, Is.Null);
        Assert.That(wrongBranch.Diagnostics, Has.Some.Contains("Orchestration Ticket overlay unavailable").And.Some.Contains("expected orchestration"));
    }
}
