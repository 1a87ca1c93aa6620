using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Yoi.Core.Protocol;

/// <summary>Encodes and decodes <see cref="Event"/> lines: <c>event</c> first, then <c>data</c>, then <c>reply_to</c>.</summary>
public static class EventCodec
{
    public static byte[] Encode(Event e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ProtocolJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("event", e.Name);
            WriteData(writer, e);
            if (e.ReplyTo is not null) writer.WriteString("reply_to", e.ReplyTo);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static string EncodeToString(Event e) => System.Text.Encoding.UTF8.GetString(Encode(e));

    private static void WriteData(Utf8JsonWriter w, Event e)
    {
        var ctx = ProtocolJson.Context;
        void Data() => w.WritePropertyName("data");
        void Obj(Action body) { Data(); w.WriteStartObject(); body(); w.WriteEndObject(); }
        void Value<T>(string name, T value, JsonTypeInfo<T> info) { w.WritePropertyName(name); JsonSerializer.Serialize(w, value, info); }

        switch (e)
        {
            case UserMessageEvent m: Obj(() => Value("segments", m.Segments.ToList(), ctx.ListSegment)); break;
            case SystemItemEvent s: Obj(() => Value("item", s.Item, ctx.SystemItem)); break;
            case AgentItemEvent a: Obj(() => Value("item", a.Item, ctx.AgentItem)); break;
            case InvokeStartEvent i: Obj(() => Value("kind", i.Kind, ctx.InvokeKind)); break;
            case TurnStartEvent t: Obj(() => w.WriteNumber("turn", t.Turn)); break;
            case TurnEndEvent t: Obj(() => { w.WriteNumber("turn", t.Turn); Value("result", t.Result, ctx.TurnResult); }); break;
            case TextDeltaEvent t: Obj(() => w.WriteString("text", t.Text)); break;
            case TextDoneEvent t: Obj(() => w.WriteString("text", t.Text)); break;
            case RunEndEvent r: Obj(() => Value("result", r.Result, ctx.RunResult)); break;
            case ErrorEvent er: Obj(() => { Value("code", er.Code, ctx.ErrorCode); w.WriteString("message", er.Message); }); break;
            case SnapshotEvent s:
                Obj(() =>
                {
                    Value("entries", s.Entries.ToList(), ctx.ListLogEntry);
                    Value("greeting", s.Greeting, ctx.Greeting);
                    Value("status", s.Status, ctx.PodStatus);
                    w.WriteNumber("pending_notifications", s.PendingNotifications);
                });
                break;
            case StatusEvent s: Obj(() => { Value("status", s.Status, ctx.PodStatus); w.WriteNumber("pending_notifications", s.PendingNotifications); }); break;
            case NotifyQueuedEvent n: Obj(() => w.WriteNumber("pending_notifications", n.PendingNotifications)); break;
            case PodsListedEvent p: Obj(() => { w.WritePropertyName("pods"); p.Pods.WriteTo(w); }); break;
            case PodRestoredEvent p: Obj(() => { w.WritePropertyName("result"); p.Result.WriteTo(w); }); break;
            case PeerRegisteredEvent p: Obj(() => { w.WritePropertyName("result"); p.Result.WriteTo(w); }); break;
            case AlertEvent a: Data(); JsonSerializer.Serialize(w, a.Alert, ctx.Alert); break;
            case UnknownEvent u when u.Data is { } d: Data(); d.WriteTo(w); break;
        }
    }

    /// <summary>
    /// Parses one line. Unknown event names, and known names whose data this reader cannot decode (a newer Pod),
    /// decode as <see cref="UnknownEvent"/>; only a line that is not a JSON object with a string <c>event</c> fails.
    /// </summary>
    public static Decoded<Event> Decode(ReadOnlySpan<byte> line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var nameElement)
                || nameElement.ValueKind != JsonValueKind.String)
                return Decoded<Event>.Fail("missing field `event`");
            var name = nameElement.GetString()!;
            var hasData = root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
            string? replyTo = root.TryGetProperty("reply_to", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            Event e;
            try
            {
                e = Build(name, hasData ? data : null);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                e = new UnknownEvent(name, hasData ? data.Clone() : null);
            }
            return Decoded<Event>.Ok(e with { ReplyTo = replyTo });
        }
        catch (JsonException ex)
        {
            return Decoded<Event>.Fail(ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Decoded<Event>.Fail(ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return Decoded<Event>.Fail(ex.Message);
        }
    }

    private static Event Build(string name, JsonElement? data)
    {
        var ctx = ProtocolJson.Context;
        JsonElement D() => data ?? throw new JsonException($"event `{name}` needs `data`");
        T Field<T>(string field, JsonTypeInfo<T> info) => D().GetProperty(field).Deserialize(info)!;
        string Str(string field) => D().GetProperty(field).GetString() ?? throw new JsonException($"`{field}` is null");
        int Int(string field, int fallback = 0) => D().TryGetProperty(field, out var v) && v.TryGetInt32(out var n) ? n : fallback;

        return name switch
        {
            "user_message" => new UserMessageEvent(Field("segments", ctx.ListSegment)),
            "system_item" => new SystemItemEvent(Field("item", ctx.SystemItem)),
            "agent_item" => new AgentItemEvent(Field("item", ctx.AgentItem)),
            "invoke_start" => new InvokeStartEvent(Field("kind", ctx.InvokeKind)),
            "turn_start" => new TurnStartEvent(Int("turn")),
            "turn_end" => new TurnEndEvent(Int("turn"), Field("result", ctx.TurnResult)),
            "text_delta" => new TextDeltaEvent(Str("text")),
            "text_done" => new TextDoneEvent(Str("text")),
            "run_end" => new RunEndEvent(Field("result", ctx.RunResult)),
            "error" => new ErrorEvent(Field("code", ctx.ErrorCode), Str("message")),
            "snapshot" => new SnapshotEvent(
                Field("entries", ctx.ListLogEntry),
                Field("greeting", ctx.Greeting),
                D().TryGetProperty("status", out var st) ? st.Deserialize(ctx.PodStatus) : PodStatus.Idle,
                Int("pending_notifications")),
            "status" => new StatusEvent(Field("status", ctx.PodStatus), Int("pending_notifications")),
            "notify_queued" => new NotifyQueuedEvent(Int("pending_notifications")),
            "pods_listed" => new PodsListedEvent(D().GetProperty("pods").Clone()),
            "pod_restored" => new PodRestoredEvent(D().GetProperty("result").Clone()),
            "peer_registered" => new PeerRegisteredEvent(D().GetProperty("result").Clone()),
            "alert" => new AlertEvent(D().Deserialize(ctx.Alert)!),
            "shutdown" => new ShutdownEvent(),
            _ => new UnknownEvent(name, data?.Clone()),
        };
    }
}
