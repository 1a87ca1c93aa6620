using Yoi.Core.Hosting;
using Yoi.Core.Config;
using Yoi.Core.Git;
using Yoi.Core.Launch;
using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Workflows;

/// <summary>
/// Companion and Orchestrator lifecycle (reference §2.5, §2.6). Observe maps what the Pod list shows; Ensure
/// (startup only) restores a stopped Pod or spawns a missing one for each role named in <c>panel.autostart</c>,
/// preparing the orchestration worktree with git first when the workspace is a git repository.
/// </summary>
internal sealed class PanelLifecycle(YoiServices services)
{
    public const string OrchestratorInstruction = "Workspace panel opened for this Ticket-enabled workspace. Coordinate Ticket routing and " +
        "wait for explicit follow-up before spawning role Pods.";

    /// <summary>What the Pod list says about one fixed-identity Pod.</summary>
    public static LifecycleStatus Observe(string podName, PodRow? pod, string role) => pod switch
    {
        null => new LifecycleStatus(podName, LifecycleState.Missing),
        { Live: true } => new LifecycleStatus(podName, LifecycleState.Live),
        { Status: PodRowStatus.Stopped or PodRowStatus.Crashed } => new LifecycleStatus(podName, LifecycleState.Stopped),
        _ => new LifecycleStatus(podName, LifecycleState.Unavailable,
            $"Workspace {role} Pod state is unusable: pod state has no active session to restore; stop and remove it with `yoi pod` or start it again"),
    };

    public async Task<LifecycleStatus> EnsureCompanionAsync(string workspace, string name, WorkspaceConfig config, PodRow? pod, CancellationToken cancellationToken)
    {
        var observed = Observe(name, pod, "Companion");
        switch (observed.State)
        {
            case LifecycleState.Stopped:
                try
                {
                    await services.Pods.RestoreAsync(name, workspace, false, cancellationToken).ConfigureAwait(false);
                    return new LifecycleStatus(name, LifecycleState.Restored, "restored existing Pod state");
                }
                catch (Exception ex) when (ex is PodLaunchException or InvalidOperationException or IOException or ConfigException)
                {
                    return new LifecycleStatus(name, LifecycleState.Unavailable, $"could not restore workspace Companion: {PanelText.Bounded(ex.Message)}");
                }
            case LifecycleState.Missing:
                var profile = config.Roles.TryGetValue(WorkspaceConfig.Companion, out var role) ? role.Profile : EngineSpecResolver.DefaultProfile;
                try
                {
                    await services.Pods.StartAsync(new PodLaunchRequest(workspace, name, profile, WorkspaceConfig.Companion), cancellationToken).ConfigureAwait(false);
                    return new LifecycleStatus(name, LifecycleState.Spawned,
                        profile == EngineSpecResolver.DefaultProfile ? "launched with default Companion profile" : $"launched with Companion profile {profile}");
                }
                catch (Exception ex) when (ex is PodLaunchException or InvalidOperationException or IOException or ConfigException)
                {
                    return new LifecycleStatus(name, LifecycleState.Unavailable, $"could not spawn workspace Companion: {PanelText.Bounded(ex.Message)}");
                }
            default:
                return observed;
        }
    }

    public async Task<LifecycleStatus> EnsureOrchestratorAsync(string workspace, string name, WorkspaceConfig config, PodRow? pod, CancellationToken cancellationToken)
    {
        var observed = Observe(name, pod, "Orchestrator");
        if (observed.State is not (LifecycleState.Stopped or LifecycleState.Missing)) return observed;
        var worktree = new OrchestrationWorktree(workspace, config);
        var git = await OrchestrationWorktree.IsGitRepositoryAsync(workspace, cancellationToken).ConfigureAwait(false);
        string cwd = workspace, where;
        try
        {
            if (git)
            {
                if (observed.State == LifecycleState.Missing)
                {
                    var how = await worktree.PrepareAsync(cancellationToken).ConfigureAwait(false);
                    where = $"{how} orchestration worktree {worktree.Path} on branch {worktree.Branch}";
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
        catch (Exception ex) when (ex is GitException or IOException or UnauthorizedAccessException)
        {
            return new LifecycleStatus(name, LifecycleState.Unavailable, $"could not prepare orchestration worktree: {PanelText.Bounded(ex.Message)}");
        }
        try
        {
            if (observed.State == LifecycleState.Stopped)
            {
                await services.Pods.StartAsync(new PodLaunchRequest(workspace, name, config.Role(WorkspaceConfig.Orchestrator).Profile,
                    WorkspaceConfig.Orchestrator, Cwd: cwd), cancellationToken).ConfigureAwait(false);
                return new LifecycleStatus(name, LifecycleState.Restored, $"restored existing Pod state; {where}");
            }
            var launcher = new RoleLauncher(services);
            await launcher.LaunchOrchestratorAsync(workspace, cwd, OrchestratorInstruction, cancellationToken).ConfigureAwait(false);
            return new LifecycleStatus(name, LifecycleState.Spawned,
                $"launched with profile {config.Role(WorkspaceConfig.Orchestrator).Profile}; {where}");
        }
        catch (Exception ex) when (ex is PodLaunchException or RoleLaunchException or InvalidOperationException or IOException or ConfigException)
        {
            var verb = observed.State == LifecycleState.Stopped ? "restore" : "spawn";
            return new LifecycleStatus(name, LifecycleState.Unavailable, $"could not {verb} workspace Orchestrator: {PanelText.Bounded(ex.Message)}");
        }
    }
}
