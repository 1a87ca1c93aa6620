using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

/// <summary>`yoi pod start|restore|send` through the real CLI and real Pod processes.</summary>
public class PodCliTests
{
    private static Dictionary<string, string> Env(TempDir dir) => YoiProcess.EnvFor(PodProcess.Paths(dir.Path));

    private static void Config(string workspace, string companionProfile) => File.WriteAllText(Path.Combine(workspace, ".yoi", "config.json"), $$"""
        { "profiles": { "default": { "engine": "echo" }, "slow": { "engine": "echo", "delay_ms": 7 }, "fast": { "engine": "echo", "delay_ms": 3 },
                        "broken": { "engine": "command", "command": ["/nonexistent/agent-cli"] },
                        "failing": { "engine": "command", "command": ["sh", "-c", "echo 'API key refused' >&2; exit 4"] } },
          "roles": { "companion": { "profile": "{{companionProfile}}" } } }
        """);

    [Test]
    public void Start_refuses_an_engine_program_that_is_not_installed_and_names_the_fix()
    {
        using var dir = new TempDir();
        var env = Env(dir);
        Assert.That(InProcessYoi.Run(env, "init", "--workspace", dir.Path).ExitCode, Is.Zero);
        Config(dir.Path, "default");
        var result = InProcessYoi.Run(env, "pod", "start", "gamma", "--profile", "broken", "--workspace", dir.Path);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("cannot start pod `gamma`").And.Contain("`/nonexistent/agent-cli` is not installed or not on PATH"));
        Assert.That(Directory.Exists(Path.Combine(dir.Combine("d"), "pods", "gamma")), Is.False, "nothing was started");
    }

    [Test]
    public void Send_wait_exits_non_zero_with_the_agents_message_on_a_failed_run_and_the_pod_stays_usable()
    {
        using var dir = new TempDir();
        var env = Env(dir);
        InProcessYoi.Run(env, "init", "--workspace", dir.Path);
        Config(dir.Path, "default");
        Assert.That(InProcessYoi.Run(env, "pod", "start", "delta", "--profile", "failing", "--workspace", dir.Path).ExitCode, Is.Zero);
        try
        {
            var failed = InProcessYoi.Run(env, "pod", "send", "delta", "--wait", "hello");
            Assert.That(failed.ExitCode, Is.EqualTo(1));
            Assert.That(failed.Stderr, Does.Contain("run failed").And.Contain("exited with code 4").And.Contain("API key refused"));
            var again = InProcessYoi.Run(env, "pod", "send", "delta", "--wait", "hello again");
            Assert.That(again.ExitCode, Is.EqualTo(1), "the Pod is idle again and takes the next run");
        }
        finally
        {
            InProcessYoi.Run(env, "pod", "stop", "delta");
        }
    }

    [Test]
    public async Task A_changed_role_profile_reaches_the_pod_on_its_next_restore()
    {
        using var dir = new TempDir();
        var env = Env(dir);
        InProcessYoi.Run(env, "init", "--workspace", dir.Path);
        Config(dir.Path, "slow");
        Assert.That(InProcessYoi.Run(env, "pod", "start", "comp", "--role", "companion", "--profile", "slow", "--workspace", dir.Path).ExitCode, Is.Zero);
        var socket = new Yoi.Core.Paths.YoiPaths(dir.Combine("c"), dir.Combine("d"), dir.Combine("r")).PodSocketPath("comp");
        try
        {
            Assert.That((await PodClient.ProbeAsync(socket, TimeSpan.FromSeconds(5))).Greeting!.Model, Is.EqualTo("echo (delay 7 ms)"));
            Assert.That(InProcessYoi.Run(env, "pod", "stop", "comp").ExitCode, Is.Zero);
            Config(dir.Path, "fast");
            Assert.That(InProcessYoi.Run(env, "pod", "restore", "comp", "--workspace", dir.Path).ExitCode, Is.Zero);
            Assert.That((await PodClient.ProbeAsync(socket, TimeSpan.FromSeconds(5))).Greeting!.Model, Is.EqualTo("echo (delay 3 ms)"));
            Assert.That(InProcessYoi.Run(env, "pod", "inspect", "comp").Stdout, Does.Contain("profile: fast"));
        }
        finally
        {
            InProcessYoi.Run(env, "pod", "stop", "comp");
        }
    }
}
