using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Launch;

/// <summary>A resolved role launch: the profile, the workflow (sent only as a workflow_invoke segment) and the engine spec.</summary>
public sealed record RolePlan(string Role, string Profile, string Workflow, string EngineSpecJson);

/// <summary>
/// The workspace a launch runs in, loaded fresh for every launch so each action re-checks current authority:
/// the canonical path, its config, its Ticket store, its claims and its role-session registry.
/// </summary>
public sealed class RoleContext
{
    private readonly YoiPaths _paths;

    private RoleContext(YoiPaths paths, string workspace, WorkspaceConfig config)
    {
        _paths = paths;
        Workspace = workspace;
        Config = config;
    }

    public string Workspace { get; }
    public WorkspaceConfig Config { get; }

    public static RoleContext Load(YoiPaths paths, string workspace)
    {
        var canonical = WorkspaceKey.Canonicalize(workspace);
        WorkspaceConfig config;
        try
        {
            config = WorkspaceConfigLoader.Load(canonical, paths.ConfigOrNull is { } c ? Path.Combine(c, "config.json") : null);
        }
        catch (ConfigException ex)
        {
            throw new RoleLaunchException($"launch plan failed; no claim written: {ex.Message}", ClaimDisposition.None, null, ex);
        }
        return new RoleContext(paths, canonical, config);
    }

    public void RequireTickets()
    {
        if (!Config.TicketsEnabled)
            throw new RoleLaunchException($"Tickets are not set up in {Workspace}: no Ticket root at {Config.TicketsRoot}; run `yoi init` first.",
                ClaimDisposition.None);
    }

    public TicketStore Tickets(IReadOnlyList<ITicketLifecycleSink>? sinks = null)
    {
        RequireTickets();
        return new TicketStore(Config.TicketsRoot, new TicketStoreOptions { WorkspaceRoot = Workspace, Sinks = sinks ?? [] });
    }

    public TicketRecord Ticket(string ticketId)
    {
        try
        {
            return Tickets().Show(ticketId);
        }
        catch (TicketException ex)
        {
            throw new RoleLaunchException(ex.Message, ClaimDisposition.None, null, ex);
        }
    }

    /// <summary>Resolves the role's profile, workflow and engine before anything is claimed or spawned.</summary>
    public RolePlan Plan(string role)
    {
        try
        {
            var roleConfig = Config.Role(role);
            var engine = EngineSpecResolver.Resolve(Config, roleConfig.Profile);
            return new RolePlan(role, roleConfig.Profile, roleConfig.Workflow ?? DefaultWorkflow(role), engine);
        }
        catch (Exception ex) when (ex is ConfigException or KeyNotFoundException)
        {
            throw new RoleLaunchException($"Ticket {ClaimMessages.RoleLabel(role)} launch plan failed; no claim written: {ex.Message}",
                ClaimDisposition.None, null, ex);
        }
    }

    public ClaimService Claims() =>
        new(new TicketClaims(RegistryLocation.ForWorkspace(_paths, Workspace), TimeProvider.System), new FilePodStatusSource(_paths));

    public string SocketOf(string podName) => _paths.PodSocketPath(podName);

    public RoleSessionRegistry Registry(TimeProvider time) => new(RegistryLocation.ForWorkspace(_paths, Workspace), time);

    private static string DefaultWorkflow(string role) => role switch
    {
        RoleLauncher.OrchestratorRole => "ticket-orchestrator-routing",
        _ => "ticket-intake-workflow",
    };
}
