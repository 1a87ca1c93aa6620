using System.Text.Json;
using System.Text.Json.Serialization;
using Yoi.Core.Claims;

namespace Yoi.Core.Registry;

/// <summary>Pretty-printed snake_case JSON for the registry and claim files (nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(RoleSessionsDocument))]
[JsonSerializable(typeof(TicketClaim))]
internal sealed partial class RolesJson : JsonSerializerContext;

/// <summary>Compact snake_case JSON for one-line records (history.jsonl, <c>--json</c> output).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClaimHistoryEntry))]
internal sealed partial class RolesJsonLine : JsonSerializerContext;

/// <summary>
/// The registry and claim contexts as files are written: the generated options plus the relaxed encoder, so non-ASCII
/// (a Japanese Ticket slug, a workspace path) is stored as UTF-8 like Pod files (<c>PodsJson</c>), not as \u escapes.
/// Files written with escapes before still read: the reader decodes both.
/// </summary>
internal static class RolesJsonFiles
{
    public static readonly RolesJson Pretty = new(Relaxed(RolesJson.Default.Options));

    public static readonly RolesJsonLine Line = new(Relaxed(RolesJsonLine.Default.Options));

    private static JsonSerializerOptions Relaxed(JsonSerializerOptions generated) =>
        new(generated) { Encoder = Protocol.ProtocolJson.Encoder, TypeInfoResolver = null };
}
