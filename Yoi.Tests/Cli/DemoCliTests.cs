using System.Diagnostics;
using Yoi.Tests.Support;

namespace Yoi.Tests.Cli;

public class DemoCliTests
{
    [Test]
    public void Demo_without_a_terminal_is_refused_before_anything_is_created()
    {
        using var dir = new TempDir("yoi-demo");
        var demoDir = dir.Combine("demo");

        var result = Run(["demo", "--dir", demoDir], dir.Combine("fake-home"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("needs an interactive terminal").And.Contain("yoi demo --no-panel"));
        Assert.That(Directory.Exists(demoDir), Is.False);
    }

    [Test]
    public void Demo_no_panel_leaves_the_pods_running_and_says_how_to_stop_them()
    {
        using var dir = new TempDir("yoi-demo");
        var demoDir = dir.Combine("demo");
        var home = Path.Combine(demoDir, "home");
        try
        {
            var result = Run(["demo", "--no-panel", "--dir", demoDir], dir.Combine("fake-home"));
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.Contain($"yoi home\t{home}").And.Contain("stale (no pod metadata)").And.Contain("ログイン画面のエラー表示を改善する"));
            Assert.That(Directory.Exists(dir.Combine("fake-home", ".yoi")), Is.False, "the user's ~/.yoi is never touched");
            Assert.That(result.Stdout, Does.Contain($"YOI_HOME={home} yoi pod stop yoi-demo-orchestrator"));
            var list = YoiProcess.Run(["pod", "list"], new Dictionary<string, string> { ["YOI_HOME"] = home });
            Assert.That(list.Stdout.Split('\n').Count(l => l.Contains(" live ", StringComparison.Ordinal)), Is.EqualTo(3), list.Stdout);
        }
        finally
        {
            foreach (var pod in new[] { "yoi-demo", "yoi-demo-orchestrator" })
                YoiProcess.Run(["pod", "stop", pod], new Dictionary<string, string> { ["YOI_HOME"] = home });
            var intake = YoiProcess.Run(["pod", "list"], new Dictionary<string, string> { ["YOI_HOME"] = home }).Stdout
                .Split('\n').Select(l => l.Split(' ')[0]).FirstOrDefault(n => n.StartsWith("ticket-intake-", StringComparison.Ordinal));
            if (intake is not null) YoiProcess.Run(["pod", "stop", intake], new Dictionary<string, string> { ["YOI_HOME"] = home });
        }
    }

    private static YoiResult Run(string[] args, string fakeHome)
    {
        var start = YoiProcess.StartInfo(args);
        foreach (var name in new[] { "YOI_HOME", "YOI_DATA_DIR", "YOI_RUNTIME_DIR", "YOI_CONFIG_DIR", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME" }) start.Environment.Remove(name);
        start.Environment["HOME"] = fakeHome;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"yoi {string.Join(' ', args)} did not exit in time");
        }
        return new YoiResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
