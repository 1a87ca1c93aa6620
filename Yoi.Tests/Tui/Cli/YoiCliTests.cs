using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class YoiCliTests
{
    [Test]
    public void Help_lists_the_command_groups()
    {
        var result = YoiProcess.Run(["--help"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Does.Contain("pod"));
    }

    [Test]
    public void A_missing_argument_exits_2_with_a_usage_hint()
    {
        var result = YoiProcess.Run(["pod", "send"]);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("yoi pod send --help"));
    }

    [Test]
    public void An_unknown_command_exits_2_with_a_hint()
    {
        var result = YoiProcess.Run(["frobnicate"]);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("unknown command `frobnicate`").And.Contain("yoi --help"));
    }

    [Test]
    public void Pod_commands_on_a_missing_pod_say_so_and_how_to_fix_it()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string> { ["YOI_HOME"] = dir.Path };
        var result = YoiProcess.Run(["pod", "send", "ghost", "hello"], env);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("pod `ghost` does not exist").And.Contain("yoi pod start ghost"));
        Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void An_invalid_pod_name_is_refused_with_the_reason()
    {
        using var dir = new TempDir();
        var result = YoiProcess.Run(["pod", "inspect", "a/b"], new Dictionary<string, string> { ["YOI_HOME"] = dir.Path });
        Assert.That(result.ExitCode, Is.EqualTo(2), "bad input is a usage error");
        Assert.That(result.Stderr, Does.Contain("path separator"));
    }
}
