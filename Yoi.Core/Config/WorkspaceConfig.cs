namespace Yoi.Core.Config;

/// <summary>
/// A launch profile: <c>echo</c> (built-in test engine), <c>command</c> with an argv template, or an agent preset
/// (<c>claude</c>, <c>codex</c>). <see cref="SpecJson"/> is the profile object itself, which the daemon receives as
/// its engine spec (Runtime/Engines/EngineSpec reads and validates it).
/// </summary>
public sealed record ProfileConfig(string Engine, IReadOnlyList<string> Command, string SpecJson);

/// <summary>Which profile and workflow a role uses.</summary>
public sealed record RoleConfig(string Profile, string? Workflow);

/// <summary>
/// The merged workspace configuration (<c>.yoi/config.json</c> over <c>&lt;config&gt;/config.json</c> over
/// defaults). Paths are absolute. A tickets root that does not exist means a Pod-only panel.
/// </summary>
public sealed record WorkspaceConfig(
    string WorkspaceRoot,
    string TicketsRoot,
    string? Language,
    string OrchestrationBranch,
    string OrchestrationWorktree,
    IReadOnlyDictionary<string, ProfileConfig> Profiles,
    IReadOnlyDictionary<string, RoleConfig> Roles,
    IReadOnlyList<string> Autostart)
{
    public const string Companion = "companion";
    public const string Orchestrator = "orchestrator";
    public const string Intake = "intake";
    public const string NotifyBell = "bell";
    public const string NotifyDesktop = "desktop";
    public const string NotifyNone = "none";

    /// <summary><c>panel.notify</c>: how the open panel signals a finished or failed turn (bell, desktop = OSC 9/777); default both.</summary>
    public IReadOnlyList<string> Notify { get; init; } = [NotifyBell, NotifyDesktop];

    /// <summary>Problems that did not stop the load (an unknown key, ignored), one line each, for a warning row or stderr.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary><c>panel.mouse</c>: false leaves mouse reporting off so the terminal's own selection works; default true.</summary>
    public bool Mouse { get; init; } = true;
    /// <summary><c>worktree.setup</c>: shell command lines run in every new child worktree (<c>yoi pod spawn --worktree</c>).</summary>
    public IReadOnlyList<string> WorktreeSetup { get; init; } = [];

    public static readonly string[] RoleNames = [Companion, Orchestrator, Intake];

    /// <summary>True when the tickets root exists; otherwise the panel shows Pods only.</summary>
    public bool TicketsEnabled => Directory.Exists(TicketsRoot);

    public string WorkspaceConfigPath => WorkspaceConfigLoader.WorkspaceFile(WorkspaceRoot);

    public RoleConfig Role(string role) => Roles[role];

    public ProfileConfig ProfileFor(string role) => Profiles[Roles[role].Profile];
}
