using System.Text;
using Yoi.Core.Protocol;

namespace Yoi.Tests.Core.Protocol;

public class MethodCodecTests
{
    private static Method Decode(string json)
    {
        var decoded = MethodCodec.Decode(Encoding.UTF8.GetBytes(json));
        Assert.That(decoded.Error, Is.Null, json);
        return decoded.Value!;
    }

    [TestCase("""{"method":"run","params":{"input":[{"kind":"text","content":"Hello"}]}}""")]
    [TestCase("""{"method":"notify","params":{"message":"turn done"}}""")]
    [TestCase("""{"method":"notify","params":{"message":"progress","auto_run":false}}""")]
    [TestCase("""{"method":"pod_event","params":{"kind":"turn_ended","pod_name":"child"}}""")]
    [TestCase("""{"method":"pod_event","params":{"kind":"errored","pod_name":"child","message":"boom"}}""")]
    [TestCase("""{"method":"pod_event","params":{"kind":"shut_down","pod_name":"child"}}""")]
    [TestCase("""{"method":"pod_event","params":{"kind":"scope_sub_delegated","parent_pod":"p","sub_pod":"s","sub_socket":"/r/s/sock","scope":[{"target":"src","permission":"write","recursive":false}]}}""")]
    [TestCase("""{"method":"register_peer","params":{"name":"peer"}}""")]
    [TestCase("""{"method":"restore_pod","params":{"name":"peer"}}""")]
    [TestCase("""{"method":"list_pods"}""")]
    [TestCase("""{"method":"pause"}""")]
    [TestCase("""{"method":"resume"}""")]
    [TestCase("""{"method":"cancel"}""")]
    [TestCase("""{"method":"shutdown"}""")]
    [TestCase("""{"method":"run","params":{"input":[{"kind":"paste","id":3,"chars":11,"lines":2,"content":"line one\nli"}]},"id":"r1"}""")]
    [TestCase("""{"method":"run","params":{"input":[{"kind":"file_ref","path":"src/a.rs"},{"kind":"knowledge_ref","slug":"k"},{"kind":"workflow_invoke","slug":"w"},{"kind":"text","content":"日本語"}]}}""")]
    public void Reference_examples_round_trip_byte_for_byte(string json) =>
        Assert.That(MethodCodec.EncodeToString(Decode(json)), Is.EqualTo(json));

    [Test]
    public void Notify_without_auto_run_means_true_and_false_is_kept()
    {
        Assert.That(Decode("""{"method":"notify","params":{"message":"m"}}"""), Is.EqualTo(new NotifyMethod("m", AutoRun: true)));
        Assert.That(Decode("""{"method":"notify","params":{"message":"m","auto_run":false}}"""), Is.EqualTo(new NotifyMethod("m", AutoRun: false)));
    }

    [Test]
    public void Unit_methods_parse_with_or_without_params_and_ignore_extra_fields()
    {
        Assert.That(Decode("""{"method":"resume","params":null}"""), Is.TypeOf<ResumeMethod>());
        Assert.That(Decode("""{"method":"notify","params":{"message":"m","extra":1}}"""), Is.EqualTo(new NotifyMethod("m")));
    }

    [Test]
    public void Unknown_segment_kinds_decode_as_unknown_and_flatten_to_a_marker()
    {
        var run = (RunMethod)Decode("""{"method":"run","params":{"input":[{"kind":"text","content":"a"},{"kind":"image_ref","url":"x"},{"kind":"file_ref","path":"p"}]}}""");
        Assert.That(run.Input[1], Is.TypeOf<UnknownSegment>());
        Assert.That(Segment.Flatten(run.Input), Is.EqualTo("a[unknown input segment]@p"));
        Assert.That(MethodCodec.EncodeToString(run), Does.Contain("""{"kind":"unknown"}"""));
    }

    [Test]
    public void Scope_rule_recursive_defaults_to_true()
    {
        var m = (PodEventMethod)Decode("""{"method":"pod_event","params":{"kind":"scope_sub_delegated","parent_pod":"p","sub_pod":"s","sub_socket":"x","scope":[{"target":"t","permission":"read"}]}}""");
        var e = (ScopeSubDelegatedPodEvent)m.Event;
        Assert.That(e.Scope[0], Is.EqualTo(new ScopeRule("t", ScopePermission.Read, true)));
    }

    [Test]
    public void Correlation_id_is_read_and_written_at_top_level()
    {
        var m = Decode("""{"method":"list_pods","id":"q7"}""");
        Assert.That(m.Id, Is.EqualTo("q7"));
        Assert.That(MethodCodec.EncodeToString(new RegisterPeerMethod("b") { Id = "x" }),
            Is.EqualTo("""{"method":"register_peer","params":{"name":"b"},"id":"x"}"""));
    }

    [TestCase("compact")]
    [TestCase("list_rewind_targets")]
    [TestCase("list_completions")]
    public void Context_management_methods_decode_as_unsupported(string name) =>
        Assert.That(Decode($$"""{"method":"{{name}}"}"""), Is.EqualTo(new UnsupportedMethod(name)));

    [TestCase("not json", "")]
    [TestCase("""{"method":"fly"}""", "unknown variant `fly`")]
    [TestCase("""{"params":{}}""", "missing field `method`")]
    [TestCase("""{"method":"notify"}""", "needs `params`")]
    [TestCase("""{"method":"notify","params":{"auto_run":false}}""", "message")]
    [TestCase("""{"method":"pod_event","params":{"kind":"bogus"}}""", "")]
    [TestCase("[1,2]", "expected a JSON object")]
    public void Bad_lines_are_error_values_not_exceptions(string line, string expected)
    {
        var decoded = MethodCodec.Decode(Encoding.UTF8.GetBytes(line));
        Assert.That(decoded.IsOk, Is.False);
        Assert.That(decoded.Error, Does.Contain(expected));
    }

    [Test]
    public void Pod_events_classify_agent_visibility()
    {
        Assert.That(new TurnEndedPodEvent("a").ShouldNotifyAgent(), Is.True);
        Assert.That(new ErroredPodEvent("a", "m").ShouldNotifyAgent(), Is.True);
        Assert.That(new ShutDownPodEvent("a").ShouldNotifyAgent(), Is.True);
        Assert.That(new ScopeSubDelegatedPodEvent("p", "s", "x", []).ShouldNotifyAgent(), Is.False);
    }
}
