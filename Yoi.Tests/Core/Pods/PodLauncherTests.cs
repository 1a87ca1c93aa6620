using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

public class PodLauncherTests
{
    private static YoiPaths Paths(TempDir dir) => new(dir.Combine("c"), dir.Combine("d"), dir.Combine("r"));

    [Test]
    public void A_missing_executable_is_not_started_so_a_claim_may_be_released()
    {
        using var dir = new TempDir();
        var launcher = new PodLauncher(new PodMetadataStore(Paths(dir), TimeProvider.System), new PodExecutable("/nonexistent/yoi", []));
        var ex = Assert.ThrowsAsync<PodLaunchException>(() => launcher.StartAsync(new PodLaunchRequest(dir.Path, "p")))!;
        Assert.That(ex.Failure, Is.EqualTo(PodLaunchFailure.NotStarted));
        Assert.That(ex.ProcessMayHaveStarted, Is.False);
        Assert.That(ex.Message, Does.Contain("could not be started"));
    }

    [Test]
    public void A_process_that_exits_before_ready_reports_its_stderr_tail()
    {
        using var dir = new TempDir();
        var launcher = new PodLauncher(new PodMetadataStore(Paths(dir), TimeProvider.System), new PodExecutable("/bin/sh", ["-c", "echo 'config is broken' >&2; exit 3", "fake"]));
        var ex = Assert.ThrowsAsync<PodLaunchException>(() => launcher.StartAsync(new PodLaunchRequest(dir.Path, "p")))!;
        Assert.That(ex.Failure, Is.EqualTo(PodLaunchFailure.ExitedEarly));
        Assert.That(ex.ProcessMayHaveStarted, Is.True);
        Assert.That(ex.Message, Does.Contain("exited with status 3").And.Contain("config is broken"));
        Assert.That(File.Exists(Paths(dir).PodRuntimeDir("p") + "/stderr.log"), Is.True);
    }

    [Test]
    public void An_invalid_name_is_refused_before_anything_runs()
    {
        using var dir = new TempDir();
        var launcher = new PodLauncher(new PodMetadataStore(Paths(dir), TimeProvider.System), new PodExecutable("/bin/false", []));
        var ex = Assert.ThrowsAsync<PodLaunchException>(() => launcher.StartAsync(new PodLaunchRequest(dir.Path, "../x")))!;
        Assert.That(ex.Failure, Is.EqualTo(PodLaunchFailure.NotStarted));
        Assert.That(Directory.Exists(dir.Combine("r")), Is.False);
    }

    [Test]
    public void Daemon_arguments_carry_only_the_given_options()
    {
        var args = PodLauncher.DaemonArguments(new PodLaunchRequest("/w", "p", Profile: "claude", Ticket: "T1"));
        Assert.That(args, Is.EqualTo(new[] { "pod", "run", "--workspace", "/w", "--pod", "p", "--profile", "claude", "--ticket", "T1" }));
    }
}
