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

    /// <summary>
    /// The profile a role's Pod runs on now: the role's profile in the config (so a changed role profile reaches the
    /// Pod on its next restore), else <paramref name="recorded"/> (the Pod's metadata) when the Pod has no role or the
    /// config cannot be read.
    /// </summary>
    public static string? ProfileForRestore(YoiPaths paths, string workspace, string? role, string? recorded)
    {
        if (role is null || Array.IndexOf(WorkspaceConfig.RoleNames, role) < 0) return recorded;
        try
        {
            var config = WorkspaceConfigLoader.Load(workspace, paths.UserConfigFileOrNull);
            return config.Roles.TryGetValue(role, out var r) ? r.Profile : recorded;
        }
        catch (ConfigException)
        {
            return recorded;
        }
    }

    /// <summary>Loads the workspace and user config and resolves the profile.</summary>
    public static string Resolve(YoiPaths paths, string workspace, string? profile) =>
        Resolve(WorkspaceConfigLoader.Load(workspace, paths.UserConfigFileOrNull), profile);
}
