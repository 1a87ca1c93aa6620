using System.Buffers;
using System.Text;
using System.Text.Json;
using Yoi.Core.Paths;

namespace Yoi.Core.Config;

/// <summary>
/// Turns a profile name into the engine spec the daemon receives (<c>--engine-spec-json</c>):
/// <c>{"engine":"echo"}</c> or <c>{"engine":"command","command":[…]}</c>. No profile means the workspace's
/// <c>default</c> profile.
/// </summary>
public static class EngineSpecResolver
{
    public const string DefaultProfile = "default";

    public static string Resolve(WorkspaceConfig config, string? profile)
    {
        var name = string.IsNullOrEmpty(profile) ? DefaultProfile : profile;
        if (!config.Profiles.TryGetValue(name, out var spec))
        {
            if (name == DefaultProfile) return Encode("echo", []);
            throw new ConfigException(config.WorkspaceConfigPath, $"$.profiles.{name}",
                $"profile `{name}` is not defined; defined profiles: {string.Join(", ", config.Profiles.Keys.Order(StringComparer.Ordinal))}");
        }
        return Encode(spec.Engine, spec.Command);
    }

    /// <summary>Loads the workspace and user config and resolves the profile.</summary>
    public static string Resolve(YoiPaths paths, string workspace, string? profile) =>
        Resolve(WorkspaceConfigLoader.Load(workspace, paths.ConfigOrNull is { } c ? Path.Combine(c, "config.json") : null), profile);

    private static string Encode(string engine, IReadOnlyList<string> command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Protocol.ProtocolJson.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("engine", engine);
            if (command.Count > 0)
            {
                writer.WriteStartArray("command");
                foreach (var arg in command) writer.WriteStringValue(arg);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
