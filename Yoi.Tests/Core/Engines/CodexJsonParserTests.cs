using Yoi.Core.Engines;
using Yoi.Core.Protocol;

namespace Yoi.Tests.Core.Engines;

public class CodexJsonParserTests
{
    private sealed class Sink : IEngineSink
    {
        public List<object> Seen { get; } = [];
        public void TextDelta(string text) => Seen.Add(text);
        public void Item(AgentItem item) => Seen.Add(item);
        public void Diagnostic(string line) => Seen.Add("diag:" + line);
    }

    [Test]
    public void Exec_json_events_become_the_thread_id_a_command_with_its_result_the_message_and_usage()
    {
        var sink = new Sink();
        var parser = new CodexJsonParser(sink);
        foreach (var line in new[]
        {
            """{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}""",
            """{"type":"turn.started"}""",
            """{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"thinking"}}""",
            """{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"bash -lc 'yoi ticket show 1'","aggregated_output":"","status":"in_progress"}}""",
            """{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc 'yoi ticket show 1'","aggregated_output":"title: x\n","exit_code":0,"status":"completed"}}""",
            """{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"All done."}}""",
            """{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}""",
            """{"type":"session.configured","x":1}""",
        }) parser.Line(line);
        Assert.That(parser.AgentSessionId, Is.EqualTo("0199a213-81c0-7800-8aa1-bbab2a035a53"));
        Assert.That(sink.Seen, Is.EqualTo(new object[]
        {
            new ToolUseItem("item_1", "shell", "bash -lc 'yoi ticket show 1'"),
            new ToolResultItem("item_1", false, "title: x"),
            "All done.\n",
            new AgentResultItem(false, "", new AgentUsage(24763, 122)),
            new AgentNoteItem("session.configured", """{"type":"session.configured","x":1}"""),
        }));
    }

    [Test]
    public void A_failed_turn_is_the_turn_error()
    {
        var sink = new Sink();
        var parser = new CodexJsonParser(sink);
        parser.Line("""{"type":"turn.failed","error":{"message":"stream disconnected before completion"}}""");
        Assert.That(parser.ReportedError, Is.EqualTo("stream disconnected before completion"));
    }

    [Test]
    public void The_preset_starts_a_conversation_then_resumes_exactly_the_reported_one()
    {
        var command = CodexPreset.Build(new AgentOptions(Model: "gpt-test"));
        Assert.That(command.FirstTurn, Is.EqualTo(new[] { "codex", "exec", "--json", "--skip-git-repo-check", "-c", "allow_login_shell=false", "--model", "gpt-test", "--sandbox", "workspace-write", "-" }));
        Assert.That(command.LaterTurns, Is.EqualTo(new[] { "codex", "exec", "--json", "--skip-git-repo-check", "-c", "allow_login_shell=false", "--model", "gpt-test", "--sandbox", "workspace-write", "resume", "{agent_session_id}", "-" }));
    }
}
