using System.Security.Cryptography;
using Yoi.Core.Storage;
using Yoi.Core.Tickets;
using Yoi.Tests.Core.Engines;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Tickets;

public class TicketStoreTests
{
    private sealed class Recorder : ITicketLifecycleSink
    {
        public List<TicketLifecycleEvent> Events { get; } = [];

        public void OnTicketLifecycleEvent(TicketLifecycleEvent lifecycleEvent) => Events.Add(lifecycleEvent);
    }

    private static (TempDir Dir, TicketStore Store, Recorder Sink) NewStore(string? language = null)
    {
        var dir = new TempDir();
        var root = dir.Combine(".yoi", "tickets");
        Directory.CreateDirectory(root);
        var sink = new Recorder();
        return (dir, new TicketStore(root, new TicketStoreOptions
        {
            Time = TickingClock.Create(), WorkspaceRoot = dir.Path, DefaultAuthor = "tester", Language = language, Sinks = [sink],
        }), sink);
    }

    [Test]
    public void Create_writes_the_local_layout_and_doctor_is_ok()
    {
        var (dir, store, _) = NewStore();
        using var _d = dir;
        var id = store.Create(new NewTicket("123"), "yoi ticket");
        var recordDir = Path.Combine(store.Root, id);
        Assert.Multiple(() =>
        {
            Assert.That(TicketId.IsValid(id), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(recordDir, "item.md")), Is.EqualTo(
                "---\ntitle: '123'\nstate: 'planning'\ncreated_at: '2026-06-20T12:00:00Z'\nupdated_at: '2026-06-20T12:00:00Z'\nassignee: null\n---\n\n"
                + "## Background\n\n- TBD\n\n## Acceptance criteria\n\n- TBD\n"));
            Assert.That(File.ReadAllText(Path.Combine(recordDir, "thread.md")), Is.EqualTo(
                "<!-- event: create author: \"yoi ticket\" at: 2026-06-20T12:00:00Z -->\n\n## Created\n\nTicket created.\n\n---\n"));
            Assert.That(File.Exists(Path.Combine(recordDir, "artifacts", ".gitkeep")), Is.True);
            Assert.That(Directory.GetFileSystemEntries(store.Root).Select(Path.GetFileName), Is.EquivalentTo(new[] { id, ".ticket-backend.lock" }));
            Assert.That(TicketDoctor.Run(store).Diagnostics, Is.Empty);
        });
    }

    [Test]
    public void Japanese_language_changes_generated_texts()
    {
        var (dir, store, _) = NewStore("日本語");
        using var _d = dir;
        var id = store.Create(new NewTicket("t"));
        store.Close(id, "完了しました");
        var thread = File.ReadAllText(Path.Combine(store.Root, id, "thread.md"));
        Assert.That(thread, Does.Contain("## 作成\n\nTicket を作成しました。"));
        Assert.That(thread, Does.Contain("## 完了\n\n完了しました"));
        Assert.That(thread, Does.Contain("Ticket を closed にしました。"));
    }

    [Test]
    public void Invalid_author_leaves_no_directory_and_no_changed_thread()
    {
        var (dir, store, sink) = NewStore();
        using var _d = dir;
        Assert.Throws<TicketException>(() => store.Create(new NewTicket("t"), "bad\nauthor"));
        Assert.That(store.RecordDirectories(), Is.Empty);
        var id = store.Create(new NewTicket("t"));
        var thread = Path.Combine(store.Root, id, "thread.md");
        var before = SHA256.HashData(File.ReadAllBytes(thread));
        Assert.Throws<TicketException>(() => store.Comment(id, "comment", "x", "evil -->"));
        Assert.Throws<TicketException>(() => store.Comment(id, "nonsense", "x"));
        Assert.That(SHA256.HashData(File.ReadAllBytes(thread)), Is.EqualTo(before));
        Assert.That(sink.Events, Is.Empty);
    }

    [Test]
    public void Lifecycle_mutations_publish_typed_events_and_reads_publish_nothing()
    {
        var (dir, store, sink) = NewStore();
        using var _d = dir;
        var id = store.Create(new NewTicket("Route me"));
        store.ListTolerant();
        store.Show(id);
        TicketDoctor.Run(store);
        Assert.That(sink.Events, Is.Empty, "create and reads are not lifecycle events");
        store.Comment(id, "plan", "The plan\nsecond line");
        store.Review(id, "approve", "LGTM");
        store.MarkReady(id, "Scoped and ready.");
        store.Queue(id, "workspace-panel");
        store.SetWorkflowState(id, TicketState.Queued, TicketState.InProgress, "orchestrator_acceptance", "accepted");
        store.SetWorkflowState(id, TicketState.InProgress, TicketState.Done, "merged_validated", "merged");
        store.Close(id, "Shipped.");
        Assert.That(sink.Events.Select(e => $"{e.EventKind}|{e.State.Name()}|{e.Summary}|{e.Ref}"), Is.EqualTo(new[]
        {
            $"comment/plan|planning|The plan|.yoi/tickets/{id}/thread.md",
            $"review/approve|planning|LGTM|.yoi/tickets/{id}/thread.md",
            $"state/planning->ready|ready|Scoped and ready.|.yoi/tickets/{id}/item.md",
            $"state/ready->queued|queued|Ticket queued for Orchestrator routing.|.yoi/tickets/{id}/item.md",
            $"state/queued->inprogress|inprogress|accepted|.yoi/tickets/{id}/item.md",
            $"state/inprogress->done|done|merged|.yoi/tickets/{id}/item.md",
            $"close/resolution|closed|Shipped.|.yoi/tickets/{id}/resolution.md",
        }));
        Assert.That(sink.Events.All(e => e.Ticket == id && e.Title == "Route me"));
        var record = store.Show(id);
        Assert.That(record.Meta.QueuedBy, Is.EqualTo("workspace-panel"));
        Assert.That(record.Resolution, Is.EqualTo("Shipped.\n"));
        Assert.That(TicketDoctor.Run(store).Ok, Is.True);
    }

    [Test]
    public void Disallowed_and_stale_transitions_leave_the_ticket_unchanged()
    {
        var (dir, store, sink) = NewStore();
        using var _d = dir;
        var id = store.Create(new NewTicket("t"));
        var item = Path.Combine(store.Root, id, "item.md");
        var before = File.ReadAllText(item);
        var ex = Assert.Throws<TicketException>(() => store.SetWorkflowState(id, TicketState.Planning, TicketState.Queued, "r", "b"));
        Assert.That(ex!.Message, Does.Contain("a Ticket cannot move from planning to queued this way; allowed moves are"));
        ex = Assert.Throws<TicketException>(() => store.Queue(id, "me"));
        Assert.That(ex!.Message, Is.EqualTo("state changed concurrently: expected `ready`, found `planning`"));
        ex = Assert.Throws<TicketException>(() => store.SetWorkflowState(id, TicketState.Queued, TicketState.InProgress, "r", "b"));
        Assert.That(ex!.Message, Does.Contain("expected `queued`, found `planning`"));
        Assert.That(File.ReadAllText(item), Is.EqualTo(before));
        Assert.That(sink.Events, Is.Empty);
        store.MarkReady(id, "ok");
        store.ReturnToPlanning(id, "needs more intake");
        Assert.That(store.Show(id).Meta.State, Is.EqualTo(TicketState.Planning));
    }

    [Test]
    public void Queue_is_refused_while_a_dependency_or_incoming_blocker_is_unresolved()
    {
        var (dir, store, _) = NewStore();
        using var _d = dir;
        var a = store.Create(new NewTicket("a"));
        var b = store.Create(new NewTicket("b"));
        var c = store.Create(new NewTicket("c"));
        store.AddRelation(a, "depends_on", b, "needs b");
        store.AddRelation(c, "blocks", a);
        store.MarkReady(a, "ready");
        var ex = Assert.Throws<TicketException>(() => store.Queue(a, "me"));
        Assert.That(ex!.Message, Is.EqualTo($"ticket {a} has unresolved blocking relation(s): {b} via depends_on (state: planning), {c} via blocked_by (state: planning)"));
        var view = store.Relations(b);
        Assert.That(view.Incoming.Single().InverseKind, Is.EqualTo("dependency_of"));
        store.Close(b, "done");
        store.Close(c, "done");
        store.Queue(a, "me");
        Assert.That(store.Show(a).Meta.State, Is.EqualTo(TicketState.Queued));
        Assert.Throws<TicketException>(() => store.AddRelation(a, "related", a));
        Assert.Throws<TicketException>(() => store.AddRelation(a, "related", "00000000000ZZ"));
    }

    [Test]
    public void A_held_backend_lock_gives_the_locked_error()
    {
        var (dir, store, _) = NewStore();
        using var _d = dir;
        var quick = new TicketStore(store.Root, store.Options with { LockBudget = TimeSpan.FromMilliseconds(100) });
        using (FileLock.Acquire(store.LockPath))
        {
            var ex = Assert.Throws<TicketException>(() => quick.Create(new NewTicket("t")));
            Assert.That(ex!.Message, Is.EqualTo($"ticket backend is locked: {store.LockPath}"));
            Assert.That(ex.Kind, Is.EqualTo(TicketErrorKind.Locked));
        }
        Assert.That(quick.Create(new NewTicket("t")), Is.Not.Empty);
    }

    [Test]
    public void Orchestration_plans_persist_and_query_by_kind()
    {
        var (dir, store, _) = NewStore();
        using var _d = dir;
        var a = store.Create(new NewTicket("a"));
        var b = store.Create(new NewTicket("b"));
        store.RecordPlan(a, "before", relatedTicket: b);
        store.RecordPlan(a, "accepted_plan", acceptedPlan: new AcceptedPlan("do it", "impl/x", ".worktree/x", null));
        Assert.Throws<TicketException>(() => store.RecordPlan(a, "after"));
        Assert.Throws<TicketException>(() => store.RecordPlan(a, "before", relatedTicket: b, acceptedPlan: new AcceptedPlan("x", null, null, null)));
        var plans = store.Plans(a, "accepted_plan");
        Assert.That(plans.Single().Id, Does.StartWith("orch-plan-20260620-").And.EndWith("-2"));
        Assert.That(store.Plans(a), Has.Count.EqualTo(2));
        Assert.That(store.Show(a).Meta.State, Is.EqualTo(TicketState.Planning));
    }

    [Test]
    public void Stamps_change_when_a_record_file_changes_and_LoadRecord_reparses_one_directory()
    {
        var (dir, store, _) = NewStore();
        using var _d = dir;
        var id = store.Create(new NewTicket("t"));
        var recordDir = Path.Combine(store.Root, id);
        var before = TicketStore.Stamp(recordDir);
        Assert.That(TicketStore.Stamp(recordDir), Is.EqualTo(before));
        store.Comment(id, "comment", "hello");
        Assert.That(TicketStore.Stamp(recordDir), Is.Not.EqualTo(before));
        Assert.That(store.LoadRecord(recordDir).Record!.Events, Has.Count.EqualTo(2));
    }

    [Test]
    public void Artifact_paths_with_dot_dot_are_refused()
    {
        var (dir, store, _) = NewStore();
        using var _d = dir;
        var id = store.Create(new NewTicket("t"));
        File.WriteAllText(Path.Combine(store.Root, id, "artifacts", "review.md"), "ok");
        Assert.That(store.ReadArtifact(id, "review.md"), Is.EqualTo("ok"));
        var ex = Assert.Throws<TicketException>(() => store.ReadArtifact(id, "../item.md"));
        Assert.That(ex!.Kind, Is.EqualTo(TicketErrorKind.Identity));
    }
}
