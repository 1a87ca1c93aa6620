namespace Yoi.Tests.Support;

[Category("E2E")]
public class TmuxSessionTests
{
    [Test, CancelAfter(30_000)]
    public void The_real_binary_runs_in_a_private_server_and_its_exit_code_is_read_back()
    {
        using var tmux = TmuxSession.Start(["--version"], width: 90, height: 20);
        Assert.That(tmux.WaitForExit(), Is.Zero);
        Assert.That(tmux.Capture(), Does.Match(@"\d+\.\d+"));
        Assert.That(tmux.Format("#{window_width}x#{window_height}"), Is.EqualTo("90x20"));
        Assert.That(tmux.TerminalRestored, Is.True);
    }

    [Test, CancelAfter(30_000)]
    public void Piped_output_starts_with_the_programs_first_byte()
    {
        using var dir = new TempDir();
        var output = dir.Combine("pane-output.bin");
        using var tmux = TmuxSession.Start(["--version"], width: 90, height: 20, pipeOutputTo: output);
        Assert.That(tmux.WaitForExit(), Is.Zero);
        var version = tmux.Capture().Split('\n')[0].Trim();
        Assert.That(version, Does.Match(@"\d+\.\d+"));
        Poll.Until(() => File.Exists(output) && File.ReadAllText(output).Contains("[exited rc=0]", StringComparison.Ordinal), TimeSpan.FromSeconds(10),
            "the pipe to reach the exit line");
        Assert.That(File.ReadAllText(output), Does.Contain(version), "yoi's only line, written at once, is in the pipe");
    }

    [Test, CancelAfter(30_000)]
    public void A_wait_that_never_matches_fails_and_dumps_the_pane()
    {
        using var tmux = TmuxSession.Start(["--version"]);
        tmux.WaitForExit();
        AssertionException? failure = null;
        using (new NUnit.Framework.Internal.TestExecutionContext.IsolatedContext())
        {
            try { tmux.WaitFor("never-shown", TimeSpan.FromMilliseconds(300)); }
            catch (AssertionException e) { failure = e; }
        }
        Assert.That(failure?.Message, Does.Contain("[exited rc=0]").And.Contain("never-shown"));
    }
}
