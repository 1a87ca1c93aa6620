using Yoi.Core.Protocol;
using Yoi.Core.Runtime;

namespace Yoi.Tests.Core.Runtime;

public class OutboundQueueTests
{
    [Test]
    public async Task Consecutive_text_deltas_coalesce_into_one_event()
    {
        var queue = new OutboundQueue(4);
        for (var i = 0; i < 10_000; i++) Assert.That(queue.TryAdd(new TextDeltaEvent($"line {i}\n")), Is.True);
        queue.TryAdd(new TurnEndEvent(1, TurnResult.Finished));
        queue.TryAdd(new TextDeltaEvent("next"));
        var (events, catchUp) = (await queue.TakeBatchAsync(CancellationToken.None))!.Value;
        Assert.That(catchUp, Is.False);
        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(((TextDeltaEvent)events[0]).Text, Is.EqualTo(string.Concat(Enumerable.Range(0, 10_000).Select(i => $"line {i}\n"))));
    }

    [Test]
    public async Task A_lagging_client_keeps_its_replies_and_alerts_and_is_told_to_catch_up_instead_of_being_dropped()
    {
        var queue = new OutboundQueue(4);
        for (var i = 0; i < 10; i++) Assert.That(queue.TryAdd(new StatusEvent(PodStatus.Running, i)), Is.True);
        queue.TryAdd(new ErrorEvent(ErrorCode.NotRunning, "x") { ReplyTo = "r1" });
        queue.TryAdd(new AlertEvent(new Alert(AlertLevel.Warn, AlertSource.Pod, "a", 0)));
        var (events, catchUp) = (await queue.TakeBatchAsync(CancellationToken.None))!.Value;
        Assert.That(catchUp, Is.True);
        Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "error", "alert" }));
        queue.ResumeLive();
        queue.TryAdd(new StatusEvent(PodStatus.Idle, 0));
        (events, catchUp) = (await queue.TakeBatchAsync(CancellationToken.None))!.Value;
        Assert.That((catchUp, events.Count), Is.EqualTo((false, 1)));
    }

    [Test]
    public void A_client_that_reads_nothing_is_refused_past_a_bound()
    {
        var queue = new OutboundQueue(4);
        var accepted = 0;
        while (queue.TryAdd(new ErrorEvent(ErrorCode.NotRunning, "x") { ReplyTo = "r" }) && accepted < 1000) accepted++;
        Assert.That(accepted, Is.LessThan(1000));
    }
}
