using Microsoft.Extensions.Time.Testing;
using Yoi.Core.Notices;

namespace Yoi.Tests.Core.Notices;

public sealed class NoticeDeliveryTests
{
    [Test]
    public async Task A_finished_delivery_reports_its_outcome_and_one_that_never_answers_is_cancelled_and_reported_skipped_when_the_budget_is_spent()
    {
        var clock = new FakeTimeProvider();
        using var delivery = new NoticeDelivery(TimeSpan.FromMilliseconds(500), clock);
        var cancelled = new TaskCompletionSource();
        delivery.Hand("quick", _ => Task.FromResult("delivered"));
        delivery.Hand("hung", async ct =>
        {
            await using var _ = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
            return "unreachable";
        });

        var settling = delivery.SettleAsync();
        // The settle waits on the fake clock: nothing is decided until the budget has passed.
        await Task.Delay(50);
        Assert.That(settling.IsCompleted, Is.False, "the hung delivery is still within its budget");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var outcomes = await settling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(outcomes.Select(o => (o.Target, o.Outcome)), Is.EqualTo(new[]
        {
            ("quick", "delivered"),
            ("hung", "skipped: no answer within 0.5 s (the Pod did not respond in time)"),
        }));
        Assert.That(outcomes[0].Delivered, Is.True);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task Settling_without_deliveries_returns_at_once_and_a_failed_delivery_says_why()
    {
        using var delivery = new NoticeDelivery(TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.That(await delivery.SettleAsync(), Is.Empty);
        delivery.Hand("broken", _ => throw new IOException("socket vanished"));
        var outcome = (await delivery.SettleAsync().WaitAsync(TimeSpan.FromSeconds(10))).Single();
        Assert.That(outcome.Outcome, Is.EqualTo("send failed: socket vanished"));
    }
}
