namespace Yoi.Tui.Cli;

/// <summary>
/// Resolves a workspace profile to the engine spec passed to the daemon (<c>--engine-spec-json</c>).
/// Until the workspace config module is wired in, no spec is passed and the daemon uses its echo default.
/// </summary>
internal static class EngineResolver
{
    public static string? Resolve(string workspace, string? profile) => null;
}
