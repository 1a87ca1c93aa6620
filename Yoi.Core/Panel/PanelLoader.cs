using System.Diagnostics;
using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Core.Panel;

/// <summary>Loader knobs: the probe budget, the Pod cap, change watching.</summary>
public sealed record PanelLoaderOptions
{
    public static readonly TimeSpan DefaultProbeBudget = TimeSpan.FromMilliseconds(200);

    public TimeSpan ProbeBudget { get; init; } = DefaultProbeBudget;

    public int MaxPods { get; init; } = 50;

    /// <summary>
    /// Incremental reloads driven by a <see cref="PanelChangeWatcher"/> (Ticket root, registry directory, Pod metadata
    /// directory): a reload re-reads only what the watcher reported, with a full stamp pass on the first reload, after a
    /// lost event and every <see cref="FullPassInterval"/>. Off: every reload is a full stamp pass.
    /// </summary>
    public bool WatchChanges { get; init; }

    public static readonly TimeSpan DefaultFullPassInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often a watched loader runs the full stamp pass anyway (repairs a missed event within this time).</summary>
    public TimeSpan FullPassInterval { get; init; } = DefaultFullPassInterval;

    /// <summary>
    /// Queued-work attention (what <c>yoi panel</c> turns on): after each reload a live idle Orchestrator is nudged about
    /// actionable queued Tickets, once per work set (<see cref="Workflows.QueuedWorkAttention"/>). Off: the loader never sends.
    /// </summary>
    public bool AttendQueuedWork { get; init; }
}

/// <summary>
/// Builds <see cref="PanelModel"/>s for one workspace. <see cref="ReloadAsync"/> in Ensure mode (startup) may
/// restore or spawn the Companion and Orchestrator; in Observe mode it never spawns, restores, claims or writes.
/// Tickets load incrementally (a record is re-parsed only when one of its files changed), Pod probes run
/// concurrently with a 200 ms budget each, and a failed reload returns the previous model with the notice
/// "Refresh failed: …". Not thread-safe: the caller runs one reload at a time (reloads never overlap);
/// <see cref="FullRecord"/> may be called from any thread.
/// </summary>
public sealed partial class PanelLoader : IDisposable
{
    private readonly YoiServices _services;
    private readonly YoiPaths _paths;
    private readonly TimeProvider _time;
    private readonly PanelLoaderOptions _options;
    private readonly TicketCache _tickets = new();
    private readonly TicketCache _overlayTickets = new();
    private readonly PodScanner _pods;
    private readonly PodSeenStore _seen;
    private readonly LifecycleMemory _memory = new();
    private readonly RoleLifecycle _lifecycle;
    private readonly WorkspacePodNames _names;
    private readonly TicketRowSet _rows = new();
    private string? _fingerprint;
    private PanelChangeWatcher? _watcher;
    private DateTimeOffset? _lastFullPass;
    private RegistrySnapshot? _registry;
    private readonly Delegation.ChildSummaries _children = new();

    public PanelLoader(YoiServices services, string workspace, PanelLoaderOptions? options = null)
    {
        _services = services;
        _paths = services.Paths;
        _time = services.Time;
        _options = options ?? new PanelLoaderOptions();
        Workspace = WorkspaceKey.Canonicalize(workspace);
        _names = WorkspacePodNames.Resolve(services.PodStore, Workspace);
        _pods = new PodScanner(services.PodStore, _options.ProbeBudget);
        _seen = new PodSeenStore(_paths);
        _lifecycle = new RoleLifecycle(services);
    }

    /// <summary>The canonical workspace root.</summary>
    public string Workspace { get; }

    /// <summary>This workspace's Companion (resolved once: folder name + hash, or the legacy name its existing Pod has).</summary>
    public string CompanionName => _names.Companion;

    public string OrchestratorName => _names.Orchestrator;

    /// <summary>The last model (null before the first reload).</summary>
    public PanelModel? Current { get; private set; }

    /// <summary>The change watcher of a <see cref="PanelLoaderOptions.WatchChanges"/> loader (null before the first reload or when off).</summary>
    public PanelChangeWatcher? Watcher => _watcher;

    /// <summary>Raised (on a thread-pool thread) when the watcher recorded a change: time for a reload.</summary>
    public event Action? Changed;

