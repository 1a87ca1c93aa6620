using Yoi.Core.Hosting;
using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Launch;
using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Demo;

/// <summary>Where a demo lives: the demo directory, the git workspace inside it, and its own yoi home.</summary>
public sealed record DemoLayout(string Directory, string Workspace, string Home)
{
    public const string WorkspaceName = "yoi-demo";
    public const string HomeName = "home";

    public static DemoLayout In(string directory)
    {
        var full = Path.GetFullPath(directory);
        return new DemoLayout(full, Path.Combine(full, WorkspaceName), Path.Combine(full, HomeName));
    }
}

/// <summary>What <see cref="DemoWorkspace.BuildAsync"/> created.</summary>
public sealed record DemoResult(
    DemoLayout Layout,
    string Workspace,
    DemoTicketSet Tickets,
    string CompanionPod,
    string OrchestratorPod,
    string IntakePod,
    string StalePod,
    IReadOnlyList<string> Warnings)
{
    public IReadOnlyList<string> Pods => [CompanionPod, OrchestratorPod, IntakePod];
}

/// <summary>
/// Builds the throwaway demo workspace of <c>yoi demo</c> through the real components: a git repository with an
/// initial commit and the starter <c>.yoi/config.json</c>, Tickets in every state (<see cref="DemoTickets"/>), the
/// orchestration worktree, the Companion and the Orchestrator on the echo engine, one Intake Pod launched with
/// claim-before-spawn on a planning Ticket, and one stale claim whose Pod has no metadata.
/// </summary>
public sealed class DemoWorkspace(YoiServices services)
{
    public const string GitAuthorName = "yoi demo";
    public const string GitAuthorEmail = "demo@yoi.invalid";

    public const string OrchestratorInstruction =
        "Demo workspace: route queued Tickets when the human asks. This Pod runs the built-in echo engine.";

    public async Task<DemoResult> BuildAsync(DemoLayout layout, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(layout.Workspace) && Directory.EnumerateFileSystemEntries(layout.Workspace).Any())
            throw new DemoException($"{layout.Workspace} already exists and is not empty; pass another --dir or remove it first");
        Directory.CreateDirectory(layout.Workspace);
        var workspace = WorkspaceKey.Canonicalize(layout.Workspace);

        await GitAsync(workspace, cancellationToken, "init", "-q", "-b", "main").ConfigureAwait(false);
        var init = WorkspaceInit.Run(workspace, services.UserConfigFile, "yoi demo");
        await File.WriteAllTextAsync(Path.Combine(workspace, ".gitignore"), ".worktree/\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(workspace, "README.md"),
            "# yoi demo\n\nA throwaway workspace made by `yoi demo`. Tickets live in `.yoi/tickets/`.\n", cancellationToken).ConfigureAwait(false);
        var store = new TicketStore(init.TicketsRoot, new TicketStoreOptions { WorkspaceRoot = workspace, Time = services.Time, DefaultAuthor = DemoTickets.Author });
        var tickets = DemoTickets.Seed(store);
        await GitAsync(workspace, cancellationToken, "add", "-A").ConfigureAwait(false);
        await GitAsync(workspace, cancellationToken, "commit", "-q", "-m", "yoi demo workspace").ConfigureAwait(false);
        var config = WorkspaceConfigLoader.Load(workspace, null);
        var worktree = new OrchestrationWorktree(workspace, config);
        await worktree.PrepareAsync(cancellationToken).ConfigureAwait(false);

        var warnings = new List<string>();
        var companion = WorkspacePodNames.Resolve(services.PodStore, workspace).Companion;
        await services.Pods.StartAsync(new PodLaunchRequest(workspace, companion, config.Role(WorkspaceConfig.Companion).Profile, WorkspaceConfig.Companion),
            cancellationToken).ConfigureAwait(false);

