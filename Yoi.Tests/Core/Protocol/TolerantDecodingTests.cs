using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;
using Yoi.Tui.Screens;

namespace Yoi.Tests.Core.Protocol;

/// <summary>Every decoder meets kinds it has never seen (a newer Pod or log writer): kept opaque, never a failure.</summary>
public class TolerantDecodingTests
{
    private const string UnknownEntry = """{"kind":"compaction","summary":"42 turns folded","ts":"2026-12-01T00:00:00.000Z"}""";
    private const string UnknownItemEntry = """{"kind":"system_item","item":{"kind":"reminder","body":"[Reminder]\nstand up","due":3},"ts":"2026-12-01T00:00:00.001Z"}""";
    private const string UnknownAgentEntry = """{"kind":"agent_item","item":{"kind":"plan_step","step":2},"ts":"2026-12-01T00:00:00.002Z"}""";
    private const string NewFieldEntry = """{"kind":"assistant_item","text":"hi","tokens":7,"ts":"2026-12-01T00:00:00.003Z"}""";

    private static Event Decode(string json)
    {
        var decoded = EventCodec.Decode(Encoding.UTF8.GetBytes(json));
        Assert.That(decoded.Error, Is.Null, json);
        return decoded.Value!;
    }

    [TestCase("""{"event":"compact_done","data":{"new_segment_id":"x"}}""")]
    [TestCase("""{"event":"run_end","data":{"result":"budget_exhausted"}}""")]
    [TestCase("""{"event":"status","data":{"status":"sleeping","pending_notifications":0}}""")]
    [TestCase("""{"event":"turn_start"}""")]
    public void Unknown_events_and_known_events_with_unknown_values_decode_as_unknown_and_round_trip(string json)
    {
        var e = Decode(json);
        Assert.That(e, Is.TypeOf<UnknownEvent>());
        Assert.That(EventCodec.EncodeToString(e), Is.EqualTo(json));
    }

    [Test]
    public void Unknown_system_item_and_agent_item_kinds_are_kept_opaque_inside_known_events()
    {
        var system = (SystemItemEvent)Decode("""{"event":"system_item","data":{"item":{"kind":"reminder","body":"[Reminder]\nstand up","due":3}}}""");
        Assert.That(system.Item, Is.TypeOf<UnknownSystemItem>());
        Assert.That(system.Item.Body, Is.EqualTo("[Reminder]\nstand up"));
        Assert.That(EventCodec.EncodeToString(system), Does.Contain("\"due\":3"));
        var agent = (AgentItemEvent)Decode("""{"event":"agent_item","data":{"item":{"kind":"plan_step","step":2}}}""");
        Assert.That(agent.Item, Is.TypeOf<UnknownAgentItem>());
        Assert.That(agent.Item.Describe(), Does.Contain("plan_step"));
    }

    [Test]
    public void A_snapshot_with_unknown_entry_kinds_decodes_and_re_encodes_them_unchanged()
    {
        var json = $$$"""{"event":"snapshot","data":{"entries":[{{{UnknownEntry}}},{{{UnknownItemEntry}}},{{{UnknownAgentEntry}}},{{{NewFieldEntry}}}],"greeting":{"pod_name":"a","cwd":"/","provider":"echo","model":"m","scope_summary":"","tools":[],"context_window":0,"context_tokens":0,"mood":"new field"},"status":"idle","pending_notifications":0,"cursor":9}}""";
        var snapshot = (SnapshotEvent)Decode(json);
        Assert.That(snapshot.Entries.Select(e => e.GetType().Name), Is.EqualTo(new[] { "UnknownEntry", "SystemItemEntry", "AgentItemEntry", "AssistantItemEntry" }));
        var encoded = EventCodec.EncodeToString(snapshot);
        Assert.That(encoded, Does.Contain(UnknownEntry).And.Contain(UnknownItemEntry).And.Contain(UnknownAgentEntry));
    }

    [Test]
    public void The_session_log_reader_keeps_unknown_entries_without_calling_them_damage()
    {
        using var dir = new TempDir();
        var path = dir.Combine("s.jsonl");
        File.WriteAllText(path, string.Join("\n", UnknownEntry, UnknownItemEntry, UnknownAgentEntry, NewFieldEntry) + "\n");
        var read = SessionLog.Read(path);
        Assert.That(read.Damage, Is.Null);
        Assert.That(read.Entries, Has.Count.EqualTo(4));
        Assert.That(Encoding.UTF8.GetString(SessionLog.Encode(read.Entries[0])), Is.EqualTo(UnknownEntry + "\n"));
        Assert.That(PodSessionLog.Describe(read.Entries[0]).Kind, Is.EqualTo("compaction"));
        Assert.That(PodSessionLog.Describe(read.Entries[1]).Text, Does.Contain("reminder"));
    }

    [Test]
    public void The_attached_view_shows_unknown_kinds_as_short_system_rows()
    {
        using var dir = new TempDir();
        var path = dir.Combine("s.jsonl");
        File.WriteAllText(path, string.Join("\n", UnknownEntry, UnknownItemEntry, UnknownAgentEntry) + "\n");
        var transcript = new PodTranscript();
        transcript.Load(SessionLog.Read(path).Entries);
        transcript.Apply(Decode("""{"event":"compact_done","data":{"new_segment_id":"x"}}"""));
        var rows = transcript.Items.Where(i => i.Kind == TranscriptKind.System).Select(i => i.Text).ToList();
        Assert.That(rows, Has.Count.EqualTo(4));
        Assert.That(rows[0], Does.StartWith("entry compaction: "));
        Assert.That(rows[1], Does.StartWith("system item reminder: "));
        Assert.That(rows[2], Does.StartWith("agent item plan_step: "));
        Assert.That(rows[3], Does.StartWith("event compact_done: "));
        var huge = transcript.Apply(new UnknownEvent("flood", JsonDocument.Parse($"{{\"x\":\"{new string('a', 5000)}\"}}").RootElement.Clone()));
        Assert.That(huge && transcript.Items[^1].Text.Length < 300, Is.True, "an unknown event is shown bounded");
    }

    [Test]
    public async Task A_client_connection_survives_a_pod_that_speaks_kinds_it_does_not_know()
    {
        using var dir = new TempDir();
        var socketPath = dir.Combine("s.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            var lines = new[]
            {
                $$$"""{"event":"snapshot","data":{"entries":[{{{UnknownEntry}}},{{{UnknownItemEntry}}}],"greeting":{"pod_name":"a","cwd":"/","provider":"echo","model":"m","scope_summary":"","tools":[]},"status":"idle","pending_notifications":0}}""",
                """{"event":"compact_done","data":{"new_segment_id":"x"}}""",
                """{"event":"system_item","data":{"item":{"kind":"reminder","body":"b"}}}""",
                """{"event":"run_end","data":{"result":"budget_exhausted"}}""",
                """{"event":"text_delta","data":{"text":"still here"}}""",
            };
            await peer.SendAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
            peer.Shutdown(SocketShutdown.Send);
            await Task.Delay(200);
        });
        await using var connection = await PodConnection.ConnectAsync(socketPath, TimeSpan.FromSeconds(5));
        var snapshot = await connection.ReadSnapshotAsync(TimeSpan.FromSeconds(5));
        Assert.That(snapshot.Entries, Has.Count.EqualTo(2));
        var events = new List<Event>();
        while (await connection.ReadEventAsync(TimeSpan.FromSeconds(5)) is { } e) events.Add(e);
        Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "compact_done", "system_item", "run_end", "text_delta" }));
        Assert.That(events[^1], Is.EqualTo(new TextDeltaEvent("still here")));
        await server;
    }
}
