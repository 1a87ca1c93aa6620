using Yoi.Core.Hosting;
using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Launch;
using Yoi.Core.Text;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Workflows;

/// <summary>What the Pod list says about a fixed-identity Pod, as far as its lifecycle cares.</summary>
public enum RolePodState
{
    /// <summary>Live (its socket answers).</summary>
    Live,
    /// <summary>Stored, not live, with a session to restore (stopped cleanly or crashed).</summary>
    Stopped,
    /// <summary>Stored but neither live nor restorable (no active session).</summary>
    Unusable,
}

/// <summary>The workflow's input: a fixed-identity Pod (Companion or Orchestrator) as the Pod list shows it.</summary>
public sealed record RolePod(string Name, RolePodState State);

/// <summary>The lifecycle state of a fixed-identity Pod after observing or ensuring it (docs/original-panel.md §2.5).</summary>
public enum RoleState
{
    /// <summary>Live and reachable.</summary>
    Live,
    /// <summary>Restored by this ensure step.</summary>
    Restored,
    /// <summary>Spawned by this ensure step.</summary>
    Spawned,
    /// <summary>Stored, not live (observing never restores it).</summary>
    Stopped,
    /// <summary>No Pod with that name in this workspace.</summary>
    Missing,
    /// <summary>Present but unusable, or a restore/spawn failed; the detail says why.</summary>
    Unavailable,
}

/// <summary>
/// What the lifecycle found or did for one fixed-identity Pod: its state, why (<see cref="Detail"/>), and a one-time
/// <see cref="Announcement"/> of what the step changed for the user (e.g. a created worktree).
/// </summary>
public sealed record RoleStatus(string PodName, RoleState State, string? Detail = null)
{
    public string? Announcement { get; init; }

    /// <summary>True for live, restored and spawned: a message or peer registration can go to it now.</summary>
    public bool IsUp => State is RoleState.Live or RoleState.Restored or RoleState.Spawned;
}

/// <summary>
/// Companion and Orchestrator lifecycle (docs/original-panel.md §2.5, §2.6). Observe maps what the Pod list shows; Ensure
/// restores a stopped Pod or spawns a missing one (the panel at startup for each role named in <c>panel.autostart</c>,
/// and Queue for the Orchestrator), preparing the orchestration worktree with git first when the workspace is a git
/// repository. The panel maps the result to its header (<c>LifecycleStatus</c>).
/// </summary>
internal sealed class RoleLifecycle(YoiServices services)
{
    /// <summary>How much of a failure's message a detail keeps.</summary>
    public const int DetailLimit = 180;

    public const string OrchestratorInstruction = "Workspace panel opened for this Ticket-enabled workspace. Coordinate Ticket routing and " +
        "wait for explicit follow-up before spawning role Pods.";

    /// <summary>What the Pod list says about one fixed-identity Pod (null: not in the list).</summary>
    public static RoleStatus Observe(string podName, RolePod? pod, string role) => pod?.State switch
    {
        null => new RoleStatus(podName, RoleState.Missing),
        RolePodState.Live => new RoleStatus(podName, RoleState.Live),
        RolePodState.Stopped => new RoleStatus(podName, RoleState.Stopped),
        _ => new RoleStatus(podName, RoleState.Unavailable,
            $"Workspace {role} Pod state is unusable: pod state has no active session to restore; stop and remove it with `yoi pod` or start it again"),
    };

    public async Task<RoleStatus> EnsureCompanionAsync(string workspace, string name, WorkspaceConfig config, RolePod? pod, CancellationToken cancellationToken)
    {
        var observed = Observe(name, pod, "Companion");
        switch (observed.State)
        {
            case RoleState.Stopped:
                try
                {
                    await services.Pods.RestoreAsync(name, workspace, false, cancellationToken).ConfigureAwait(false);
                    return new RoleStatus(name, RoleState.Restored, "restored existing Pod state");
                }
                catch (Exception ex) when (YoiException.IsReportable(ex))
                {
                    return new RoleStatus(name, RoleState.Unavailable, $"could not restore workspace Companion: {TextBounds.OneLine(ex.Message, DetailLimit)}");
                }
            case RoleState.Missing:
                var profile = config.Roles.TryGetValue(WorkspaceConfig.Companion, out var role) ? role.Profile : EngineSpecResolver.DefaultProfile;
                try
                {
                    await services.Pods.StartAsync(new PodLaunchRequest(workspace, name, profile, WorkspaceConfig.Companion), cancellationToken).ConfigureAwait(false);
                    return new RoleStatus(name, RoleState.Spawned,
                        profile == EngineSpecResolver.DefaultProfile ? "launched with default Companion profile" : $"launched with Companion profile {profile}");
                }
                catch (Exception ex) when (YoiException.IsReportable(ex))
                {
                    return new RoleStatus(name, RoleState.Unavailable, $"could not spawn workspace Companion: {TextBounds.OneLine(ex.Message, DetailLimit)}");
                }
            default:
                return observed;
        }
    }

