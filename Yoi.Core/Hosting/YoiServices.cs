using Yoi.Core.Config;
using Yoi.Core.Diagnostics;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Core.Hosting;

/// <summary>
/// The composition root: the long-lived services of one yoi process, built once where the process starts (the CLI
/// entry, which also serves <c>yoi panel</c> and the Pod daemon <c>yoi pod run</c>) and passed down. Nothing else in
/// Yoi.Core picks its own clock or builds its own Pod control. Members are built on first use, so a command that
/// needs none of them (<c>yoi --help</c>) pays nothing. Per-workspace state lives in <see cref="WorkspaceContext"/>.
/// </summary>
public sealed class YoiServices
{
    private readonly Lazy<PodMetadataStore> _podStore;
    private readonly Lazy<PeerLinks> _peerLinks;
    private readonly Lazy<PodDiscovery> _discovery;
    private readonly Lazy<PodControl> _pods;
    private readonly Lazy<YoiLog> _log;

    /// <param name="paths">The config, data and runtime directories.</param>
    /// <param name="time">The one clock of the process (tests pass a fake one).</param>
    /// <param name="executable">How to start a Pod daemon (default: <see cref="PodExecutable.Resolve"/>).</param>
    /// <param name="env">The environment variables the process acts on (default: the process environment; a test passes its own).</param>
    public YoiServices(YoiPaths paths, TimeProvider time, PodExecutable? executable = null, Func<string, string?>? env = null)
    {
        Paths = paths;
        Time = time;
        Env = env ?? Environment.GetEnvironmentVariable;
        _podStore = new(() => new PodMetadataStore(paths, time));
        _peerLinks = new(() => new PeerLinks(PodStore));
        _discovery = new(() => new PodDiscovery(PodStore, PeerLinks, PodDiscovery.DefaultProbeBudget));
        _pods = new(() => new PodControl(paths, PodStore, new PodLauncher(PodStore, executable ?? PodExecutable.Resolve()),
            (workspace, profile) => EngineSpecResolver.Resolve(paths, workspace, profile), time));
        _log = new(() => new YoiLog(paths, time));
    }

    /// <summary>The services of this process: paths from the environment, the system clock.</summary>
    public static YoiServices FromEnvironment() => new(YoiPaths.FromEnvironment(), TimeProvider.System);

    public YoiPaths Paths { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// The environment variables this process acts on: who it is (<c>YOI_POD</c>, <c>YOI_ROLE</c>, <c>USER</c>) and its
    /// budgets. Read through here, never from the process environment directly, so an in-process CLI run (a test) can
    /// give its own without touching the process's.
    /// </summary>
    public Func<string, string?> Env { get; }

    /// <summary>The user config file, or null when no config directory resolves.</summary>
    public string? UserConfigFile => Paths.UserConfigFileOrNull;

    /// <summary>Pod metadata under <c>&lt;data&gt;/pods</c>.</summary>
    public PodMetadataStore PodStore => _podStore.Value;

    /// <summary>Start, restore, stop, send to and probe named Pods.</summary>
    public PodControl Pods => _pods.Value;

    public PeerLinks PeerLinks => _peerLinks.Value;

    public PodDiscovery Discovery => _discovery.Value;

    public PeerMessenger Messenger => new(Discovery);

    /// <summary>The diagnostic log (<c>&lt;data&gt;/logs/yoi.log</c>).</summary>
    public YoiLog Log => _log.Value;

    /// <summary>
    /// Loads the merged config of a canonical workspace root (the workspace file over the user file): the one place
    /// the product reads config. <see cref="Loads"/> counts it, so a test can see an action load it once.
    /// </summary>
    public WorkspaceConfig LoadConfig(string workspaceRoot)
    {
        Loads.CountConfig();
        return WorkspaceConfigLoader.Load(workspaceRoot, UserConfigFile);
    }

    /// <summary>How often this process loaded config and single Tickets (a diagnostic: an action should load each once).</summary>
    public LoadCounters Loads { get; } = new();

    /// <summary>Loads the workspace at <paramref name="workspace"/> (canonical root, merged config) for one action.</summary>
    public WorkspaceContext Workspace(string workspace, TicketWriting? writing = null) => WorkspaceContext.Load(this, workspace, writing);
}
