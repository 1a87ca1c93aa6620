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
