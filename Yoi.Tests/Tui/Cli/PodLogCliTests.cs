using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class PodLogCliTests
{
    private static Dictionary<string, string> Env(string root) => YoiProcess.EnvFor(PodProcess.Paths(root));

    [Test]
    public void Log_shows_the_weak_notification_the_run_and_the_answer_one_line_each()
    {
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha", ["--engine-spec-json", """{"engine":"echo","delay_ms":1}"""]);
        var env = Env(dir.Path);
        Assert.That(InProcessYoi.Run(env, "pod", "notify", "alpha", "--weak", "build is green").ExitCode, Is.Zero);
        var (client, _, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            client.Send(new RunMethod([new TextSegment("first line\nsecond line")]));
            client.WaitFor<RunEndEvent>();
        }

        var log = InProcessYoi.Run(env, "pod", "log", "alpha");
        Assert.That(log.ExitCode, Is.Zero, log.Stderr);
        var lines = log.Stdout.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Contain("segment_start"));
            Assert.That(lines, Has.One.Contains("notify_queued").And.Contains("build is green"));
            Assert.That(lines, Has.One.Contains("notification ").And.Contains("build is green"));
            Assert.That(lines, Has.One.Contains("user").And.Contains("first line ⏎ second line"));
            Assert.That(lines, Has.Some.Contains("assistant").And.Contains("echo:"));
            Assert.That(lines[^1], Does.Contain("run_completed").And.Contain("finished"));
        });

        var tail = InProcessYoi.Run(env, "pod", "log", "alpha", "--tail", "1", "--json");
        Assert.That(tail.Stdout.TrimEnd(), Does.StartWith("{\"kind\":\"run_completed\"").And.Not.Contain("\n"));
    }

    [Test]
    public void Log_of_a_missing_pod_names_it_and_how_to_list_pods()
    {
        using var dir = new TempDir();
        var result = InProcessYoi.Run(Env(dir.Path), "pod", "log", "ghost");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("pod `ghost` does not exist").And.Contain("yoi pod list"));
    }
}
