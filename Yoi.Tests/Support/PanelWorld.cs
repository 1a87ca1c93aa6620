using Yoi.Core.Hosting;
using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Launch;
using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Microsoft.Extensions.Time.Testing;
using Yoi.Tests.Support;

namespace Yoi.Tests.Support;

/// <summary>
/// A temp workspace for panel tests: `.yoi/config.json` (starter, or none for Pod-only), a Ticket store with a
/// predictable clock, yoi config/data/runtime dirs, the real Pod launcher, and helpers to write Pod metadata,
/// claims and role sessions. Every Pod started through it is stopped on dispose.
/// </summary>
public sealed class PanelWorld : IDisposable
{
    private readonly TempDir _dir = new("yoi-panel");

    public PanelWorld(bool withTickets = true, string? config = null, string name = "ws")
    {
        Workspace = WorkspaceKey.Canonicalize(Directory.CreateDirectory(_dir.Combine(name)).FullName);
        Paths = new YoiPaths(_dir.Combine("c"), _dir.Combine("d"), _dir.Combine("r"));
        Directory.CreateDirectory(Path.Combine(Workspace, ".yoi"));
        if (withTickets)
        {
            File.WriteAllText(WorkspaceConfigLoader.WorkspaceFile(Workspace), config ?? StarterConfig.Text);
            Directory.CreateDirectory(TicketsRoot);
        }
        else if (config is not null)
        {
            File.WriteAllText(WorkspaceConfigLoader.WorkspaceFile(Workspace), config);
        }
        Metadata = new PodMetadataStore(Paths, TickingClock.Create());
        Services = YoiProcess.Services(Paths);
        Control = Services.Pods;
    }

    public string Root => _dir.Path;
    public string Workspace { get; }
    public YoiPaths Paths { get; }
    public YoiServices Services { get; }
    public PodMetadataStore Metadata { get; }
    public PodControl Control { get; }
    public FakeTimeProvider Clock { get; } = TickingClock.Create();
    public string TicketsRoot => Path.Combine(Workspace, ".yoi", "tickets");
    public TicketStore Tickets => new(TicketsRoot, new TicketStoreOptions { WorkspaceRoot = Workspace, Time = Clock, DefaultAuthor = "tester" });
    public RegistryLocation Registry => RegistryLocation.ForWorkspace(Paths, Workspace);
    public TicketClaims Claims => new(Registry, TimeProvider.System);
    public string Companion => PodName.Companion(Workspace);
    public string Orchestrator => PodName.Orchestrator(Workspace);

    /// <summary>
    /// A loader with a 30 s probe budget by default, so a loaded test machine never turns "live idle" into "live, no
    /// status" (a 2 s budget did: a Pod that answered late landed in Working Pods). The round ends as soon as every
    /// probed Pod has answered, and every socket a test here leaves behind belongs to a real Pod or refuses at once,
    /// so the long budget costs nothing; a test about the budget itself passes its own.
    /// </summary>
    public PanelLoader Loader(TimeSpan? probeBudget = null) =>
        new(Services, Workspace, new PanelLoaderOptions { ProbeBudget = probeBudget ?? SettledProbeBudget });

    public static readonly TimeSpan SettledProbeBudget = TimeSpan.FromSeconds(30);

    public PanelModel Observe() => Loader().ReloadAsync(PanelReloadMode.Observe).GetAwaiter().GetResult();

    /// <summary>Creates a Ticket and walks it to <paramref name="state"/> through the store's own transitions.</summary>
    public string Ticket(string title, TicketState state = TicketState.Planning)
    {
        var store = Tickets;
        var id = store.Create(new NewTicket(title, $"Body of {title}."));
        if (state >= TicketState.Ready) store.MarkReady(id, "requirements are clear");
        if (state >= TicketState.Queued) store.Queue(id, "tester");
        if (state >= TicketState.InProgress) store.SetWorkflowState(id, TicketState.Queued, TicketState.InProgress, "accepted", "Accepted.");
        if (state >= TicketState.Done) store.SetWorkflowState(id, TicketState.InProgress, TicketState.Done, "implemented", "Implemented.");
        if (state == TicketState.Closed) store.Close(id, "Closed in a test.");
        return id;
    }

    /// <summary>Writes stored metadata for a Pod that is not running (restorable when it has an active segment); each write is one fake second newer.</summary>
    public void StoredPod(string name, string? workspace = null, bool restorable = true, string? role = null) =>
        Metadata.Update(name, _ => new PodMetadata
        {
            PodName = name,
            WorkspaceRoot = workspace ?? Workspace,
            Active = new ActiveSession("0190aaaa-0000-7000-8000-000000000001", restorable ? "0190aaaa-0000-7000-8000-000000000002" : null),
            Role = role,
        });

