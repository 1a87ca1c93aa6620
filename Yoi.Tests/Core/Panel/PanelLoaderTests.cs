using Yoi.Core.Workflows;
using Yoi.Core.Hosting;
using System.Diagnostics;
using System.Net.Sockets;
using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Tickets;
using Yoi.Corpus;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel;

public sealed class PanelLoaderTests
{
    /// <summary>
    /// The generated corpus with its broken records (so placeholders show), or the real corpus; only the generated one
    /// is a snapshot (the real one is third-party text that stays out of the repository).
    /// </summary>
    [TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]
    public async Task The_corpus_renders_every_open_ticket_and_invalid_placeholders(CorpusKind kind)
    {
        using var data = new TempDir("yoi-panel-fx");
        var corpus = kind == CorpusKind.Generated
            ? TestCorpus.Workspace(data.Combine("ws"), new CorpusOptions { Broken = true })
            : TestCorpus.Open(kind);
        var paths = new YoiPaths(data.Combine("c"), data.Combine("d"), data.Combine("r"));
        var loader = new PanelLoader(YoiProcess.Services(paths), corpus.Path);
        var model = await loader.ReloadAsync(PanelReloadMode.Observe);

        Assert.That(model.Header.TicketConfig, Is.EqualTo(TicketConfigState.Usable));
        Assert.That(model.Timing.TicketsParsed, Is.EqualTo(corpus.Expect.Records + corpus.Expect.Broken.Count), "every record directory is parsed, the broken ones too");
        Assert.That(model.TicketRows.Count(t => t.State != TicketState.Closed), Is.EqualTo(corpus.Expect.Open));
        Assert.That(model.Rows.OfType<SectionHeaderRow>().Any(h => h.Section == PanelSection.ClosedTickets) || corpus.Expect.Open == corpus.Expect.Records,
            Is.True, "closed Tickets are rows too, in their own section");
        Assert.That(model.Rows.OfType<InvalidTicketRow>().Count(), Is.EqualTo(Math.Min(corpus.Expect.Broken.Count, PanelModelBuilder.MaxInvalidPlaceholders)));
        if (kind == CorpusKind.Generated) Snapshot.Match(WorkspaceHash.Scrub(PanelModelText.Render(model), loader.Workspace));
    }

    [Test]
    public async Task An_unknown_config_key_is_a_warning_row_and_the_tickets_stay_visible()
    {
        using var world = new PanelWorld(config: """{ "pannel": { "autostart": [] }, "panel": { "autostart": [] } }""");
        var id = world.Ticket("Still visible");

        var model = await world.Loader().ReloadAsync(PanelReloadMode.Observe);

        Assert.That(model.Header.TicketConfig, Is.EqualTo(TicketConfigState.Usable));
        Assert.That(model.TicketRows.Select(t => t.Id), Is.EqualTo(new[] { id }));
        Assert.That(model.Diagnostics, Has.One.StartsWith("Config warning: ").And.Contains("$.pannel: unknown key, ignored"));
    }

    [Test]
    public async Task A_pod_whose_role_profile_changed_in_the_config_says_the_new_one_applies_on_the_next_restore()
    {
        using var world = new PanelWorld(config: """
            { "profiles": { "slow": { "engine": "echo", "delay_ms": 7 }, "fast": { "engine": "echo", "delay_ms": 3 } },
              "roles": { "companion": { "profile": "fast" }, "orchestrator": { "profile": "slow" } }, "panel": { "autostart": [] } }
            """);
        world.Metadata.Update(world.Companion, _ => new Yoi.Core.Pods.PodMetadata { PodName = world.Companion, WorkspaceRoot = world.Workspace, Role = "companion", Profile = "slow" });
        world.Metadata.Update(world.Orchestrator, _ => new Yoi.Core.Pods.PodMetadata { PodName = world.Orchestrator, WorkspaceRoot = world.Workspace, Role = "orchestrator", Profile = "slow" });

        var model = await world.Loader().ReloadAsync(PanelReloadMode.Observe);

        var companion = model.Pods.Single(p => p.Name == world.Companion);
        Assert.That((companion.Profile, companion.ProfileOnRestore), Is.EqualTo(("slow", "fast")), "the config moved the Companion to `fast`");
        var orchestrator = model.Pods.Single(p => p.Name == world.Orchestrator);
        Assert.That((orchestrator.Profile, orchestrator.ProfileOnRestore), Is.EqualTo(("slow", (string?)null)), "unchanged: nothing to say");
    }

