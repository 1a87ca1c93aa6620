using Yoi.Core.Delegation;
using Yoi.Core.Panel;

namespace Yoi.Tests.Support;

/// <summary>
/// A <see cref="PanelWorld"/> that is a git repository (branch main) with a running parent Pod <c>boss</c> (echo engine)
/// and a <c>shell</c> profile (<c>sh -s</c>): a child spawned with <see cref="Spawn"/> runs its first message as a shell
/// script in its own worktree, so a test decides exactly what the child commits. Every Pod is stopped on dispose.
/// </summary>
public sealed class DelegationWorld : IDisposable
{
    public const string Parent = "boss";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public const string Config = """
        {
          "tickets": { "root": ".yoi/tickets" },
          "profiles": { "default": { "engine": "echo" }, "shell": { "engine": "command", "command": ["sh", "-s"] } },
          "roles": { "companion": { "profile": "default" }, "orchestrator": { "profile": "default" }, "intake": { "profile": "default" } },
          "panel": { "autostart": ["companion"] },
        }
        """;

    public DelegationWorld()
    {
        Panel = new PanelWorld(config: Config);
        Panel.InitGit();
        Panel.StartPod(Parent);
    }

    public PanelWorld Panel { get; }

    public string Workspace => Panel.Workspace;

    public string Worktree(string child) => ChildWorktree.PathFor(Workspace, child);

    /// <summary>Spawns <paramref name="child"/> of <c>boss</c> in its own worktree; <paramref name="script"/> is its first turn.</summary>
    public SpawnResult Spawn(string child, string script, string? ticket = null) =>
        new ChildSpawner(Panel.Services).SpawnAsync(new SpawnRequest(child, Parent, script, Worktree: true, Profile: "shell", Ticket: ticket))
            .GetAwaiter().GetResult();

    /// <summary>Observes with <paramref name="loader"/> until <paramref name="ready"/> holds for the model; returns that model.</summary>
    public static PanelModel ObserveUntil(PanelLoader loader, Func<PanelModel, bool> ready, string what)
    {
        PanelModel? model = null;
        Poll.Until(() => ready(model = loader.ReloadAsync(PanelReloadMode.Observe).GetAwaiter().GetResult()), Patience, what);
        return model!;
    }

    /// <summary>The child's row under its parent (not the one under a Ticket), or null.</summary>
    public static ChildPodRow? ChildRow(PanelModel model, string child) => model.Find(PanelRowKey.Child(child)) as ChildPodRow;

    /// <summary>Waits until the child's first turn ended (it is idle) and its branch has <paramref name="ahead"/> commits.</summary>
    public PanelModel WaitForChild(PanelLoader loader, string child, int ahead = 1) =>
        ObserveUntil(loader, m => ChildRow(m, child) is { Pod.Status: PodRowStatus.LiveIdle, Summary.Counts.Ahead: var a } && a == ahead,
            $"`{child}` idle with {ahead} commit(s) on its branch");

    public string Git(params string[] args) => Panel.Git(args);

    public void Dispose() => Panel.Dispose();
}
