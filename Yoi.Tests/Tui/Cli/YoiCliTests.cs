using Yoi.Tests.Support;
using Yoi.Tui.Cli;

namespace Yoi.Tests.Tui.Cli;

public class YoiCliTests
{
    private static YoiResult Yoi(TempDir home, params string[] args) => InProcessYoi.Run(new Dictionary<string, string> { ["YOI_HOME"] = home.Path }, args);

    [Test]
    public void Help_lists_the_command_groups()
    {
        using var home = new TempDir();
        var result = Yoi(home, "--help");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Does.Contain("pod").And.Contain("ticket").And.Contain("-w, --workspace"));
    }

    [Test]
    public async Task Help_reaches_the_output_in_one_write()
    {
        using var home = new TempDir();
        await using var output = new WriteCountingWriter();
        using var error = new StringWriter();
        var services = InProcessYoi.Services(new Dictionary<string, string> { ["YOI_HOME"] = home.Path });
        var code = await YoiCli.RunAsync(["pod", "--help"], services, output, error);
        Assert.That((code, error.ToString()), Is.EqualTo((0, "")));
        Assert.That(output.Text, Does.StartWith("Description:").And.Contain("send"));
        Assert.That(output.Writes, Is.EqualTo(1), "System.CommandLine writes the help in pieces; yoi hands it to stdout at once");
    }

    /// <summary>Counts the writes that reach it (StringWriter's async writes end in these), as each would be one <c>write</c> system call on an autoflushed stdout.</summary>
    private sealed class WriteCountingWriter : StringWriter
    {
        public int Writes { get; private set; }
        public string Text => ToString();
        public override void Write(char value) { Writes++; base.Write(value); }
        public override void Write(string? value) { Writes++; base.Write(value); }
        public override void Write(char[] buffer, int index, int count) { Writes++; base.Write(buffer, index, count); }
        public override void Write(ReadOnlySpan<char> buffer) { Writes++; base.Write(buffer); }
    }

    [TestCase("pod", "send")]
    [TestCase("pod", "start")]
    [TestCase("ticket", "state")]
    public void Help_of_a_command_with_required_arguments_is_printed_not_refused(string group, string command)
    {
        using var home = new TempDir();
        var result = Yoi(home, group, command, "--help");
        Assert.That((result.ExitCode, result.Stderr), Is.EqualTo((0, "")));
        Assert.That(result.Stdout, Does.StartWith("Description:").And.Contain($" {group} {command} "));
    }

    [TestCase(new[] { "ticket", "list" }, true)]
    [TestCase(new[] { "ticket" }, true)]
    [TestCase(new[] { "pod", "start" }, true)]
    [TestCase(new[] { "pod", "restore" }, true)]
    [TestCase(new[] { "claim", "list" }, true)]
    [TestCase(new[] { "intake", "new" }, true)]
    [TestCase(new[] { "init" }, true)]
    [TestCase(new[] { "doctor" }, true)]
    [TestCase(new[] { "panel" }, true)]
    [TestCase(new[] { "attach" }, true)]
    [TestCase(new[] { "pod", "send" }, false)]
    [TestCase(new[] { "pod", "stop" }, false)]
    [TestCase(new[] { "pod", "spawn" }, false)]
    [TestCase(new[] { "peer", "send" }, false)]
    [TestCase(new[] { "demo" }, false)]
    public void Help_lists_the_one_workspace_option_where_the_command_acts_on_a_workspace(string[] command, bool listed)
    {
        using var home = new TempDir();
        var help = Yoi(home, [.. command, "--help"]).Stdout;
        Assert.That(help, listed ? Does.Match(@"\n  -w, --workspace <workspace> +Workspace directory \(default: the current directory\)\n")
            : Does.Not.Contain("--workspace"));
    }

    [Test]
    public void The_workspace_option_is_accepted_before_the_command_group_between_and_after()
    {
        using var home = new TempDir();
        using var ws = new TempDir();
        Assert.That(Yoi(home, "-w", ws.Path, "init").ExitCode, Is.Zero);
        var created = Yoi(home, "ticket", "-w", ws.Path, "create", "--title", "Global option");
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var id = created.Stdout.Trim().Split('\t')[1];
        Assert.That(Yoi(home, "ticket", "list", "--workspace", ws.Path).Stdout, Does.Contain($"planning\t{id}\tGlobal option"));
        Assert.That(Yoi(home, "claim", "take", id, "--pod", "p1", "-w", ws.Path).Stdout, Does.Contain($"Claimed Ticket {id} for p1"));
        Assert.That(Yoi(home, "-w", ws.Path, "claim", "list").Stdout, Does.Contain(id));
    }

    /// <summary>The real binary: a usage error is exit code 2 from the process itself.</summary>
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
        using var home = new TempDir();
        var result = Yoi(home, "pod", "send", "ghost", "hello");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("pod `ghost` does not exist").And.Contain("yoi pod start ghost"));
        Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void An_invalid_pod_name_is_refused_with_the_reason()
    {
        using var home = new TempDir();
        var result = Yoi(home, "pod", "inspect", "a/b");
        Assert.That(result.ExitCode, Is.EqualTo(2), "bad input is a usage error");
        Assert.That(result.Stderr, Does.Contain("path separator"));
    }
}
