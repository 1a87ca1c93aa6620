using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yoi.Core.Pods;

/// <summary>Source-generated JSON for Pod files (metadata, status, peer intents). Pretty-printed, snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PodMetadata))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<VisiblePodItem>))]
[JsonSerializable(typeof(RestoreOutcome))]
[JsonSerializable(typeof(PeerRegistration))]
[JsonSerializable(typeof(PeerIntent))]
public sealed partial class PodsJsonContext : JsonSerializerContext;

public static class PodsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = Protocol.ProtocolJson.Encoder,
        TypeInfoResolver = PodsJsonContext.Default.WithAddedModifier(OmitEmptyCollections),
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Compact JSON (for socket payloads).</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Info<T>());

    public static readonly JsonTypeInfo<PodMetadata> Metadata =
        (JsonTypeInfo<PodMetadata>)Options.GetTypeInfo(typeof(PodMetadata));

    /// <summary>Empty lists are omitted on write (and default to empty on read).</summary>
    private static void OmitEmptyCollections(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (typeof(System.Collections.ICollection).IsAssignableFrom(property.PropertyType)
                || property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
                property.ShouldSerialize = (_, value) => value is not System.Collections.ICollection { Count: 0 };
        }
    }
}
