using System.Text.Json.Serialization;

namespace Yoi.Tui.Cli;

/// <summary>Source-generated JSON for CLI <c>--json</c> output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PodInspection))]
[JsonSerializable(typeof(IntakeOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

internal static class CliJson
{
    public static readonly CliJsonContext Context = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Yoi.Core.Protocol.ProtocolJson.Encoder,
    });
}
