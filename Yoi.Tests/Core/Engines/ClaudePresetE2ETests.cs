using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Yoi.Core.Interop;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Engines;

/// <summary>
/// The `claude` preset against the real Claude Code CLI (npm `@anthropic-ai/claude-code`, pinned in agent-clis/),
/// pointed at <see cref="AnthropicStandIn"/> (the model API is the one thing we cannot run here). Pods are started,
/// killed and restored through the real `yoi` CLI.
/// </summary>
[Category("RealAgent")]
public partial class ClaudePresetE2ETests
{
    private static readonly TimeSpan Turn = TimeSpan.FromSeconds(120);

    private sealed class World : IDisposable
    {
        public World()
        {
            Claude = AgentClis.Require("claude");
            Dir = new TempDir("yoi-claude");
            Model = new AnthropicStandIn();
            Workspace = Dir.Combine("ws");
            Directory.CreateDirectory(Workspace);
            Env = new Dictionary<string, string>
            {
                ["YOI_DATA_DIR"] = Dir.Combine("d"),
                ["YOI_RUNTIME_DIR"] = Dir.Combine("r"),
                ["YOI_CONFIG_DIR"] = Dir.Combine("c"),
                ["HOME"] = Dir.Combine("home"),
            };
            Directory.CreateDirectory(Env["HOME"]);
            Ok("init", "--workspace", Workspace);
            // The profile as a user writes it: the preset, the program, and the environment that points the CLI at the
            // stand-in with a fake key, its own config folder, telemetry, error reports and auto-update off.
            var profile = new JsonObject
            {
                ["engine"] = "claude",
                ["executable"] = Claude,
                ["model"] = "claude-stand-in",
                ["env"] = new JsonObject
                {
                    ["ANTHROPIC_BASE_URL"] = Model.BaseUrl,
                    ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key",
                    ["CLAUDE_CONFIG_DIR"] = Dir.Combine("home", ".claude"),
                    ["DISABLE_TELEMETRY"] = "1",
                    ["DISABLE_ERROR_REPORTING"] = "1",
                    ["DISABLE_AUTOUPDATER"] = "1",
                    ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
                },
            };
            File.WriteAllText(Path.Combine(Workspace, ".yoi", "config.json"),
                new JsonObject { ["profiles"] = new JsonObject { ["default"] = new JsonObject { ["engine"] = "echo" }, ["claude"] = profile } }.ToJsonString());
        }

        public string Claude { get; }
        public TempDir Dir { get; }
        public AnthropicStandIn Model { get; }
        public string Workspace { get; }
        public Dictionary<string, string> Env { get; }

        public YoiResult Run(params string[] args) => YoiProcess.Run(args, Env, Workspace, Turn);

        public string Ok(params string[] args)
        {
            var result = Run(args);
            Assert.That(result.ExitCode, Is.Zero, $"yoi {string.Join(' ', args)}: {result.Stderr}{result.Stdout}");
            return result.Stdout;
        }

        public int StartPod(string name)
        {
            var started = Ok("pod", "start", name, "--profile", "claude", "--workspace", Workspace);
            return int.Parse(PidPattern().Match(started).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            YoiProcess.Run(["pod", "stop", "alpha"], Env, Workspace, TimeSpan.FromSeconds(30));
            Model.Dispose();
            Dir.Dispose();
        }
    }

    [Test]
    public void Three_turns_grow_one_conversation_a_weak_notify_reaches_turn_two_once_and_a_restore_after_kill_resumes_it()
    {
        using var world = new World();
        var model = world.Model;
        var ticket = world.Ok("ticket", "create", "--title", "Agent writes here", "--workspace", world.Workspace).Trim().Split('\t')[1];
        model.Script(ModelReply.Say("answer one"), ModelReply.Say("answer two"), ModelReply.Say("answer three"),
            ModelReply.Tool("Bash", new JsonObject { ["command"] = $"yoi ticket comment {ticket} --message 'agent was here'", ["description"] = "comment" }),
            ModelReply.Say("commented on the ticket"));
        var pid = world.StartPod("alpha");

        Assert.That(world.Ok("pod", "send", "alpha", "--wait", "first question"), Is.EqualTo("answer one\n"));
        world.Ok("pod", "notify", "alpha", "--weak", "build is green");
        Assert.That(world.Ok("pod", "send", "alpha", "--wait", "second question"), Is.EqualTo("answer two\n"));
        Assert.That(world.Ok("pod", "send", "alpha", "--wait", "third question"), Is.EqualTo("answer three\n"));

        var requests = model.Requests;
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(AnthropicStandIn.LastUserText(requests[0]), Does.Contain("first question"));
            // The conversation grows: each request carries every earlier exchange.
            Assert.That(AnthropicStandIn.MessagesText(requests[1]), Does.Contain("first question").And.Contain("answer one").And.Contain("second question"));
            Assert.That(AnthropicStandIn.MessagesText(requests[2]), Does.Contain("answer one").And.Contain("answer two").And.Contain("third question"));
            // The weak notification reached the agent inside turn 2's input, exactly once, and never again.
            Assert.That(AnthropicStandIn.LastUserText(requests[0]), Does.Not.Contain("build is green"));
            Assert.That(AnthropicStandIn.LastUserText(requests[1]), Does.Contain("[Notification]\nbuild is green").And.Contain("second question"));
            Assert.That(Regex.Count(AnthropicStandIn.MessagesText(requests[1]), "build is green"), Is.EqualTo(1));
            Assert.That(AnthropicStandIn.LastUserText(requests[2]), Does.Not.Contain("build is green"));
            Assert.That(Regex.Count(AnthropicStandIn.MessagesText(requests[2]), "build is green"), Is.EqualTo(1));
        });

        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(world.Env["YOI_DATA_DIR"], "pods", "alpha", "metadata.json")))!;
        var session = metadata["active"]!["session_id"]!.GetValue<string>();
        Assert.That(metadata["agent_session_id"]?.GetValue<string>(), Is.EqualTo(session), "Claude's conversation id is the Pod's session id");

        Assert.That(Libc.Kill(pid, Libc.SIGKILL), Is.True);
        Poll.Until(() => !Libc.ProcessExists(pid) || IsZombie(pid), TimeSpan.FromSeconds(10), "the killed Pod to be gone");
        world.Ok("pod", "restore", "alpha");

        // Turn 4 resumes the same conversation and the scripted tool call makes the real agent run yoi inside its Pod.
        var reply = world.Run("pod", "send", "alpha", "--follow", "please comment on the ticket");
        Assert.That(reply.ExitCode, Is.Zero, reply.Stderr);
        Assert.That(reply.Stdout, Is.EqualTo("commented on the ticket\n"));
        Assert.That(reply.Stderr, Does.Contain($"[tool] Bash: yoi ticket comment {ticket}").And.Contain("[result] ok"));

        requests = model.Requests;
        Assert.That(requests, Has.Count.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(AnthropicStandIn.MessagesText(requests[3]), Does.Contain("first question").And.Contain("answer three").And.Contain("please comment"));
            Assert.That(AnthropicStandIn.MessagesText(requests[4]), Does.Contain("tool_result"));
        });
        var thread = File.ReadAllText(Path.Combine(world.Workspace, ".yoi", "tickets", ticket, "thread.md"));
        Assert.That(thread, Does.Contain("agent was here"));

        var log = world.Ok("pod", "log", "alpha");
        Assert.That(log, Does.Contain("tool_use").And.Contain("Bash: yoi ticket comment").And.Contain("tool_result").And.Contain("result: done"));
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return false; }
    }

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex PidPattern();
}