    /// <summary>What the header says about an Orchestrator that waits for its first queued Ticket.</summary>
    public const string NotNeededYet = "not started yet: it starts, with its orchestration worktree, when a Ticket is queued";

    /// <summary>
    /// Restores a stopped Orchestrator or spawns a missing one. <paramref name="needed"/> is false while no Ticket is
    /// queued or in progress: then a missing Orchestrator whose worktree does not exist yet is left missing (nothing is
    /// created in the repository before the Orchestrator has work; the panel's Queue starts it).
    /// </summary>
    public async Task<RoleStatus> EnsureOrchestratorAsync(string workspace, string name, WorkspaceConfig config, RolePod? pod, bool needed,
        CancellationToken cancellationToken)
    {
        var observed = Observe(name, pod, "Orchestrator");
        if (observed.State is not (RoleState.Stopped or RoleState.Missing)) return observed;
        var worktree = new OrchestrationWorktree(workspace, config);
        var git = await OrchestrationWorktree.IsGitRepositoryAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (git && !needed && observed.State == RoleState.Missing && !Path.Exists(worktree.Path))
            return observed with { Detail = NotNeededYet };
        string cwd = workspace, where;
        string? announcement = null;
        try
        {
            if (git)
            {
                if (observed.State == RoleState.Missing)
                {
                    var how = await worktree.PrepareAsync(cancellationToken).ConfigureAwait(false);
                    where = $"{how} orchestration worktree {worktree.Path} on branch {worktree.Branch}";
                    if (how == OrchestrationWorktree.Created)
                        announcement = $"Created the Orchestrator's worktree {worktree.Folder} (branch {worktree.Branch}), " +
                            "excluded from git status by .git/info/exclude.";
                }
                else
                {
                    var check = await worktree.CheckAsync(requireClean: false, cancellationToken).ConfigureAwait(false);
                    if (!check.Valid) throw new GitException(check.Problem!);
                    where = $"orchestration worktree {worktree.Path} on branch {worktree.Branch}";
                }
                cwd = worktree.Path;
            }
            else
            {
                where = $"no orchestration worktree: {workspace} is not a git repository, so the Orchestrator runs in the workspace";
            }
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            return new RoleStatus(name, RoleState.Unavailable, $"could not prepare orchestration worktree: {TextBounds.OneLine(ex.Message, DetailLimit)}");
        }
        try
        {
            if (observed.State == RoleState.Stopped)
            {
                await services.Pods.StartAsync(new PodLaunchRequest(workspace, name, config.Role(WorkspaceConfig.Orchestrator).Profile,
                    WorkspaceConfig.Orchestrator, Cwd: cwd), cancellationToken).ConfigureAwait(false);
                return new RoleStatus(name, RoleState.Restored, $"restored existing Pod state; {where}");
            }
            var launcher = new RoleLauncher(services);
            await launcher.LaunchOrchestratorAsync(workspace, cwd, OrchestratorInstruction, cancellationToken).ConfigureAwait(false);
            return new RoleStatus(name, RoleState.Spawned,
                $"launched with profile {config.Role(WorkspaceConfig.Orchestrator).Profile}; {where}") { Announcement = announcement };
        }
        catch (Exception ex) when (YoiException.IsReportable(ex))
        {
            var verb = observed.State == RoleState.Stopped ? "restore" : "spawn";
            return new RoleStatus(name, RoleState.Unavailable, $"could not {verb} workspace Orchestrator: {TextBounds.OneLine(ex.Message, DetailLimit)}");
        }
    }
}
