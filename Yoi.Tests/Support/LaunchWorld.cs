using Yoi.Core.Hosting;
using Yoi.Core.Claims;
using Yoi.Core.Config;
using Yoi.Core.Launch;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Support;

/// <summary>
/// A temp workspace with `.yoi/config.json`, a Ticket store and yoi data/runtime dirs, plus the real launcher.
/// Every Pod started through it is stopped on dispose.
/// </summary>
public sealed class LaunchWorld : IDisposable
{
    private readonly TempDir _dir = new("yoi-launch");

    public LaunchWorld(PodExecutable? executable = null)
    {
        Workspace = WorkspaceKey.Canonicalize(Directory.CreateDirectory(_dir.Combine("ws")).FullName);
        Paths = new YoiPaths(_dir.Combine("c"), _dir.Combine("d"), _dir.Combine("r"));
        Directory.CreateDirectory(Path.Combine(Workspace, ".yoi"));
        File.WriteAllText(WorkspaceConfigLoader.WorkspaceFile(Workspace), StarterConfig.Text);
        Directory.CreateDirectory(Path.Combine(Workspace, ".yoi", "tickets"));
        Services = new YoiServices(Paths, TimeProvider.System, executable ?? YoiProcess.Executable);
        Store = Services.PodStore;
        Control = Services.Pods;
    }

    public string Workspace { get; }
    public YoiPaths Paths { get; }
    public YoiServices Services { get; }
    public PodMetadataStore Store { get; }
    public PodControl Control { get; }
    public TicketStore Tickets => new(Path.Combine(Workspace, ".yoi", "tickets"), new TicketStoreOptions { WorkspaceRoot = Workspace, Time = TimeProvider.System });
    public TicketClaims Claims => new(RegistryLocation.ForWorkspace(Paths, Workspace), TimeProvider.System);
    public ClaimService ClaimService => new(Claims, new FilePodStatusSource(Store));

    public RoleLauncher Launcher(Func<string, Task>? beforeSpawn = null) => new(Services) { BeforeSpawn = beforeSpawn };

    public string CreateTicket(string title, TicketState state = TicketState.Planning)
    {
        var id = Tickets.Create(new NewTicket(title));
        if (state >= TicketState.Ready) Tickets.MarkReady(id, "ready for work");
        return id;
    }

    public bool IsLive(string pod) => PodClient.ProbeAsync(Paths.PodSocketPath(pod), TimeSpan.FromMilliseconds(300)).GetAwaiter().GetResult().Reachable;

    public void StopAll()
    {
        foreach (var name in Store.ListNames())
        {
            if (!IsLive(name)) continue;
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
