namespace Yoi.Core.Notices;

/// <summary>
/// Bounded background delivery of Ticket-event notices (docs/tickets.md "Notices to the Companion"): a sink hands each
/// delivery over and returns at once, so a Ticket command never waits inside <c>TicketStore.Publish</c>; the deliveries
/// run concurrently, and <see cref="SettleAsync"/> waits for all of them within one total <see cref="Budget"/> that
/// starts with the first hand-over. What has not finished by then is cancelled and reported as skipped with the reason
/// (a Pod that accepts connections but never answers costs the budget once, not a socket timeout per step).
/// </summary>
public sealed class NoticeDelivery(TimeSpan budget, TimeProvider time) : IDisposable
{
    /// <summary>The default total budget for a CLI call's notices.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(1);

    private readonly List<(string Target, Task<string> Outcome)> _deliveries = [];
    private CancellationTokenSource _cancel = new();
    private long? _started;

    public TimeSpan Budget => budget;

    /// <summary>The environment variable that overrides <see cref="DefaultBudget"/> (milliseconds, 1–60000), e.g. for a very loaded machine.</summary>
    public const string BudgetVariable = "YOI_NOTICE_BUDGET_MS";

    /// <summary><see cref="BudgetVariable"/> when it holds a whole number of milliseconds in range, else <see cref="DefaultBudget"/>.</summary>
    public static TimeSpan BudgetFrom(Func<string, string?> env) =>
        int.TryParse(env(BudgetVariable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 60_000
            ? TimeSpan.FromMilliseconds(ms) : DefaultBudget;

    /// <summary>Cancels whatever was handed and not settled.</summary>
    public void Dispose()
    {
        lock (_deliveries)
        {
            _cancel.Cancel();
            _cancel.Dispose();
        }
    }

    /// <summary>Starts <paramref name="deliver"/> (which returns its outcome, e.g. "delivered") in the background.</summary>
    public void Hand(string target, Func<CancellationToken, Task<string>> deliver)
    {
        lock (_deliveries)
        {
            _started ??= time.GetTimestamp();
            var token = _cancel.Token;
            _deliveries.Add((target, Task.Run(() => deliver(token), token)));
        }
    }

    /// <summary>
    /// Waits for every handed delivery until the total budget is spent, cancels the rest, and returns one line per
    /// delivery: its target and its outcome, or "skipped: no answer within …" for one that did not finish.
    /// </summary>
    public async Task<IReadOnlyList<NoticeOutcome>> SettleAsync()
    {
        List<(string Target, Task<string> Outcome)> deliveries;
        long started;
        CancellationTokenSource cancel;
        lock (_deliveries)
        {
            deliveries = [.. _deliveries];
            _deliveries.Clear();
            started = _started ?? time.GetTimestamp();
            _started = null;
            cancel = _cancel;
            _cancel = new CancellationTokenSource();
        }
        if (deliveries.Count == 0)
        {
            cancel.Dispose();
            return [];
        }
        var remaining = budget - time.GetElapsedTime(started);
        var all = Task.WhenAll(deliveries.Select(d => d.Outcome));
        if (remaining > TimeSpan.Zero) await Task.WhenAny(all, Task.Delay(remaining, time)).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        cancel.Dispose();
        return deliveries.Select(d => new NoticeOutcome(d.Target, d.Outcome.Status switch
        {
            TaskStatus.RanToCompletion => d.Outcome.Result,
            TaskStatus.Faulted => $"send failed: {d.Outcome.Exception!.GetBaseException().Message}",
            _ => $"skipped: no answer within {budget.TotalSeconds:0.0#} s (the Pod did not respond in time)",
        })).ToList();
    }
}

/// <summary>How one notice delivery ended: the target Pod and the outcome text ("delivered", "skipped: …", "send failed: …").</summary>
public sealed record NoticeOutcome(string Target, string Outcome)
{
    public bool Delivered => Outcome == "delivered";
}
