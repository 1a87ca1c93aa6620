using System.Diagnostics;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Core.Notices;

/// <summary>The Orchestrator's Ticket notices to the Companion from real <c>yoi</c> CLI processes and real Pods.</summary>
public sealed class CompanionNoticeSinkTests
{
    private const int SIGSTOP = 19;
    private const int SIGCONT = 18;

    [NonParallelizable] // measures a CLI call against a 1.5 s bound over a baseline call
    [Test]
    [Category("Integration")]
    public void An_orchestrator_state_change_returns_promptly_when_the_companion_is_stopped_and_names_the_skipped_delivery()
    {
        using var dir = new TempDir();
        var ws = QueuedTicketWorkspace.Create(dir.Path);
        var (workspace, id, companion) = (ws.Workspace, ws.TicketId, ws.Companion);
        using var companionPod = PodProcess.Start(dir.Path, companion);
        using var orchestratorPod = PodProcess.Start(dir.Path, ws.Orchestrator);
        var asOrchestrator = ws.AsOrchestrator();

        // What a Ticket CLI call costs on this machine right now without any notice (process start, JIT, one read).
        var baseline = Stopwatch.StartNew();
        Assert.That(YoiProcess.Run(["ticket", "--workspace", workspace, "show", id], asOrchestrator).ExitCode, Is.Zero);
        var plain = baseline.Elapsed;
        // Stopped, not dead: the kernel still accepts connections on its socket, and nothing ever answers.
        Assert.That(Libc.Kill(companionPod.Pid, SIGSTOP), Is.True);
        try
        {
            var watch = Stopwatch.StartNew();
            var state = YoiProcess.Run(["ticket", "--workspace", workspace, "state", id, "inprogress"], asOrchestrator);
            var took = watch.Elapsed;

            Assert.That(state.ExitCode, Is.Zero, state.Stderr);
            // The bar is 1.5 s on a quiet machine, where a CLI call costs about 0.3 s: the notice may add its 1 s budget.
            // Judged as the time added to a plain call (budget + 0.5 s slack), so a loaded machine (a 1 s start) does not fail it;
            // a blocking delivery would add the 5 s connect and 5 s read budgets.
            Assert.That(took - plain, Is.LessThan(TimeSpan.FromSeconds(1.5)),
                $"the agent's CLI call returns promptly: {took.TotalSeconds:0.00} s, a plain call {plain.TotalSeconds:0.00} s");
            TestContext.Out.WriteLine($"state change with a stopped Companion: {took.TotalSeconds:0.00} s; plain CLI call: {plain.TotalSeconds:0.00} s");
            Assert.That(state.Stdout, Does.StartWith($"state\t{id}\tinprogress\nnotice\t{companion}\tskipped: "), "the output names the skipped delivery");
        }
        finally
        {
            Libc.Kill(companionPod.Pid, SIGCONT);
        }
    }
}
