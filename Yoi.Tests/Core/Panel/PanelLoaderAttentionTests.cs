using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel;

/// <summary>Queued-work attention as the open panel runs it: a real Orchestrator Pod (echo engine), its session log as the witness.</summary>
public sealed class PanelLoaderAttentionTests
{

    /// <summary>The queued-work attention notices in the Orchestrator's session log.</summary>
    private static int AttentionNotices(PanelWorld world) =>
        Directory.Exists(world.Paths.SessionsDir)
            ? Directory.GetFiles(world.Paths.SessionsDir, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadAllLines)
                .Count(l => l.Contains("\"notify_queued\"", StringComparison.Ordinal) && l.Contains("queued-work attention", StringComparison.Ordinal))
            : 0;

    /// <summary>Reloads (attention on) and waits for the attention judgement it started; the Orchestrator's state is re-probed each time.</summary>
    private static async Task<AttentionOutcome?> ReloadAndSettleAsync(PanelLoader loader)
    {
        await loader.ReloadAsync(PanelReloadMode.Observe);
        return await loader.AttentionSettledAsync();
    }

    [Test]
    [Category("Integration")]
    public async Task The_open_panel_sends_an_idle_orchestrator_one_attention_notice_per_work_set_and_none_while_work_is_in_progress()
    {
        using var world = new PanelWorld();
        world.Ticket("First queued", TicketState.Queued);
        world.Ticket("Second queued", TicketState.Queued);
        world.StartPod(world.Orchestrator, role: "orchestrator");
        using var loader = new PanelLoader(world.Services, world.Workspace,
            new PanelLoaderOptions { ProbeBudget = PanelWorld.SettledProbeBudget, AttendQueuedWork = true });

        AttentionOutcome? outcome = null;
        await Poll.UntilAsync(async () => (outcome = await ReloadAndSettleAsync(loader)) is { Sent: true }, TimeSpan.FromSeconds(20),
            "an attention notice once the new Orchestrator reports idle");
        Poll.Until(() => AttentionNotices(world) == 1, TimeSpan.FromSeconds(10), "the notice in the Orchestrator's session log");

        // The notice wakes the Orchestrator for a turn; once it is idle again, the same work set is not sent again.
        await Poll.UntilAsync(async () => (outcome = await ReloadAndSettleAsync(loader))!.Summary.StartsWith("queued-work attention already delivered", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "a second judgement of the same work set with the Orchestrator idle again");
        Assert.That(loader.Current!.Header.OrchestratorAttention, Does.StartWith("queued-work attention"), "the header carries the last summary");

        var running = world.Ticket("Being implemented", TicketState.InProgress);
        await Poll.UntilAsync(async () => (outcome = await ReloadAndSettleAsync(loader))!.Summary.StartsWith("queued-work attention suppressed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the work set with a Ticket in progress judged");
        Assert.That(outcome!.Summary, Is.EqualTo($"queued-work attention suppressed; active_inprogress: {running}"));
        for (var i = 0; i < 3; i++) Assert.That((await ReloadAndSettleAsync(loader))!.Sent, Is.False);
        Assert.That(AttentionNotices(world), Is.EqualTo(1), "exactly one notice in all");
    }
}
