using Yoi.Core.Engines;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Engines;

public class ClaudeStreamParserTests
{
    private sealed class Sink : IEngineSink
    {
        public List<object> Seen { get; } = [];
        public void TextDelta(string text) => Seen.Add(text);
        public void Item(AgentItem item) => Seen.Add(item);
        public void Diagnostic(string line) => Seen.Add("diag:" + line);
    }

    /// <summary>A real Claude Code 2.1.328 stream (a Bash call that ran `yoi ticket comment`, then the answer).</summary>
    public static string RecordedStream => Path.Combine(RepoPaths.Root(), "Yoi.Tests", "Tui", "Screens", "Recorded", "claude-tool-call.stream.jsonl");

    [Test]
    public void A_recorded_stream_becomes_session_id_tool_call_tool_result_streamed_text_and_the_result_with_usage()
    {
        var sink = new Sink();
        var parser = new ClaudeStreamParser(sink);
        foreach (var line in File.ReadLines(RecordedStream)) parser.Line(line);
        Assert.That(parser.AgentSessionId, Is.EqualTo("0190a000-0000-7000-8000-00000000aaaa"));
        Assert.That(parser.ReportedError, Is.Null);
        Assert.That(sink.Seen, Has.Count.EqualTo(4), string.Join("\n", sink.Seen));
        Assert.That(sink.Seen[0], Is.EqualTo(new ToolUseItem("toolu_01", "Bash", "yoi ticket comment 00001M8MQGH42 --message")));
        Assert.That(sink.Seen[1], Is.EqualTo(new ToolResultItem("toolu_01", false, "commented")));
        Assert.That(sink.Seen[2], Is.EqualTo("Done.\tCommented on \u001b[32m00001M8MQGH42\u001b[0m."), "streamed once, not again from the assistant message");
        var result = (AgentResultItem)sink.Seen[3];
        Assert.That(result.IsError, Is.False);
        Assert.That(result.Usage, Is.EqualTo(new AgentUsage(24, 10, 0.00029600000000000004, result.Usage!.DurationMs, 2)));
    }

    [Test]
    public void Unknown_types_become_bounded_notes_and_plain_lines_stay_text()
    {
        var sink = new Sink();
        var parser = new ClaudeStreamParser(sink);
        parser.Line("""{"type":"prompt_suggestion","suggestion":"run the tests"}""");
        parser.Line("""{"type":"system","subtype":"hook_started","hook":"x"}""");
        parser.Line("""{"type":"assistant","message":{"id":"m","content":[{"type":"image","source":{}}]}}""");
        parser.Line("""{"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":528,"error":"unknown"}""");
        parser.Line("""{"no_type":""" + "\"" + new string('x', 1000) + "\"}");
        parser.Line("plain words");
        Assert.That(sink.Seen.Take(5).Cast<AgentNoteItem>().Select(n => n.Type),
            Is.EqualTo(new[] { "prompt_suggestion", "system/hook_started", "assistant/image", "api_retry", "(untyped)" }));
        Assert.That(sink.Seen.Take(5).Cast<AgentNoteItem>().All(n => n.Summary.Length <= AgentText.SummaryLimit + 1), Is.True);
        Assert.That(sink.Seen[5], Is.EqualTo("plain words\n"));
    }

    [TestCase("Not logged in · Please run /login", "ANTHROPIC_API_KEY")]
    [TestCase("API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\"}}", "API key was refused")]
    [TestCase("API Error: 429 rate_limit_error: rate limit reached", "rate limited")]
    public void An_error_result_is_the_turn_error_with_the_agents_message_and_what_to_do(string message, string hint)
    {
        var sink = new Sink();
        var parser = new ClaudeStreamParser(sink);
        parser.Line($$"""{"type":"result","subtype":"success","is_error":true,"result":{{System.Text.Json.JsonSerializer.Serialize(message)}},"num_turns":1}""");
        Assert.That(parser.ReportedError, Does.StartWith(message).And.Contain(hint));
        Assert.That(((AgentResultItem)sink.Seen[0]).IsError, Is.True);
    }
}