    /// <summary>
    /// The full record of one Ticket (item body, whole thread, resolution, artifact list) for the details pane or an
    /// opened Ticket, read now from the configured Ticket root through the same record loader the rows use — never from
    /// the row cache, so it is as fresh as the disk. An invalid placeholder (with the redacted reason) when the record
    /// cannot be loaded or there is no usable Ticket config. Pure read; safe from any thread, also during a reload.
    /// </summary>
    public TicketLoadResult FullRecord(string ticketId)
    {
        var (state, config, problem) = LoadConfig();
        var label = TicketId.IsValid(ticketId) ? ticketId : TicketRecordLoader.InvalidLabel;
        if (state != TicketConfigState.Usable)
            return new TicketLoadResult(null, new InvalidTicketRecord(label, "", TicketErrorKind.NotFound,
                problem ?? $"no Ticket root at {config?.TicketsRoot}; run `yoi ticket init` first"));
        var store = new TicketStore(config!.TicketsRoot);
        try
        {
            return store.LoadRecord(store.RecordDir(ticketId));
        }
        catch (TicketException ex)
        {
            return new TicketLoadResult(null, new InvalidTicketRecord(label, Path.Combine(store.Root, ticketId), ex.Kind, ex.Message));
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
    }

    /// <summary>Test and bench seam: called with the mode at the start of every reload; an exception from it fails that reload like any other.</summary>
    public Action<PanelReloadMode>? OnReload { get; init; }

    public async Task<PanelModel> ReloadAsync(PanelReloadMode mode, CancellationToken cancellationToken = default)
    {
        try
        {
            OnReload?.Invoke(mode);
            var model = Attend(await BuildAsync(mode, cancellationToken).ConfigureAwait(false));
            Current = model;
            return model;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _fingerprint = null; // the next reload builds the model again
            var previous = Current ?? PanelModel.LoadingModel(Workspace, CompanionName) with { Loading = false };
            Current = previous.WithNotice(PanelNotice.Error("Refresh failed", $"Refresh failed: {ex.Message}"));
            return Current;
        }
    }

    private async Task<PanelModel> BuildAsync(PanelReloadMode mode, CancellationToken cancellationToken)
    {
        var diagnostics = new List<string>();
        var (configState, config, configProblem) = LoadConfig();
        if (configProblem is not null) diagnostics.Add(PanelText.Bounded($"Ticket config is unusable: {configProblem}"));
        foreach (var warning in config?.Warnings ?? []) diagnostics.Add(PanelText.Bounded($"Config warning: {warning}"));

        var changes = TakeChanges(configState == TicketConfigState.Usable ? config!.TicketsRoot : null);
        var podsWatch = Stopwatch.StartNew();
        var scanTask = _pods.ScanAsync(Workspace, rescanMetadata: changes is null || changes.Pods || !_watcher!.WatchesPods, cancellationToken);

        var ticketsWatch = Stopwatch.StartNew();
        TicketLoad? load = null;
        if (configState == TicketConfigState.Usable)
        {
            try
            {
                var store = new TicketStore(config!.TicketsRoot);
                load = changes is null || !_watcher!.WatchesTickets ? _tickets.Load(store) : _tickets.LoadChanged(store, changes.Records, changes.Listing);
                // The row set takes every load's changes at once, so it never falls out of step with the cache.
                if (load.Changes is null) _rows.Reset(load.Listing);
                else if (load.Changed) _rows.Apply(load.Changes, load.Listing.Invalid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TicketException)
            {
                diagnostics.Add(PanelText.Bounded($"Ticket rows unavailable: {ex.Message}"));
            }
        }
        var ticketsMs = ticketsWatch.Elapsed.TotalMilliseconds;

        var scanned = await scanTask.ConfigureAwait(false);
        var pods = PodRows(scanned, config);
        var podsMs = podsWatch.Elapsed.TotalMilliseconds;

        var orchestratorNeeded = load?.Listing.Summaries.Any(t => t.Meta.State is TicketState.Queued or TicketState.InProgress) ?? false;
        var (companion, orchestrator) = await LifecycleAsync(mode, configState, config, configProblem, pods, orchestratorNeeded, cancellationToken).ConfigureAwait(false);
        if (mode == PanelReloadMode.Ensure && (companion.State is RoleState.Spawned or RoleState.Restored
            || orchestrator?.State is RoleState.Spawned or RoleState.Restored))
        {
            scanned = await _pods.ScanAsync(Workspace, rescanMetadata: true, cancellationToken).ConfigureAwait(false);
            pods = PodRows(scanned, config);
        }
        companion = _memory.Apply(WorkspaceConfig.Companion, companion)!;
        orchestrator = _memory.Apply(WorkspaceConfig.Orchestrator, orchestrator);

        var registryWatch = Stopwatch.StartNew();
        var registry = configState != TicketConfigState.Usable ? RegistrySnapshot.Empty
            : mode == PanelReloadMode.Observe && changes is { Registry: false } && _watcher!.WatchesRegistry && _registry is { Problem: null } known ? known
            : ReadRegistry();
        _registry = registry;
        if (registry.Problem is not null) diagnostics.Add(PanelText.Bounded($"Panel local role registry unavailable: {registry.Problem}"));
        var registryMs = registryWatch.Elapsed.TotalMilliseconds;

        var overlay = configState == TicketConfigState.Usable
            ? await ReadOverlayAsync(config!, diagnostics, cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, TicketState>();

        var children = await ChildSummariesAsync(pods, cancellationToken).ConfigureAwait(false);

        var buildWatch = Stopwatch.StartNew();
        var fingerprint = Fingerprint(configState, companion, orchestrator, diagnostics, pods, registry, overlay) + ChildFingerprint(pods, children);
        if (load is { Changed: false } && Current is { Loading: false } previous && fingerprint == _fingerprint)
        {
            // Nothing the rows depend on changed: reuse the previous rows instead of rebuilding thousands of them.
            return previous with { Timing = new PanelTiming(ticketsMs, podsMs, registryMs, buildWatch.Elapsed.TotalMilliseconds, 0, load.Reused) };
        }
        _fingerprint = fingerprint;
        var byName = scanned.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var statusCache = new Dictionary<string, ClaimStatus>(StringComparer.Ordinal);
        ClaimStatus StatusOf(string pod)
        {
            if (!statusCache.TryGetValue(pod, out var status))
                statusCache[pod] = status = ClaimStatusDeriver.Derive(_pods.Observe(pod, byName), Workspace);
            return status;
        }
        // Only the rows whose Ticket, relations, claim, Intake sessions, Pod status or overlay changed are derived again.
        if (load is not null) _rows.Refresh(TicketRowContext.Of(registry, overlay, StatusOf));
        var inputs = new PanelInputs(Workspace, configState, load is null ? null : _rows, overlay, registry, pods, StatusOf,
            companion, orchestrator, diagnostics, children);
        var model = PanelModelBuilder.Build(inputs, PanelTiming.None, null);
        var timing = new PanelTiming(ticketsMs, podsMs, registryMs, buildWatch.Elapsed.TotalMilliseconds, load?.Parsed ?? 0, load?.Reused ?? 0);
        return model with { Timing = timing, Notice = orchestrator?.Announcement is { } created ? PanelNotice.Info(created) : Current?.Notice };
    }

    /// <summary>
    /// What the watcher reported since the last reload, or null when this reload must be a full stamp pass: watching is
    /// off, it is the first reload (the watcher starts before the pass, so nothing between them is missed), the Ticket
    /// root moved, an event was lost, or <see cref="PanelLoaderOptions.FullPassInterval"/> passed since the last full pass.
    /// </summary>
    private PanelChanges? TakeChanges(string? ticketRoot)
    {
        if (!_options.WatchChanges) return null;
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(ticketRoot ?? Path.Combine(Workspace, ".yoi", "tickets")));
        var now = _time.GetUtcNow();
        if (_watcher is null || _watcher.TicketRoot != root)
        {
            _watcher?.Dispose();
            _watcher = new PanelChangeWatcher(root, RegistryLocation.ForWorkspace(_paths, Workspace).Directory, _paths.PodsDir);
            _watcher.Changed += () => Changed?.Invoke();
            _lastFullPass = now;
            return null;
        }
        var changes = _watcher.Take();
        if (changes.Lost || _lastFullPass is not { } last || now - last >= _options.FullPassInterval)
        {
            _watcher.RetryMissing();
            _lastFullPass = now;
            return null;
        }
        return changes;
    }

    /// <summary>The branch summaries of this workspace's delegated children (no git at all when there are none).</summary>
    private Task<IReadOnlyDictionary<string, Delegation.ChildSummary>> ChildSummariesAsync(IReadOnlyList<PodRow> pods, CancellationToken cancellationToken) =>
        _children.SummarizeAsync(Workspace, pods.Where(p => p.Delegation is not null).Select(p => (p.Name, p.Delegation!)).ToList(), cancellationToken);

    private static string ChildFingerprint(IReadOnlyList<PodRow> pods, IReadOnlyDictionary<string, Delegation.ChildSummary> children) =>
        string.Concat(pods.Where(p => p.Delegation is not null)
            .Select(p => $"{p.Name}<{p.Delegation}:{children.GetValueOrDefault(p.Name)}\u0002"));

    private string Fingerprint(TicketConfigState configState, LifecycleStatus companion, LifecycleStatus? orchestrator, List<string> diagnostics,
        IReadOnlyList<PodRow> pods, RegistrySnapshot registry, IReadOnlyDictionary<string, TicketState> overlay)
    {
        var text = new System.Text.StringBuilder();
        text.Append(configState).Append('\u0001').Append(companion).Append('\u0001').Append(orchestrator).Append('\u0001');
        foreach (var d in diagnostics) text.Append(d).Append('\u0002');
        foreach (var p in pods)
            text.Append(p.Name).Append(':').Append(p.Status).Append(':').Append(p.PendingNotifications).Append(':').Append(p.UpdatedAt)
                .Append(':').Append(string.Join(',', p.Peers)).Append(':').Append(p.Role)
                .Append(':').Append(p.LastRun?.EndedAt).Append(':').Append(p.LastRun?.Errored).Append(':').Append(p.RunningSince).Append(':').Append(p.LastSeenAt)
                .Append('\u0002');
        foreach (var (name, read) in _pods.AllMetadata)
            text.Append(name).Append(':').Append(read.State).Append(':').Append(read.Metadata?.WorkspaceRoot).Append('\u0002');
        foreach (var session in registry.Sessions)
            text.Append(session.PodName).Append(':').Append(session.Role).Append(':').Append(session.UpdatedAt).Append(':')
                .Append(string.Join(',', session.RelatedTickets.Select(r => r.Id))).Append('\u0002');
        foreach (var claim in registry.Claims)
            text.Append(claim.Path).Append(':').Append(claim.Claim?.PodName).Append(':').Append(claim.Claim?.Generation).Append(':').Append(claim.Problem).Append('\u0002');
        foreach (var (id, state) in overlay) text.Append(id).Append(':').Append(state).Append('\u0002');
        return text.ToString();
    }

    private (TicketConfigState State, WorkspaceConfig? Config, string? Problem) LoadConfig()
    {
        WorkspaceConfig config;
        try
        {
            config = _services.LoadConfig(Workspace);
        }
        catch (ConfigException ex)
        {
            return (TicketConfigState.Unusable, null, ex.Message);
        }
        if (Directory.Exists(config.TicketsRoot)) return (TicketConfigState.Usable, config, null);
        if (File.Exists(config.TicketsRoot) || (new FileInfo(config.TicketsRoot).LinkTarget is not null))
            return (TicketConfigState.Unusable, null, $"Ticket root {config.TicketsRoot} exists but is not a directory; remove it or point tickets.root elsewhere");
        return (TicketConfigState.Absent, config, null);
    }

    private IReadOnlyList<PodRow> PodRows(IReadOnlyList<ScannedPod> scanned, WorkspaceConfig? config)
    {
        var companion = CompanionName;
        var orchestrator = OrchestratorName;
        return scanned
            .Select(p =>
            {
                var m = p.Metadata!;
                var restorable = m.Active is { SegmentId: not null };
                var status = PodRow.StatusOf(p.Probe?.Reachable == true, p.Probe?.Status, restorable, p.Daemon is not null, p.LeftBehind);
                return new PodRow(p.Name, PodRow.SectionOf(status), status, m.Role, m.Ticket, p.Probe?.PendingNotifications ?? 0,
                    m.Peers.Select(x => x.PodName).ToList(), m.UpdatedAt, p.SocketPath, p.Name == companion, p.Name == orchestrator)
                {
                    LastRun = p.Probe?.LastRun,
                    RunningSince = p.Probe?.RunningSince,
                    Profile = m.Profile,
                    Delegation = m.Delegation,
                    ProfileOnRestore = ProfileOnRestore(config, m.Role, m.Profile),
                };
            })
            .OrderByDescending(r => r.Live)
            .ThenByDescending(r => r.UpdatedAt ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(_options.MaxPods)
            .Select(r => r with { LastSeenAt = _seen.LastSeenAt(r.Name) }) // only for the rows shown (a file read each)
            .ToList();
    }

    /// <summary>The role's configured profile when a restore would change the Pod's (EngineSpecResolver.ProfileForRestore).</summary>
    private static string? ProfileOnRestore(WorkspaceConfig? config, string? role, string? profile)
    {
        if (config is null || role is null || !config.Roles.TryGetValue(role, out var configured)) return null;
        var now = string.IsNullOrEmpty(profile) ? EngineSpecResolver.DefaultProfile : profile;
        var next = string.IsNullOrEmpty(configured.Profile) ? EngineSpecResolver.DefaultProfile : configured.Profile;
        return next == now ? null : next;
    }

    private async Task<(LifecycleStatus Companion, LifecycleStatus? Orchestrator)> LifecycleAsync(PanelReloadMode mode,
        TicketConfigState configState, WorkspaceConfig? config, string? configProblem, IReadOnlyList<PodRow> pods, bool orchestratorNeeded,
        CancellationToken cancellationToken)
    {
        RolePod? Find(string name) => pods.FirstOrDefault(p => p.Name == name) is { } row ? RolePodOf(row) : null;
        var ensure = mode == PanelReloadMode.Ensure && config is not null;
        var companion = LifecycleStatus.Of(ensure && config!.Autostart.Contains(WorkspaceConfig.Companion)
            ? await _lifecycle.EnsureCompanionAsync(Workspace, CompanionName, config, Find(CompanionName), cancellationToken).ConfigureAwait(false)
            : RoleLifecycle.Observe(CompanionName, Find(CompanionName), "Companion"));
        LifecycleStatus? orchestrator = configState switch
        {
            TicketConfigState.Absent => null,
            TicketConfigState.Unusable => new LifecycleStatus(OrchestratorName, RoleState.Unavailable,
                $"Ticket config is unusable; workspace Orchestrator not {(mode == PanelReloadMode.Ensure ? "started" : "observed")}: {configProblem}"),
            _ => LifecycleStatus.Of(ensure && config!.Autostart.Contains(WorkspaceConfig.Orchestrator)
                ? await _lifecycle.EnsureOrchestratorAsync(Workspace, OrchestratorName, config, Find(OrchestratorName), orchestratorNeeded, cancellationToken).ConfigureAwait(false)
                : RoleLifecycle.Observe(OrchestratorName, Find(OrchestratorName), "Orchestrator")),
        };
        return (companion, orchestrator);
    }

    /// <summary>What the role lifecycle needs of a Pod row: live, restorable (stopped or crashed) or neither.</summary>
    internal static RolePod RolePodOf(PodRow row) => new(row.Name, row switch
    {
        { Live: true } => RolePodState.Live,
        { Status: PodRowStatus.Stopped or PodRowStatus.Crashed } => RolePodState.Stopped,
        _ => RolePodState.Unusable,
    });

    private RegistrySnapshot ReadRegistry()
    {
        var location = RegistryLocation.ForWorkspace(_paths, Workspace);
        try
        {
            var sessions = new RoleSessionRegistry(location, _time).Sessions();
            var claims = new TicketClaims(location, _time).List();
            return new RegistrySnapshot(sessions, claims, null);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            return RegistrySnapshot.Empty with { Problem = ex.Message };
        }
    }

    private async Task<IReadOnlyDictionary<string, TicketState>> ReadOverlayAsync(WorkspaceConfig config, List<string> diagnostics,
        CancellationToken cancellationToken)
    {
        var worktree = new OrchestrationWorktree(Workspace, config);
        if (!Directory.Exists(worktree.Path)) return new Dictionary<string, TicketState>();
        var check = await worktree.CheckAsync(requireClean: false, cancellationToken).ConfigureAwait(false);
        if (!check.Valid)
        {
            diagnostics.Add(PanelText.Bounded($"Orchestration Ticket overlay unavailable: {check.Problem}"));
            return new Dictionary<string, TicketState>();
        }
        if (!Directory.Exists(worktree.TicketsRoot))
        {
            diagnostics.Add($"Orchestration worktree has no {Path.GetRelativePath(worktree.Path, worktree.TicketsRoot)} directory");
            return new Dictionary<string, TicketState>();
        }
        var listing = _overlayTickets.Load(new TicketStore(worktree.TicketsRoot)).Listing;
        return listing.Summaries.ToDictionary(r => r.Id, r => r.Meta.State, StringComparer.Ordinal);
    }
}
