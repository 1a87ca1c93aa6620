using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Workflows;

public sealed class QueuedWorkAttentionTests
{
    [Test]
    public async Task An_idle_orchestrator_is_notified_once_per_work_set_and_not_while_work_is_in_progress()
    {
        using var world = new PanelWorld();
        var queued = world.Ticket("Waiting for routing", TicketState.Queued);
        world.StartPod(world.Orchestrator, role: "orchestrator");
        var loader = world.Loader();
        var attention = new QueuedWorkAttention();

        Poll.Until(() => loader.ReloadAsync(PanelReloadMode.Observe).GetAwaiter().GetResult().OrchestratorPod?.Status == PodRowStatus.LiveIdle,
            TimeSpan.FromSeconds(10), "the new Orchestrator reports idle");
        var first = await attention.AfterReloadAsync(await loader.ReloadAsync(PanelReloadMode.Observe));
        Assert.That(first.Sent, Is.True, first.Summary);
        Assert.That(first.Fingerprint, Does.StartWith("idle-queue:").And.Contain(queued));
        // Once the Orchestrator is idle again, the same work set is suppressed by the fingerprint, never re-sent.
        var resent = 0;
        AttentionOutcome? repeat = null;
        Poll.Until(() =>
        {
            repeat = attention.AfterReloadAsync(loader.ReloadAsync(PanelReloadMode.Observe).GetAwaiter().GetResult()).GetAwaiter().GetResult();
            if (repeat.Sent) resent++;
            return repeat.Summary.StartsWith("queued-work attention already delivered", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10), "the Orchestrator is idle again and the repeat is suppressed");
        Assert.That(resent, Is.Zero);
        Assert.That(repeat!.Fingerprint, Is.EqualTo(first.Fingerprint));

        var running = world.Ticket("Being implemented", TicketState.InProgress);
        // Creating the in-progress Ticket may wake the Orchestrator for a turn; judge once it is idle again.
        AttentionOutcome? suppressed = null;
        Poll.Until(() =>
        {
            suppressed = attention.AfterReloadAsync(loader.ReloadAsync(PanelReloadMode.Observe).GetAwaiter().GetResult()).GetAwaiter().GetResult();
            Assert.That(suppressed.Sent, Is.False, suppressed.Summary);
            return !suppressed.Summary.StartsWith("queued-work attention pending: Orchestrator is not live and idle", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10), "the Orchestrator is idle again");
        Assert.That(suppressed!.Summary, Is.EqualTo($"queued-work attention suppressed; active_inprogress: {running}"));
    }

    [Test]
    public async Task No_attention_without_a_live_idle_orchestrator()
    {
        using var world = new PanelWorld();
        world.Ticket("Waiting for routing", TicketState.Queued);
        var outcome = await new QueuedWorkAttention().AfterReloadAsync(world.Observe());
        Assert.That(outcome.Sent, Is.False);
        Assert.That(outcome.Summary, Does.StartWith("queued-work attention pending: Orchestrator is not live and idle"));
    }
}
