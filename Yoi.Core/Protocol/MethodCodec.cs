using System.Buffers;
using System.Text.Json;

namespace Yoi.Core.Protocol;

/// <summary>Encodes and decodes <see cref="Method"/> lines. Decoding never throws: a bad line is an error value.</summary>
public static class MethodCodec
{
    public static byte[] Encode(Method method)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("method", method.Name);
            WriteParams(writer, method);
            if (method.Id is not null) writer.WriteString("id", method.Id);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static string EncodeToString(Method method) => System.Text.Encoding.UTF8.GetString(Encode(method));

    private static void WriteParams(Utf8JsonWriter writer, Method method)
    {
        var ctx = ProtocolJson.Context;
        switch (method)
        {
            case RunMethod run:
                writer.WritePropertyName("params");
                writer.WriteStartObject();
                writer.WritePropertyName("input");
                JsonSerializer.Serialize(writer, run.Input.ToList(), ctx.ListSegment);
                writer.WriteEndObject();
                break;
            case NotifyMethod notify:
                writer.WritePropertyName("params");
                writer.WriteStartObject();
                writer.WriteString("message", notify.Message);
                if (!notify.AutoRun) writer.WriteBoolean("auto_run", false);
                writer.WriteEndObject();
                break;
            case PodEventMethod podEvent:
                writer.WritePropertyName("params");
                JsonSerializer.Serialize(writer, podEvent.Event, ctx.PodEvent);
                break;
            case HelloMethod hello when !hello.Entries || !hello.Subscribe:
                writer.WritePropertyName("params");
                writer.WriteStartObject();
                if (!hello.Entries) writer.WriteBoolean("entries", false);
                if (!hello.Subscribe) writer.WriteBoolean("subscribe", false);
                writer.WriteEndObject();
                break;
            case RestorePodMethod restore:
                WriteName(writer, restore.PodName);
                break;
            case RegisterPeerMethod register:
                WriteName(writer, register.PodName);
                break;
        }
    }

    private static void WriteName(Utf8JsonWriter writer, string name)
    {
        writer.WritePropertyName("params");
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteEndObject();
    }

    /// <summary>Parses one line. Returns the method, or an error message suitable for <c>invalid method: …</c>.</summary>
    public static Decoded<Method> Decode(ReadOnlySpan<byte> line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Decoded<Method>.Fail("expected a JSON object");
            if (!root.TryGetProperty("method", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
                return Decoded<Method>.Fail("missing field `method`");
            var name = nameElement.GetString()!;
            var hasParams = root.TryGetProperty("params", out var p) && p.ValueKind != JsonValueKind.Null;
            string? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            Method? method = name switch
            {
                "run" when hasParams => new RunMethod(ReadList(p, "input")),
                "notify" when hasParams => new NotifyMethod(ReadString(p, "message"),
                    !p.TryGetProperty("auto_run", out var a) || a.ValueKind != JsonValueKind.False),
                "pod_event" when hasParams => new PodEventMethod(p.Deserialize(ProtocolJson.Context.PodEvent)
                    ?? throw new JsonException("pod_event params are null")),
                "resume" => new ResumeMethod(),
                "cancel" => new CancelMethod(),
                "pause" => new PauseMethod(),
                "shutdown" => new ShutdownMethod(),
                "list_pods" => new ListPodsMethod(),
                "hello" => new HelloMethod(!IsFalse(hasParams, p, "entries"), !IsFalse(hasParams, p, "subscribe")),
                "restore_pod" when hasParams => new RestorePodMethod(ReadString(p, "name")),
                "register_peer" when hasParams => new RegisterPeerMethod(ReadString(p, "name")),
                "run" or "notify" or "pod_event" or "restore_pod" or "register_peer" => throw new JsonException($"`{name}` needs `params`"),
                _ when UnsupportedMethod.Names.Contains(name) => new UnsupportedMethod(name),
                _ => null,
            };
            return method is null
                ? Decoded<Method>.Fail($"unknown variant `{name}`")
                : Decoded<Method>.Ok(method with { Id = id });
        }
        catch (JsonException ex)
        {
            return Decoded<Method>.Fail(ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Decoded<Method>.Fail(ex.Message);
        }
    }

    private static bool IsFalse(bool hasParams, JsonElement obj, string field) =>
        hasParams && obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.False;

    private static string ReadString(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new JsonException($"missing or non-string field `{field}`");

    private static List<Segment> ReadList(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.Deserialize(ProtocolJson.Context.ListSegment)!
            : throw new JsonException($"missing or non-array field `{field}`");
}

/// <summary>A decode result: a value or an error message (never an exception).</summary>
public readonly record struct Decoded<T>(T? Value, string? Error) where T : class
{
    public bool IsOk => Value is not null;
    public static Decoded<T> Ok(T value) => new(value, null);
    public static Decoded<T> Fail(string error) => new(null, error);
}
