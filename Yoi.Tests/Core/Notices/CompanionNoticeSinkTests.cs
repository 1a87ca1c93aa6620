using System.Diagnostics;
using Yoi.Core.Interop;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Notices;

/// <summary>The Orchestrator's Ticket notices to the Companion from the <c>yoi</c> CLI (run in-process) and real Pods.</summary>
public sealed class CompanionNoticeSinkTests
{
    private const int SIGSTOP = 19;
    private const int SIGCONT = 18;

    [NonParallelizable] // measures a CLI call against a 1.5 s bound over a baseline call
    [Test]
    [Category("Integration")]
    public void An_orchestrator_state_change_returns_within_1_5_s_when_the_companion_is_stopped_and_names_the_skipped_delivery()
    {
        using var dir = new TempDir();
        var ws = QueuedTicketWorkspace.Create(dir.Path);
        var (workspace, id, companion) = (ws.Workspace, ws.TicketId, ws.Companion);
        using var companionPod = PodProcess.Start(dir.Path, companion);
        using var orchestratorPod = PodProcess.Start(dir.Path, ws.Orchestrator);
        // Stopped, not dead: the kernel still accepts connections on its socket, and nothing ever answers.
        Assert.That(Libc.Kill(companionPod.Pid, SIGSTOP), Is.True);
        try
        {
            var watch = Stopwatch.StartNew();
            var state = InProcessYoi.Run(ws.AsOrchestrator(), "ticket", "--workspace", workspace, "state", id, "inprogress");
            var took = watch.Elapsed;

            Assert.That(state.ExitCode, Is.Zero, state.Stderr);
            TestContext.Out.WriteLine($"state change with a stopped Companion: {took.TotalSeconds:0.000} s");
            // The whole command, from its command line to its exit code: the notice has a 1 s budget; a blocking delivery
            // would take the 5 s connect and 5 s read budgets.
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(1.5)), "the agent's CLI call returns promptly");
            Assert.That(state.Stdout, Does.StartWith($"state\t{id}\tinprogress\nnotice\t{companion}\tskipped: "), "the output names the skipped delivery");
        }
        finally
        {
            Libc.Kill(companionPod.Pid, SIGCONT);
        }
    }
}
