using System.Text.Json;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class IntakeCliTests
{
    [Test]
    public void Intake_start_prints_the_pod_and_claim_and_a_second_start_is_refused_with_the_owner()
    {
        using var dir = new TempDir("yoi-intake");
        var ws = Directory.CreateDirectory(dir.Combine("ws")).FullName;
        var env = new Dictionary<string, string> { ["YOI_HOME"] = dir.Combine("home") };
        Assert.That(YoiProcess.Run(["init", "--workspace", ws], env).ExitCode, Is.Zero);
        var id = YoiProcess.Run(["ticket", "--workspace", ws, "create", "--title", "CLI intake"], env).Stdout.Trim().Split('\t')[1];
        try
        {
            var first = YoiProcess.Run(["intake", "start", id, "--workspace", ws, "--json"], env);
            Assert.That(first.ExitCode, Is.Zero, first.Stderr);
            using var json = JsonDocument.Parse(first.Stdout);
            Assert.That(json.RootElement.GetProperty("pod_name").GetString(), Is.EqualTo("ticket-intake-" + id.ToLowerInvariant()));
            Assert.That(json.RootElement.GetProperty("claim").GetString(), Is.EqualTo("claimed"));

            var second = YoiProcess.Run(["intake", "start", id, "--workspace", ws], env);
            Assert.That(second.ExitCode, Is.EqualTo(1));
            Assert.That(second.Stderr, Does.Contain("already claimed by local Intake Pod ticket-intake-").And.Contain("(live)"));
        }
        finally
        {
            YoiProcess.Run(["pod", "stop", "ticket-intake-" + id.ToLowerInvariant()], env);
        }
    }
}
