using System.Diagnostics;
using Yoi.Core.Engines;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Core.Engines;

public class CommandEngineTests
{
    private sealed class Sink : IEngineSink
    {
        public List<string> Deltas { get; } = [];
        public List<string> Diagnostics { get; } = [];
        public void TextDelta(string text) { lock (Deltas) Deltas.Add(text); }
        public List<AgentItem> Items { get; } = [];
        public void Diagnostic(string line) { lock (Diagnostics) Diagnostics.Add(line); }
        public void Item(AgentItem item) { lock (Items) Items.Add(item); }
    }

    private static CommandEngine Engine(TempDir dir, params string[] argv) =>
        new(argv, new EngineContext("pod-a", "/tmp/x.sock", "coder", dir.Path, "T1", "sess-1", Launcher: YoiProcess.Executable), TimeProvider.System);

    private static EngineResult Run(CommandEngine engine, Sink sink, string input = "hello") =>
        engine.RunTurnAsync(new EngineTurn(input, [], []), sink, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();

    [Test]
    public void Input_goes_to_stdin_and_stdout_lines_become_deltas()
    {
        using var dir = new TempDir();
        var sink = new Sink();
        Assert.That(Run(Engine(dir, "sh", "-c", "cat; echo; echo done"), sink), Is.EqualTo(EngineResult.Finished));
        Assert.That(string.Concat(sink.Deltas), Is.EqualTo("hello\ndone\n"));
    }

    [Test]
    public void Environment_and_placeholders_are_provided_without_a_shell()
    {
        using var dir = new TempDir();
        var sink = new Sink();
        Run(Engine(dir, "sh", "-c", "echo $YOI_POD $YOI_ROLE $YOI_TICKET $YOI_SESSION_ID $YOI_SOCKET $YOI_WORKSPACE; echo \"$0\"", "{pod}:{session_id}"), sink);
        Assert.That(string.Concat(sink.Deltas), Is.EqualTo($"pod-a coder T1 sess-1 /tmp/x.sock {dir.Path}\npod-a:sess-1\n"));
        var literal = new Sink();
        Run(Engine(dir, "echo", "a;b", "$HOME"), literal);
        Assert.That(string.Concat(literal.Deltas), Is.EqualTo("a;b $HOME\n"), "argv is not shell-parsed");
    }

    [Test]
    public void Non_zero_exit_is_an_error_with_the_last_stderr_lines()
    {
        using var dir = new TempDir();
        var sink = new Sink();
        var result = Run(Engine(dir, "sh", "-c", "echo first >&2; echo second >&2; exit 3"), sink);
        Assert.That(result.Outcome, Is.EqualTo(EngineOutcome.Error));
        Assert.That(result.Message, Does.Contain("exited with code 3").And.Contain("first | second"));
        Assert.That(sink.Diagnostics, Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public void A_missing_program_is_a_clear_error()
    {
        using var dir = new TempDir();
        var result = Run(Engine(dir, "/nonexistent/yoi-engine"), new Sink());
        Assert.That(result.Message, Does.Contain("cannot start engine command `/nonexistent/yoi-engine`"));
    }

    [NonParallelizable] // measures the stop against the 3 s kill grace
    [Test]
    public void Cancel_terminates_a_long_running_command_and_its_children()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var task = Engine(dir, "sh", "-c", ": > started; sleep 30; echo never").RunTurnAsync(new EngineTurn("x", [], []), new Sink(), cts.Token);
        Poll.Until(() => File.Exists(dir.Combine("started")), TimeSpan.FromSeconds(10), "the command started");
        var started = Stopwatch.StartNew();
        cts.Cancel();
        Assert.That(task.Wait(TimeSpan.FromSeconds(10)), Is.True, "the turn ends after cancel");
        Assert.That(task.Result, Is.EqualTo(EngineResult.Cancelled));
        Assert.That(started.Elapsed, Is.LessThan(CommandEngine.KillGrace), "SIGTERM was enough");
    }

    [Test]
    public void A_command_ignoring_sigterm_is_killed_after_the_grace_period()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        // Cancel only once the shell ignores SIGTERM (a fixed sleep raced the trap on a loaded machine).
        var task = Engine(dir, "sh", "-c", "trap '' TERM; : > trapped; sleep 30").RunTurnAsync(new EngineTurn("x", [], []), new Sink(), cts.Token);
        Poll.Until(() => File.Exists(dir.Combine("trapped")), TimeSpan.FromSeconds(10), "the command ignores SIGTERM");
        var started = Stopwatch.StartNew();
        cts.Cancel();
        Assert.That(task.Wait(TimeSpan.FromSeconds(15)), Is.True);
        Assert.That(started.Elapsed, Is.GreaterThanOrEqualTo(CommandEngine.KillGrace - TimeSpan.FromMilliseconds(200)));
    }

    [Test]
    public void Engine_spec_json_parses_and_rejects_bad_input_with_the_field_named()
    {
        Assert.That(EngineSpec.Parse(null), Is.EqualTo(EngineSpec.Default));
        Assert.That(EngineSpec.Parse("""{"engine":"echo","delay_ms":5}"""), Is.EqualTo(new EchoSpec(TimeSpan.FromMilliseconds(5))));
        Assert.That(EngineSpec.Parse("""{"engine":"command","command":["a","b"]}"""), Is.EqualTo(new CommandSpec(["a", "b"])));
        Assert.That(() => EngineSpec.Parse("""{"engine":"command","command":[]}"""), Throws.TypeOf<EngineSpecException>().With.Message.Contains("`command`"));
        Assert.That(() => EngineSpec.Parse("""{"engine":"llm"}"""), Throws.TypeOf<EngineSpecException>().With.Message.Contains("unknown engine `llm`"));
        Assert.That(() => EngineSpec.Parse("""{"engine":"echo","x":1}"""), Throws.TypeOf<EngineSpecException>().With.Message.Contains("`x`: is not a key of engine \"echo\""));
        Assert.That(() => EngineSpec.Parse("{"), Throws.TypeOf<EngineSpecException>().With.Message.Contains("not valid JSON"));
    }

    [Test]
    public void Resume_command_runs_from_the_second_turn_on_and_the_conversation_is_recorded_once()
    {
        using var dir = new TempDir();
        var recorded = new List<string>();
        var context = new EngineContext("pod-a", "/tmp/x.sock", null, dir.Path, null, "sess-1", RecordAgentSession: recorded.Add, Launcher: YoiProcess.Executable);
        var engine = (CommandEngine)new CommandSpec(["sh", "-c", "echo first {session_id}"], ["sh", "-c", "echo later {agent_session_id}"])
            .Create(context, TimeProvider.System, TextWriter.Null);
        var sink = new Sink();
        Run(engine, sink);
        Run(engine, sink);
        Run(engine, sink);
        Assert.That(string.Concat(sink.Deltas), Is.EqualTo("first sess-1\nlater sess-1\nlater sess-1\n"));
        Assert.That(recorded, Is.EqualTo(new[] { "sess-1" }));
    }

    [Test]
    public void A_restored_pod_resumes_the_agent_conversation_from_metadata_never_a_new_one()
    {
        using var dir = new TempDir();
        var context = new EngineContext("pod-a", "/tmp/x.sock", null, dir.Path, null, "sess-1", AgentSessionId: "agent-42", Launcher: YoiProcess.Executable);
        var claude = (CommandEngine)new PresetSpec("claude", new AgentOptions(Executable: "claude")).Create(context, TimeProvider.System, TextWriter.Null);
        Assert.That(claude.ResolvedArgv(), Does.Contain("--resume").And.Contain("agent-42").And.Not.Contain("--session-id"));
        var fresh = (CommandEngine)new PresetSpec("claude", new AgentOptions(Model: "opus", AllowedTools: ["Read"], PermissionMode: "acceptEdits"))
            .Create(context with { AgentSessionId = null }, TimeProvider.System, TextWriter.Null);
        Assert.That(fresh.ResolvedArgv(), Is.EqualTo(new[]
        {
            "claude", "-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages", "--session-id", "sess-1",
            "--model", "opus", "--permission-mode", "acceptEdits", "--allowedTools", "Read",
        }));
    }

    [Test]
    public void A_missing_agent_program_names_the_package_to_install()
    {
        using var dir = new TempDir();
        var engine = new PresetSpec("claude", new AgentOptions(Executable: "/nonexistent/claude"))
            .Create(new EngineContext("pod-a", "/tmp/x.sock", null, dir.Path, null, "sess-1", Launcher: YoiProcess.Executable), TimeProvider.System, TextWriter.Null);
        var result = engine.RunTurnAsync(new EngineTurn("hi", [], []), new Sink(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        Assert.That(result.Message, Does.Contain("`/nonexistent/claude` is not installed").And.Contain("npm install -g @anthropic-ai/claude-code"));
        Assert.That(ProgramLocator.Problem(new PresetSpec("codex", new AgentOptions(Executable: "/nonexistent/codex"))),
            Does.Contain("npm install -g @openai/codex"));
    }
}