    public void CorruptPod(string name)
    {
        Directory.CreateDirectory(Paths.PodDir(name));
        File.WriteAllText(Paths.PodMetadataPath(name), "{ not json");
    }

    /// <summary>
    /// The environment a <c>yoi</c> process needs to act on this world (the CLI, the panel in tmux): its dirs; no
    /// inherited Pod identity, and colour not turned off by the test runner's <c>NO_COLOR</c>.
    /// </summary>
    public Dictionary<string, string> CliEnvironment() => new(YoiProcess.EnvFor(Paths)) { ["NO_COLOR"] = "" };

    /// <summary><c>yoi ARGS</c> run in-process (<see cref="InProcessYoi"/>) with <see cref="CliEnvironment"/>.</summary>
    public YoiResult Yoi(params string[] args) => InProcessYoi.Run(CliEnvironment(), args);

    public LaunchedPod StartPod(string name, string? role = null) =>
        Control.StartAsync(new PodLaunchRequest(Workspace, name, null, role)).GetAwaiter().GetResult();

    public void Claim(string ticketId, string pod, string role = RoleLauncher.IntakeRole) =>
        Assert.That(Claims.Claim(ticketId, null, pod, role), Is.InstanceOf<ClaimOutcome.Claimed>());

    public void Session(string pod, params string[] related) =>
        new RoleSessionRegistry(Registry, TimeProvider.System).Upsert(pod, RoleLauncher.IntakeRole,
            related.Length == 0 ? SessionOrigin.PreTicketIntake : SessionOrigin.TicketClaim, null, related.Select(r => new RelatedTicket(r)));

    /// <summary>
    /// Makes the workspace a git repository with one commit of everything (user configured, branch main); with
    /// <paramref name="ignoreWorktrees"/> false there is no <c>.gitignore</c>, as in a fresh repository of a new user.
    /// </summary>
    public void InitGit(bool ignoreWorktrees = true)
    {
        TestRepository.Init(Workspace, "Panel Tester", "panel@example.invalid");
        if (ignoreWorktrees) File.WriteAllText(Path.Combine(Workspace, ".gitignore"), ".worktree/\n");
        else File.WriteAllText(Path.Combine(Workspace, ".yoi", ".gitignore"), "tickets/.ticket-backend.lock\n"); // as `yoi init` writes it
        Git("add", "-A");
        Git("commit", "-q", "-m", "initial");
    }

    /// <summary>Runs git in <paramref name="dir"/> (default: the workspace) and returns stdout; fails the test on error.</summary>
    public string GitIn(string dir, params string[] args)
    {
        var result = global::Yoi.Core.Git.GitCli.RunAsync(dir, args).GetAwaiter().GetResult();
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', args)}: {result.Message}");
        return result.Stdout;
    }

    public string Git(params string[] args) => GitIn(Workspace, args);

    public string WorktreePath => Path.Combine(Workspace, ".worktree", "orchestration");

    /// <summary>Creates the orchestration worktree on branch orchestration.</summary>
    public void AddWorktree() => Git("worktree", "add", "-q", WorktreePath, "-b", "orchestration");

    /// <summary>The Ticket store inside the orchestration worktree.</summary>
    public TicketStore WorktreeTickets => new(Path.Combine(WorktreePath, ".yoi", "tickets"),
        new TicketStoreOptions { WorkspaceRoot = WorktreePath, Time = Clock, DefaultAuthor = "orchestrator" });

    /// <summary>The model as text with the temp directory replaced by &lt;tmp&gt;.</summary>
    /// <summary>The model as snapshot text: the temp dir and the workspace hash in Pod names (they vary per run) scrubbed.</summary>
    public string Text(PanelModel model) => WorkspaceHash.Scrub(PanelModelText.Render(model).Replace(_dir.Path, "<tmp>", StringComparison.Ordinal), Workspace);

    /// <summary>
    /// Stops every live Pod, delegated children before the rest: a child reports its shut-down to its parent, and a
    /// parent already gone makes it wait out the connect budget (5 s) before it keeps the event in the parent's inbox.
    /// </summary>
    public void StopAll()
    {
        foreach (var name in Metadata.ListNames().OrderBy(n => Metadata.Read(n).Metadata?.Delegation is null))
        {
            if (!PodClient.ProbeAsync(Paths.PodSocketPath(name), TimeSpan.FromMilliseconds(300)).GetAwaiter().GetResult().Reachable) continue;
            try { Control.StopAsync(name).GetAwaiter().GetResult(); }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException) { }
        }
    }

    public void Dispose()
    {
        StopAll();
        _dir.Dispose();
    }
}