    [Test]
    public async Task Reloads_reparse_only_the_records_whose_files_changed()
    {
        using var world = new PanelWorld();
        var ids = Enumerable.Range(0, 5).Select(i => world.Ticket($"Ticket {i}")).ToList();
        var loader = world.Loader();

        var cold = await loader.ReloadAsync(PanelReloadMode.Observe);
        var warm = await loader.ReloadAsync(PanelReloadMode.Observe);
        world.Tickets.MarkReady(ids[2], "ready now");
        var changed = await loader.ReloadAsync(PanelReloadMode.Observe);

        Assert.That((cold.Timing.TicketsParsed, cold.Timing.TicketsReused), Is.EqualTo((5, 0)));
        Assert.That((warm.Timing.TicketsParsed, warm.Timing.TicketsReused), Is.EqualTo((0, 5)));
        Assert.That((changed.Timing.TicketsParsed, changed.Timing.TicketsReused), Is.EqualTo((1, 4)));
        Assert.That(changed.Ticket(ids[2])!.TicketAction, Is.EqualTo(PanelAction.Queue));
    }

    [Test]
    public async Task Ensure_spawns_the_companion_and_the_orchestrator_in_a_fresh_orchestration_worktree()
    {
        using var world = new PanelWorld();
        world.Ticket("Something to route", TicketState.Queued); // queued work: the Orchestrator is needed at once
        world.InitGit();
        var loader = world.Loader();

        var model = await loader.ReloadAsync(PanelReloadMode.Ensure);

        Assert.That(model.Header.Companion.State, Is.EqualTo(RoleState.Spawned), model.Header.Companion.Detail);
        Assert.That(model.Header.Companion.Detail, Is.EqualTo("launched with default Companion profile"));
        Assert.That(model.Header.Orchestrator!.State, Is.EqualTo(RoleState.Spawned), model.Header.Orchestrator.Detail);
        Assert.That(model.Header.Orchestrator.Detail, Does.Contain($"created orchestration worktree {world.WorktreePath} on branch orchestration"));
        Assert.That(world.GitIn(world.WorktreePath, "branch", "--show-current"), Is.EqualTo("orchestration"));
        Assert.That(model.Pod(world.Companion)!.Live && model.Pod(world.Orchestrator)!.Live, Is.True);

        var observed = await loader.ReloadAsync(PanelReloadMode.Observe);
        Assert.That(observed.Header.Companion.State, Is.EqualTo(RoleState.Live));
        Assert.That(observed.Header.Orchestrator!.State, Is.EqualTo(RoleState.Live));
    }

    [Test]
    public async Task Observe_reloads_never_spawn_restore_or_claim()
    {
        using var world = new PanelWorld();
        var planning = world.Ticket("Planning Ticket");
        world.Ticket("Queued Ticket", TicketState.Queued);
        world.StoredPod(world.Companion, role: "companion");
        world.Claim(planning, "intake-gone");
        var loader = world.Loader();
        var filesBefore = Files(world.Root);
        var processesBefore = PodProcessesOf(world.Workspace);

        for (var i = 0; i < 3; i++)
        {
            var model = await loader.ReloadAsync(PanelReloadMode.Observe);
            Assert.That(model.Header.Companion.State, Is.EqualTo(RoleState.Stopped));
            Assert.That(model.Header.Orchestrator!.State, Is.EqualTo(RoleState.Missing));
        }

        Assert.That(PodProcessesOf(world.Workspace), Is.EqualTo(processesBefore).And.Zero);
        Assert.That(Files(world.Root), Is.EqualTo(filesBefore));
        Assert.That(world.Claims.Get(planning)!.Generation, Is.EqualTo(1));
    }

