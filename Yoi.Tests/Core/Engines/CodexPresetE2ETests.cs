using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Yoi.Core.Interop;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Engines;

/// <summary>
/// The `codex` preset against the real Codex CLI (npm `@openai/codex`, pinned in agent-clis/), pointed at
/// <see cref="ResponsesStandIn"/> through a custom model provider in the profile's `args`.
/// </summary>
[Category("RealAgent")]
public partial class CodexPresetE2ETests
{
    private static readonly TimeSpan Turn = TimeSpan.FromSeconds(120);

    [Test]
    public void Turns_resume_the_thread_codex_reported_also_after_kill_and_restore_and_the_agent_runs_yoi()
    {
        var codex = AgentClis.Require("codex");
        using var dir = new TempDir("yoi-codex");
        using var model = new ResponsesStandIn();
        var workspace = dir.Combine("ws");
        Directory.CreateDirectory(workspace);
        Directory.CreateDirectory(dir.Combine("codex"));
        var env = new Dictionary<string, string>
        {
            ["YOI_DATA_DIR"] = dir.Combine("d"), ["YOI_RUNTIME_DIR"] = dir.Combine("r"), ["YOI_CONFIG_DIR"] = dir.Combine("c"),
        };
        YoiResult Run(params string[] args) => YoiProcess.Run(args, env, workspace, Turn);
        string Ok(params string[] args)
        {
            var result = Run(args);
            Assert.That(result.ExitCode, Is.Zero, $"yoi {string.Join(' ', args)}: {result.Stderr}{result.Stdout}");
            return result.Stdout;
        }
        Ok("init", "--workspace", workspace);
        var profile = new JsonObject
        {
            ["engine"] = "codex",
            ["executable"] = codex,
            ["model"] = "gpt-stand-in",
            ["permission_mode"] = "danger-full-access",
            ["args"] = new JsonArray("-c", "model_provider=\"stand_in\"", "-c", "model_providers.stand_in.name=\"stand-in\"",
                "-c", $"model_providers.stand_in.base_url=\"{model.BaseUrl}\"", "-c", "model_providers.stand_in.env_key=\"STAND_IN_KEY\"",
                "-c", "model_providers.stand_in.wire_api=\"responses\""),
            ["env"] = new JsonObject { ["CODEX_HOME"] = dir.Combine("codex"), ["STAND_IN_KEY"] = "sk-test-not-a-real-key" },
        };
        File.WriteAllText(Path.Combine(workspace, ".yoi", "config.json"),
            new JsonObject { ["profiles"] = new JsonObject { ["default"] = new JsonObject { ["engine"] = "echo" }, ["codex"] = profile } }.ToJsonString());
        var ticket = Ok("ticket", "create", "--title", "Codex writes here", "--workspace", workspace).Trim().Split('\t')[1];
        model.Script(ModelReply.Say("codex one"), ModelReply.Say("codex two"),
            ModelReply.Tool("exec_command", new JsonObject { ["cmd"] = $"yoi ticket comment {ticket} --message 'codex was here'" }),
            ModelReply.Say("codex commented"));
        try
        {
            var started = Ok("pod", "start", "beta", "--profile", "codex", "--workspace", workspace);
            var pid = int.Parse(Regex.Match(started, @"\(pid (\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            Assert.That(Ok("pod", "send", "beta", "--wait", "first question"), Is.EqualTo("codex one\n"));
            Assert.That(Ok("pod", "send", "beta", "--wait", "second question"), Is.EqualTo("codex two\n"));
            Assert.That(ResponsesStandIn.InputText(model.Requests[1]), Does.Contain("first question").And.Contain("codex one").And.Contain("second question"));

            var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(env["YOI_DATA_DIR"], "pods", "beta", "metadata.json")))!;
            var thread = metadata["agent_session_id"]?.GetValue<string>();
            Assert.That(thread, Is.Not.Null.And.Not.EqualTo(metadata["active"]!["session_id"]!.GetValue<string>()), "Codex picks its own thread id; yoi stores it");

            Assert.That(Libc.Kill(pid, Libc.SIGKILL), Is.True);
            Poll.Until(() => !Libc.ProcessExists(pid) || File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'), TimeSpan.FromSeconds(10), "the killed Pod to be gone");
            Ok("pod", "restore", "beta");

            var reply = Run("pod", "send", "beta", "--follow", "please comment on the ticket");
            Assert.That(reply.ExitCode, Is.Zero, reply.Stderr);
            Assert.That(reply.Stdout, Does.Contain("codex commented"));
            Assert.That(reply.Stderr, Does.Contain("[tool] shell: /bin/bash -c").And.Contain($"yoi ticket comment {ticket}").And.Contain("[result] ok: appended"));
            Assert.That(ResponsesStandIn.InputText(model.Requests[2]), Does.Contain("first question").And.Contain("codex two").And.Contain("please comment"));
            Assert.That(File.ReadAllText(Path.Combine(workspace, ".yoi", "tickets", ticket, "thread.md")), Does.Contain("codex was here"));
        }
        finally
        {
            YoiProcess.Run(["pod", "stop", "beta"], env, workspace, TimeSpan.FromSeconds(30));
        }
    }
}
