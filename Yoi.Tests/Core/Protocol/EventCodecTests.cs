using System.Text;
using Yoi.Core.Protocol;

namespace Yoi.Tests.Core.Protocol;

public class EventCodecTests
{
    private static Event Decode(string json)
    {
        var decoded = EventCodec.Decode(Encoding.UTF8.GetBytes(json));
        Assert.That(decoded.Error, Is.Null, json);
        return decoded.Value!;
    }

    [TestCase("""{"event":"text_delta","data":{"text":"hi"}}""")]
    [TestCase("""{"event":"text_done","data":{"text":"hi"}}""")]
    [TestCase("""{"event":"run_end","data":{"result":"limit_reached"}}""")]
    [TestCase("""{"event":"run_end","data":{"result":"rolled_back"}}""")]
    [TestCase("""{"event":"invoke_start","data":{"kind":"user_send"}}""")]
    [TestCase("""{"event":"invoke_start","data":{"kind":"pod_event"}}""")]
    [TestCase("""{"event":"turn_start","data":{"turn":1}}""")]
    [TestCase("""{"event":"turn_end","data":{"turn":1,"result":"paused"}}""")]
    [TestCase("""{"event":"error","data":{"code":"already_running","message":"Pod is already executing a turn"}}""")]
    [TestCase("""{"event":"status","data":{"status":"running","pending_notifications":2}}""")]
    [TestCase("""{"event":"alert","data":{"level":"warn","source":"compactor","message":"m","timestamp_ms":1718000000000}}""")]
    [TestCase("""{"event":"shutdown"}""")]
    [TestCase("""{"event":"user_message","data":{"segments":[{"kind":"text","content":"こんにちは"}]}}""")]
    [TestCase("""{"event":"system_item","data":{"item":{"kind":"notification","message":"m","body":"[Notification]\nm"}}}""")]
    [TestCase("""{"event":"system_item","data":{"item":{"kind":"pod_event","event":{"kind":"turn_ended","pod_name":"c"},"body":"b"}}}""")]
    [TestCase("""{"event":"pods_listed","data":{"pods":[{"name":"a","visibility":"peer"}]},"reply_to":"q1"}""")]
    [TestCase("""{"event":"pod_restored","data":{"result":{"restored":true}}}""")]
    [TestCase("""{"event":"peer_registered","data":{"result":{"source":"a","peer":"b"}},"reply_to":"r"}""")]
    public void Events_round_trip_byte_for_byte(string json) =>
        Assert.That(EventCodec.EncodeToString(Decode(json)), Is.EqualTo(json));

    [Test]
    public void Snapshot_round_trips_with_entries_greeting_status_and_pending_count()
    {
        const string json = """{"event":"snapshot","data":{"entries":[{"kind":"user_input","segments":[{"kind":"text","content":"hi"}],"ts":"2026-06-01T00:00:00.000Z"},{"kind":"notify_queued","id":"n1","notify_kind":"notification","message":"m","ts":"2026-06-01T00:00:00.001Z"}],"greeting":{"pod_name":"a","cwd":"/w","provider":"echo","model":"echo","scope_summary":"","tools":[],"context_window":0,"context_tokens":0,"role":"companion","workspace_root":"/w"},"status":"paused","pending_notifications":1}}""";
        var snapshot = (SnapshotEvent)Decode(json);
        Assert.That(snapshot.Status, Is.EqualTo(PodStatus.Paused));
        Assert.That(snapshot.Entries, Has.Count.EqualTo(2));
        Assert.That(EventCodec.EncodeToString(snapshot), Is.EqualTo(json));
    }

    [Test]
    public void Legacy_snapshot_without_status_or_context_fields_defaults_to_idle_and_zero()
    {
        var snapshot = (SnapshotEvent)Decode("""{"event":"snapshot","data":{"entries":[],"greeting":{"pod_name":"a","cwd":"/","provider":"unknown","model":"m","scope_summary":"","tools":["x"]}}}""");
        Assert.That(snapshot.Status, Is.EqualTo(PodStatus.Idle));
        Assert.That(snapshot.Greeting.ContextWindow, Is.Zero);
        Assert.That(snapshot.PendingNotifications, Is.Zero);
    }

    [Test]
    public void Unknown_events_are_kept_as_unknown()
    {
        var e = Decode("""{"event":"compact_start"}""");
        Assert.That(e, Is.TypeOf<UnknownEvent>());
        Assert.That(EventCodec.EncodeToString(e), Is.EqualTo("""{"event":"compact_start"}"""));
        Assert.That(EventCodec.EncodeToString(Decode("""{"event":"compact_done","data":{"new_segment_id":"x"}}""")),
            Is.EqualTo("""{"event":"compact_done","data":{"new_segment_id":"x"}}"""));
    }

    [Test]
    public void Notification_wrapper_names_itself_as_non_blocking()
    {
        var body = NotifyWrapper.Wrap("turn done");
        Assert.That(body, Does.StartWith("[Notification]\nturn done\n\n").And.Contain("not a blocking request"));
    }
}