    [Test]
    public async Task A_lifecycle_failure_is_remembered_over_later_observed_missing_until_the_pod_is_live()
    {
        using var world = new PanelWorld();
        world.InitGit();
        Directory.CreateDirectory(Path.GetDirectoryName(world.WorktreePath)!);
        File.WriteAllText(world.WorktreePath, "a file where the worktree should be");
        var loader = world.Loader();

        var ensured = await loader.ReloadAsync(PanelReloadMode.Ensure);
        var observed = await loader.ReloadAsync(PanelReloadMode.Observe);

        Assert.That(ensured.Header.Orchestrator!.State, Is.EqualTo(RoleState.Unavailable));
        Assert.That(ensured.Header.Orchestrator.Detail, Does.StartWith("could not prepare orchestration worktree:"));
        Assert.That(observed.Header.Orchestrator!.State, Is.EqualTo(RoleState.Unavailable));
        Assert.That(observed.Header.Orchestrator.Remembered, Is.True);
        Assert.That(observed.Diagnostics, Has.Some.StartWith("could not prepare orchestration worktree:"));

        world.StartPod(world.Orchestrator, role: "orchestrator");
        var live = await loader.ReloadAsync(PanelReloadMode.Observe);
        Assert.That(live.Header.Orchestrator!.State, Is.EqualTo(RoleState.Live));
        Assert.That(live.Diagnostics, Has.None.StartWith("could not prepare"));
    }

    [Test]
    public async Task A_failed_reload_keeps_the_previous_model_and_sets_the_refresh_notice()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("Survives a failure");
        var fail = false;
        var loader = new PanelLoader(world.Services, world.Workspace)
        {
            OnReload = _ => { if (fail) throw new IOException("disk went away"); },
        };
        var good = await loader.ReloadAsync(PanelReloadMode.Observe);
        fail = true;

        var failed = await loader.ReloadAsync(PanelReloadMode.Observe);

