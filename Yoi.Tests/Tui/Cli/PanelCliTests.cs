using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class PanelCliTests
{
    [Test]
    public void Panel_without_a_terminal_exits_2_and_points_to_the_script_commands()
    {
        using var dir = new TempDir("yoi-panel-cli");
        var result = YoiProcess.Run(["panel", "--workspace", dir.Path], new Dictionary<string, string> { ["YOI_HOME"] = dir.Combine("home") });
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.Trim(), Is.EqualTo("yoi: yoi panel needs an interactive terminal; use `yoi ticket list` or `yoi pod list` for scripts"));
        Assert.That(result.Stdout, Is.Empty, "no escape codes leak into a pipe");
    }

    [Test]
    public void Plain_yoi_without_a_terminal_points_to_the_help_instead_of_opening_the_panel()
    {
        var result = YoiProcess.Run([]);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("yoi --help"));
        Assert.That(result.Stderr, Does.Not.Contain("needs an interactive terminal"));
    }
}
