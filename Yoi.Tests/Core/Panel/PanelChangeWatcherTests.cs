using Yoi.Core.Hosting;
using Microsoft.Extensions.Time.Testing;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel;

/// <summary>
/// Watched incremental reloads (<see cref="PanelLoaderOptions.WatchChanges"/>): a reported change re-reads only that
/// record; a change the watcher never saw is repaired by the periodic full stamp pass (fake clock, real inotify).
/// </summary>
public class PanelChangeWatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_missed_watcher_event_is_repaired_by_the_periodic_full_stamp_pass()
    {
        using var world = new PanelWorld();
        var first = world.Ticket("First");
        var second = world.Ticket("Second");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));
        using var loader = WatchedLoader(world, clock);
        var initial = await loader.ReloadAsync(PanelReloadMode.Observe);
        Assert.That(initial.Timing.TicketsParsed, Is.EqualTo(2), "the first reload is a full pass");

        loader.Watcher!.Paused = true;
        world.Tickets.Comment(second, "comment", "edited while the watcher was paused", "tester");
        loader.Watcher.Paused = false;

        clock.Advance(PanelLoaderOptions.DefaultFullPassInterval - TimeSpan.FromSeconds(1));
        var missed = await loader.ReloadAsync(PanelReloadMode.Observe);
        Assert.Multiple(() =>
        {
            Assert.That(missed.Timing.TicketsParsed, Is.Zero, "nothing was reported, so nothing was re-read");
            Assert.That(Row(missed, second).LatestExcerpt, Is.Not.EqualTo("edited while the watcher was paused"), "the edit is not visible yet");
        });

        clock.Advance(TimeSpan.FromSeconds(1));
        var repaired = await loader.ReloadAsync(PanelReloadMode.Observe);
        Assert.Multiple(() =>
        {
            Assert.That(repaired.Timing.TicketsParsed, Is.EqualTo(1), "the periodic pass stamps every record and re-reads the edited one");
            Assert.That(Row(repaired, second).LatestExcerpt, Is.EqualTo("edited while the watcher was paused"));
            Assert.That(Row(repaired, first).LatestExcerpt, Is.EqualTo(Row(initial, first).LatestExcerpt));
        });
    }

    [Test]
    public async Task A_reported_change_rereads_only_that_record_and_a_quiet_reload_reads_nothing()
    {
        using var world = new PanelWorld();
        var ids = Enumerable.Range(0, 5).Select(i => world.Ticket($"Ticket {i}")).ToList();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));
        using var loader = WatchedLoader(world, clock);
        await loader.ReloadAsync(PanelReloadMode.Observe);
        var changed = 0;
        loader.Changed += () => Interlocked.Increment(ref changed);

        var quiet = await loader.ReloadAsync(PanelReloadMode.Observe);
        world.Tickets.Comment(ids[3], "comment", "seen by the watcher", "tester");
        Poll.Until(() => Volatile.Read(ref changed) > 0, Deadline, "the watcher reported the comment");
        PanelModel model;
        var deadline = DateTime.UtcNow + Deadline;
        do model = await loader.ReloadAsync(PanelReloadMode.Observe);
        while (Row(model, ids[3]).LatestExcerpt != "seen by the watcher" && DateTime.UtcNow < deadline);

        Assert.Multiple(() =>
        {
            Assert.That(quiet.Timing.TicketsParsed, Is.Zero);
            Assert.That(quiet.Timing.TicketsReused, Is.EqualTo(5));
            Assert.That(Row(model, ids[3]).LatestExcerpt, Is.EqualTo("seen by the watcher"));
            Assert.That(model.Timing.TicketsParsed, Is.InRange(0, 1), "only the commented record is re-read");
        });
    }

    [Test]
    public async Task A_new_and_a_deleted_record_are_picked_up_from_watcher_events_alone()
    {
        using var world = new PanelWorld();
        var keep = world.Ticket("Kept");
        var gone = world.Ticket("Deleted later");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));
        using var loader = WatchedLoader(world, clock);
        await loader.ReloadAsync(PanelReloadMode.Observe);

        var added = world.Ticket("Added while watched");
        Directory.Delete(Path.Combine(world.TicketsRoot, gone), recursive: true);
        PanelModel model;
        var deadline = DateTime.UtcNow + Deadline;
        do model = await loader.ReloadAsync(PanelReloadMode.Observe);
        while ((model.Rows.OfType<TicketRow>().Count() != 2 || model.Rows.OfType<TicketRow>().All(r => r.Id != added)) && DateTime.UtcNow < deadline);

        Assert.That(model.Rows.OfType<TicketRow>().Select(r => r.Id).Order(), Is.EqualTo(new[] { keep, added }.Order()));
        Assert.That(model.Rows.OfType<InvalidTicketRow>(), Is.Empty, "a deleted record vanishes, it does not become a placeholder");
    }

    [Test]
    public async Task The_full_record_of_a_row_is_read_on_demand_with_the_whole_thread()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Has a thread");
        world.Tickets.Comment(id, "comment", "older comment", "tester");
        world.Tickets.Comment(id, "plan", "newest plan", "tester");
        using var loader = WatchedLoader(world, new FakeTimeProvider());
        await loader.ReloadAsync(PanelReloadMode.Observe);

        var full = loader.FullRecord(id);
        var missing = loader.FullRecord("00001ZZZZZZZZ");
        var bad = loader.FullRecord("../etc");

        Assert.Multiple(() =>
        {
            Assert.That(full.Record!.Events.Select(e => e.Body).TakeLast(2), Is.EqualTo(new[] { "older comment", "newest plan" }));
            Assert.That(full.Record.Frontmatter.Body, Does.Contain("Body of Has a thread."));
            Assert.That(full.Record.Summary.LatestEvent!.Excerpt, Is.EqualTo("newest plan"));
            Assert.That(missing.Invalid!.Kind, Is.EqualTo(TicketErrorKind.NotFound));
            Assert.That(bad.Invalid!.Kind, Is.EqualTo(TicketErrorKind.Identity));
        });
    }

    private static PanelLoader WatchedLoader(PanelWorld world, TimeProvider clock) =>
        new(new YoiServices(world.Paths, clock, YoiProcess.Executable), world.Workspace, new PanelLoaderOptions { WatchChanges = true });

    private static TicketRow Row(PanelModel model, string id) => model.Rows.OfType<TicketRow>().Single(r => r.Id == id);
}