        Assert.That(failed.Rows, Is.SameAs(good.Rows));
        Assert.That(failed.Ticket(id), Is.Not.Null);
        Assert.That(failed.Notice!.Level, Is.EqualTo(NoticeLevel.Error));
        Assert.That(failed.Notice.Details, Is.EqualTo("Refresh failed: disk went away"));
    }

    [NonParallelizable] // measures a reload against a wall-clock bound
    [Test]
    public async Task A_hung_pod_that_accepts_but_never_answers_costs_at_most_the_200_ms_probe_budget()
    {
        using var world = new PanelWorld(withTickets: false);
        world.StoredPod("hung");
        var socketPath = world.Paths.PodSocketPath("hung");
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(8);
        var loader = world.Loader(PanelLoaderOptions.DefaultProbeBudget);

        var watch = Stopwatch.StartNew();
        var model = await loader.ReloadAsync(PanelReloadMode.Observe);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.5)));
        Assert.That(model.Pod("hung"), Is.Not.Null);
        Assert.That(model.Pod("hung")!.Status, Is.Not.EqualTo(PodRowStatus.LiveIdle), "a Pod that never answers is never offered as idle");
    }

    private static SortedDictionary<string, (long, long)> Files(string root) =>
        new(Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => (File.GetLastWriteTimeUtc(p).Ticks, File.Exists(p) ? new FileInfo(p).Length : -1)), StringComparer.Ordinal);

    private static int PodProcessesOf(string workspace) =>
        Directory.EnumerateDirectories("/proc").Count(dir =>
        {
            try { return File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Contains($"--workspace {workspace} ", StringComparison.Ordinal); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
        });

    [NonParallelizable] // the daemon must answer inside the retry round's four 0.5 s budgets once continued
    [Test, CancelAfter(90_000)]
    public async Task A_live_pod_that_answers_only_after_the_probe_budget_is_probed_once_more_and_shown_idle_not_working()
    {
        const int sigstop = 19, sigcont = 18;
        using var world = new PanelWorld(withTickets: false, config: """
            { "profiles": { "default": { "engine": "echo" } } }
            """);
        world.StartPod("slow");
        var pid = Yoi.Core.Pods.DaemonLock.Holder(world.Paths, "slow")!.Pid!.Value;
        // Continued after two budgets, the daemon has the retry round's remaining 1.5 s to answer (it takes milliseconds).
        var budget = TimeSpan.FromMilliseconds(500);
        var loader = world.Loader(budget);
        // A loaded machine that does not schedule the daemon in time: stopped, it answers nothing during the first
        // probe round; it is continued after two budgets, inside the retry round's four.
        Assert.That(Yoi.Core.Interop.Libc.Kill(pid, sigstop), Is.True);
        try
        {
            var watch = Stopwatch.StartNew();
            // Its own thread, not a pool timer: a reload that blocks pool threads must not delay the continue.
            var continued = TimeSpan.Zero;
            var resume = new Thread(() =>
            {
                Thread.Sleep(budget * 2);
                Yoi.Core.Interop.Libc.Kill(pid, sigcont);
                continued = watch.Elapsed;
            });
            resume.Start();
            var model = await loader.ReloadAsync(PanelReloadMode.Observe);
            TestContext.Out.WriteLine($"continued at {continued.TotalMilliseconds:0} ms, reload took {watch.Elapsed.TotalMilliseconds:0} ms");
            resume.Join();
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(budget * 2), "the answer came after the daemon was continued");
            Assert.That((model.Pod("slow")!.Status, model.Pod("slow")!.Section), Is.EqualTo((PodRowStatus.LiveIdle, PanelSection.Pending)),
                "a live idle Pod that answered late stays among the idle Pods, not \"live\" in Working Pods");
        }
        finally
        {
            Yoi.Core.Interop.Libc.Kill(pid, sigcont);
        }
    }

    [Test, CancelAfter(90_000)]
    public async Task A_pod_killed_without_a_clean_stop_is_crashed_a_cleanly_stopped_one_is_stopped_and_restore_brings_it_back()
    {
        using var world = new PanelWorld(config: """
            { "profiles": { "default": { "engine": "echo" } } }
            """);
        world.StartPod("killed-pod");
        world.StartPod("stopped-pod");
        await world.Control.StopAsync("stopped-pod");
        var pid = Yoi.Core.Pods.DaemonLock.Holder(world.Paths, "killed-pod")!.Pid!.Value;
        Assert.That(Yoi.Core.Interop.Libc.Kill(pid, Yoi.Core.Interop.Libc.SIGKILL), Is.True);
        Poll.Until(() => Yoi.Core.Pods.DaemonLock.Holder(world.Paths, "killed-pod") is null, TimeSpan.FromSeconds(10), "the killed daemon's lock dropped");

        var model = world.Observe();
        Assert.That((model.Pod("killed-pod")!.Status, model.Pod("killed-pod")!.StatusLabel), Is.EqualTo((PodRowStatus.Crashed, "crashed/restorable")));
        Assert.That(model.Pod("stopped-pod")!.Status, Is.EqualTo(PodRowStatus.Stopped), "a clean stop removes the daemon's pid file");
        Assert.That(model.Pod("killed-pod")!.CanOpen, Is.True, "Enter restores a crashed Pod");

        await world.Control.RestoreAsync("killed-pod");
        Assert.That(world.Observe().Pod("killed-pod")!.Status, Is.EqualTo(PodRowStatus.LiveIdle), "restored, it is live again, no longer crashed");
    }
}