        var launcher = new RoleLauncher(services);
        var orchestrator = await launcher.LaunchOrchestratorAsync(workspace, worktree.Path,
            OrchestratorInstruction, cancellationToken).ConfigureAwait(false);
        warnings.AddRange(orchestrator.Warnings);

        var handoff = await launcher.HandoffAsync(workspace, cancellationToken).ConfigureAwait(false);
        var intake = await launcher.LaunchIntakeForTicketAsync(workspace, tickets.IntakeTicket, handoff, null, cancellationToken).ConfigureAwait(false);
        warnings.AddRange(intake.Warnings);

        // A claim whose Pod was never created: the panel shows it as stale (no pod metadata) and offers Reclaim.
        var stalePod = PodName.IntakeForTicket(tickets.StaleClaimTicket);
        var claims = new TicketClaims(RegistryLocation.ForWorkspace(services.Paths, workspace), services.Time);
        claims.Claim(tickets.StaleClaimTicket, null, stalePod, RoleLauncher.IntakeRole);

        return new DemoResult(layout, workspace, tickets, companion, orchestrator.PodName, intake.PodName, stalePod, warnings);
    }

    /// <summary>
    /// git for the demo's own commits: the author is passed with <c>-c</c>, so the demo works where user.name/user.email
    /// are unset, and the user's git config is never changed.
    /// </summary>
    private static async Task GitAsync(string workspace, CancellationToken cancellationToken, params string[] args)
    {
        string[] identity = ["-c", $"user.name={GitAuthorName}", "-c", $"user.email={GitAuthorEmail}", "-c", "commit.gpgsign=false"];
        try
        {
            await GitCli.OutputAsync(workspace, [.. identity, .. args], cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            throw new DemoException($"{ex.Message}; yoi demo needs git on PATH", ex);
        }
    }

    /// <summary>Stops every live Pod whose metadata names <paramref name="workspace"/>; returns the names it stopped.</summary>
    public async Task<IReadOnlyList<string>> StopPodsAsync(string workspace, CancellationToken cancellationToken = default)
    {
        var canonical = WorkspaceKey.Canonicalize(workspace);
        var stopped = new List<string>();
        foreach (var name in services.Pods.Store.ListNames())
        {
            var read = services.Pods.Store.Read(name);
            if (read.Metadata?.WorkspaceRoot is not { } root || WorkspaceKey.Canonicalize(root) != canonical) continue;
            if (!(await services.Pods.ProbeAsync(name, TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false)).Reachable) continue;
            try
            {
                await services.Pods.StopAsync(name, cancellationToken).ConfigureAwait(false);
                stopped.Add(name);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException) { }
        }
        return stopped;
    }

    /// <summary>
    /// Deletes what the demo left in a shared data dir (used when the user's own <c>YOI_HOME</c> hosted it): the metadata
    /// and session logs of Pods whose metadata names <paramref name="workspace"/>, and the workspace's registry.
    /// Call after <see cref="StopPodsAsync"/>; a Pod that is still live is left alone. Returns the Pods removed.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveLocalStateAsync(string workspace, CancellationToken cancellationToken = default)
    {
        var canonical = WorkspaceKey.Canonicalize(workspace);
        var removed = new List<string>();
        foreach (var name in services.Pods.Store.ListNames())
        {
            var metadata = services.Pods.Store.Read(name).Metadata;
            if (metadata?.WorkspaceRoot is not { } root || WorkspaceKey.Canonicalize(root) != canonical) continue;
            if ((await services.Pods.ProbeAsync(name, TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false)).Reachable) continue;
            // PodName.IsValid doubles as "a single safe path segment" for the session id read from the file.
            if (metadata.Active is { } active && PodName.IsValid(active.SessionId))
                DeleteDirectory(Path.Combine(services.Paths.SessionsDir, active.SessionId));
            DeleteDirectory(services.Paths.PodDir(name));
            removed.Add(name);
        }
        DeleteDirectory(RegistryLocation.ForWorkspace(services.Paths, canonical).Directory);
        return removed;
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
