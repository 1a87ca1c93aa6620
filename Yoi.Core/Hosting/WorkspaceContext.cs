using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Hosting;

/// <summary>How an action writes Tickets: the author of its events and the lifecycle sinks that follow a mutation.</summary>
/// <param name="Author">The author of recorded events (default: <see cref="TicketAuthor.FromEnvironment"/> of <see cref="YoiServices.Env"/>).</param>
/// <param name="Sinks">The sinks of this action's Ticket store, built from the loaded context.</param>
/// <param name="OnSinkError">Called when a sink throws (the mutation itself already succeeded).</param>
public sealed record TicketWriting(
    string? Author = null,
    Func<WorkspaceContext, IReadOnlyList<ITicketLifecycleSink>>? Sinks = null,
    Action<Exception>? OnSinkError = null);

/// <summary>
/// One workspace as one action sees it, loaded once per action (a CLI command, a panel action, a launch) and passed
/// down, so every step of the action reads the same authority: the canonical root, the merged config, the Ticket
/// store (language, clock, author, sinks), the Ticket claims and the role-session registry. Load it again for the
/// next action; it never refreshes itself.
/// </summary>
public sealed class WorkspaceContext
{
    private readonly TicketWriting _writing;
    private readonly Lazy<TicketStore> _tickets;
    private readonly Lazy<ClaimService> _claims;
    private readonly Dictionary<string, TicketRecord> _read = new(StringComparer.Ordinal);

    private WorkspaceContext(YoiServices services, string root, WorkspaceConfig config, TicketWriting writing)
    {
        Services = services;
        Root = root;
        Config = config;
        _writing = writing;
        Location = RegistryLocation.ForWorkspace(services.Paths, root);
        _tickets = new(BuildTickets);
        _claims = new(() => new ClaimService(new TicketClaims(Location, services.Time),
            new FilePodStatusSource(services.PodStore)));
    }

    /// <summary>
    /// Canonicalizes <paramref name="workspace"/> and loads its merged config (workspace + user file) once.
    /// A config that cannot be used throws <see cref="ConfigException"/> naming the file and key.
    /// </summary>
    public static WorkspaceContext Load(YoiServices services, string workspace, TicketWriting? writing = null)
    {
        var root = WorkspaceKey.Canonicalize(workspace);
        return new WorkspaceContext(services, root, services.LoadConfig(root), writing ?? new TicketWriting());
    }

    public YoiServices Services { get; }

    /// <summary>The canonical workspace root (symlinks resolved, no trailing slash).</summary>
    public string Root { get; }

    /// <summary>The workspace config merged over the user config, as loaded for this action.</summary>
    public WorkspaceConfig Config { get; }

    /// <summary>Where this workspace's claims and role-session registry live.</summary>
    public RegistryLocation Location { get; }

    /// <summary>The Ticket store of this workspace, with the action's author and sinks (built on first use).</summary>
    public TicketStore Tickets => _tickets.Value;

    /// <summary>
    /// One Ticket (id by unique prefix, any case) as this action sees it: read on first use, then the same record for
    /// the rest of the action (a recheck and the launch that follows agree). A missing Ticket throws
    /// <see cref="TicketException"/>.
    /// </summary>
    public TicketRecord Ticket(string id)
    {
        lock (_read)
        {
            if (_read.TryGetValue(id, out var known)) return known;
            Services.Loads.CountTicket();
            var record = Tickets.Show(id);
            _read[id] = record;
            _read[record.Id] = record;
            return record;
        }
    }

    /// <summary>The Ticket claims of this workspace, observing Pods through the process's Pod store.</summary>
    public ClaimService Claims => _claims.Value;

    /// <summary>The role-session registry of this workspace.</summary>
    public RoleSessionRegistry Registry => new(Location, Services.Time);

    private TicketStore BuildTickets() => new(Config.TicketsRoot, new TicketStoreOptions
    {
        Language = Config.Language,
        WorkspaceRoot = Root,
        Time = Services.Time,
        DefaultAuthor = _writing.Author ?? TicketAuthor.FromEnvironment(Services.Env),
        Sinks = _writing.Sinks?.Invoke(this) ?? [],
        OnSinkError = _writing.OnSinkError,
    });
}
