using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Hosting;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Launch;

/// <summary>A resolved role launch: the profile, the workflow (sent only as a workflow_invoke segment) and the engine spec.</summary>
public sealed record RolePlan(string Role, string Profile, string Workflow, string EngineSpecJson);

/// <summary>
/// The workspace a launch runs in, as the launch sees it: a <see cref="WorkspaceContext"/> (loaded once per action, so
/// each action re-checks current authority) with the launch's own failure wording — every refusal here is a
/// <see cref="RoleLaunchException"/> that wrote no claim.
/// </summary>
public sealed class RoleContext(WorkspaceContext context)
{
    public WorkspaceContext Context { get; } = context;
    public string Workspace => Context.Root;
    public WorkspaceConfig Config => Context.Config;

    /// <summary>Loads the workspace for one launch; an unusable config refuses before anything is claimed.</summary>
    public static RoleContext Load(YoiServices services, string workspace)
    {
        try
        {
            return new RoleContext(services.Workspace(workspace));
        }
        catch (ConfigException ex)
        {
            throw new RoleLaunchException($"launch plan failed; no claim written: {ex.Message}", ClaimDisposition.None, null, ex);
        }
    }

    public void RequireTickets()
    {
        if (!Config.TicketsEnabled)
            throw new RoleLaunchException($"Tickets are not set up in {Workspace}: no Ticket root at {Config.TicketsRoot}; run `yoi init` first.",
                ClaimDisposition.None);
    }

    public TicketStore Tickets()
    {
        RequireTickets();
        return Context.Tickets;
    }

    public TicketRecord Ticket(string ticketId)
    {
        try
        {
            RequireTickets();
            return Context.Ticket(ticketId);
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

    public ClaimService Claims() => Context.Claims;

    public string SocketOf(string podName) => Context.Services.Paths.PodSocketPath(podName);

    public RoleSessionRegistry Registry() => Context.Registry;

    private static string DefaultWorkflow(string role) => role switch
    {
        RoleLauncher.OrchestratorRole => "ticket-orchestrator-routing",
        _ => "ticket-intake-workflow",
    };
}
