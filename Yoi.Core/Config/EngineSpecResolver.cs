using Yoi.Core.Paths;

namespace Yoi.Core.Config;

/// <summary>
/// Turns a profile name into the engine spec the daemon receives (<c>--engine-spec-json</c>):
/// the profile object itself (<c>{"engine":"echo"}</c>, <c>{"engine":"command","command":[…]}</c>,
/// <c>{"engine":"claude",…}</c>). No profile means the workspace's <c>default</c> profile.
/// </summary>
public static class EngineSpecResolver
{
    public const string DefaultProfile = "default";

    public static string Resolve(WorkspaceConfig config, string? profile)
    {
        var name = string.IsNullOrEmpty(profile) ? DefaultProfile : profile;
        if (!config.Profiles.TryGetValue(name, out var spec))
        {
            if (name == DefaultProfile) return """{"engine":"echo"}""";
            throw new ConfigException(config.WorkspaceConfigPath, $"$.profiles.{name}",
                $"profile `{name}` is not defined; defined profiles: {string.Join(", ", config.Profiles.Keys.Order(StringComparer.Ordinal))}");
        }
        return spec.SpecJson;
    }

    /// <summary>Loads the workspace and user config and resolves the profile.</summary>
    public static string Resolve(YoiPaths paths, string workspace, string? profile) =>
        Resolve(WorkspaceConfigLoader.Load(workspace, paths.ConfigOrNull is { } c ? Path.Combine(c, "config.json") : null), profile);
}
