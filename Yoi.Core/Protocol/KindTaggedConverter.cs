using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Yoi.Core.Protocol;

/// <summary>
/// Reads and writes a <c>kind</c>-tagged record family without ever failing on a kind it does not know: an unknown
/// kind, or a known kind whose fields do not parse (a newer writer), becomes the family's opaque value, which
/// keeps the raw JSON and is written back byte for byte. Known kinds are written <c>kind</c> first, then the
/// derived record's own fields (the wire order of the original).
/// </summary>
public abstract class KindTaggedConverter<TBase> : JsonConverter<TBase> where TBase : class
{
    /// <summary>kind → derived type, in the order the family declares them.</summary>
    protected abstract IReadOnlyList<(string Kind, Type Type)> Kinds { get; }

    /// <summary>The opaque value for a kind this reader cannot decode.</summary>
    protected abstract TBase Opaque(string kind, JsonElement raw);

    /// <summary>The raw JSON of an opaque value, or null when <paramref name="value"/> is a known kind.</summary>
    protected abstract JsonElement? RawOf(TBase value);

    public override TBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException($"a {typeof(TBase).Name} must be a JSON object");
        var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "";
        foreach (var (name, type) in Kinds)
        {
            if (name != kind) continue;
            try
            {
                if (root.Deserialize(options.GetTypeInfo(type)) is TBase known) return known;
            }
            catch (JsonException)
            {
                // A newer writer's shape of a kind we know: keep it opaque rather than fail the whole line.
            }
            catch (InvalidOperationException)
            {
            }
            break;
        }
        return Opaque(kind, root.Clone());
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        if (RawOf(value) is { } raw)
        {
            raw.WriteTo(writer);
            return;
        }
        var type = value.GetType();
        var kind = Kinds.FirstOrDefault(k => k.Type == type).Kind
            ?? throw new InvalidOperationException($"{type.Name} has no `kind` in {GetType().Name}");
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(type));
        writer.WriteStartObject();
        writer.WriteString("kind", kind);
        using (var doc = JsonDocument.Parse(body))
        {
            foreach (var property in doc.RootElement.EnumerateObject()) property.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>A short one-line rendering of an opaque value for people (bounded).</summary>
    public static string Describe(string kind, JsonElement raw, int limit = 200)
    {
        var text = raw.GetRawText();
        return $"{(kind.Length == 0 ? "(no kind)" : kind)}: {Text.TextBounds.Cut(text, limit + 1)}";
    }
}
