using Yoi.Core.Hosting;
using System.Diagnostics;
using Yoi.Core.Demo;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

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
    public async Task Demo_no_panel_leaves_the_pods_running_and_says_how_to_stop_them()
    {
        using var dir = new TempDir("yoi-demo");
        var demoDir = dir.Combine("demo");
        var home = Path.Combine(demoDir, "home");
        var paths = YoiPaths.From(name => name == "YOI_HOME" ? home : null);
        var services = YoiProcess.Services(paths);
        var control = services.Pods;
        var demo = new DemoWorkspace(services);
        try
        {
            var result = Run(["demo", "--no-panel", "--dir", demoDir], dir.Combine("fake-home"));
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.Contain($"yoi home\t{home}").And.Contain("stale (no pod metadata)").And.Contain("ログイン画面のエラー表示を改善する"));
            Assert.That(Directory.Exists(dir.Combine("fake-home", ".yoi")), Is.False, "the user's ~/.yoi is never touched");
            Assert.That(result.Stdout, Does.Match($@"YOI_HOME={System.Text.RegularExpressions.Regex.Escape(home)} yoi pod stop yoi-demo-[0-9a-f]{{6}}-orchestrator"));
            var names = control.Store.ListNames();
            Assert.That(names, Has.Count.EqualTo(3));
            foreach (var name in names) Assert.That((await control.ProbeAsync(name, TimeSpan.FromSeconds(1))).Reachable, Is.True, name);
        }
        finally
        {
            await demo.StopPodsAsync(Path.Combine(demoDir, DemoLayout.WorkspaceName));
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
