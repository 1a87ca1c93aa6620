namespace Yoi.Core.Pods;

/// <summary>
/// One probe round over many sockets with one hard deadline (protocol.md "Probe rounds"): every socket is probed
/// concurrently over a lean connection, and the round returns when all answered or when the budget has passed,
/// whichever is first. A probe still open at the deadline (a hung Pod, or one the machine did not schedule in time)
/// is reported as reachable-without-status if it connected, else as a connect time-out, and is cancelled in the
/// background; it never holds the round past the budget.
/// </summary>
public static class ProbeRound
{
    public const string LateMessage = ProbeResult.LateSnapshot;

    public static async Task<IReadOnlyList<ProbeResult>> RunAsync(IReadOnlyList<string> sockets, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        if (sockets.Count == 0) return [];
        var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(budget, cancellationToken);
        var connected = new bool[sockets.Count];
        var probes = new Task<ProbeResult>[sockets.Count];
        for (var i = 0; i < sockets.Count; i++)
        {
            var index = i;
            probes[i] = PodClient.ProbeAsync(sockets[i], budget, () => connected[index] = true, round.Token);
        }
        var all = Task.WhenAll(probes);
        try
        {
            await Task.WhenAny(all, deadline).ConfigureAwait(false);
        }
        finally
        {
            // Late probes see the cancellation and close their connections after we returned; then the source goes.
            round.Cancel();
            _ = all.ContinueWith(t => { _ = t.Exception; round.Dispose(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var results = new ProbeResult[sockets.Count];
        for (var i = 0; i < sockets.Count; i++)
        {
            results[i] = probes[i].IsCompletedSuccessfully ? probes[i].Result
                : Volatile.Read(ref connected[i]) ? new ProbeResult(true, null, 0, LateMessage) { SnapshotLate = true }
                : ProbeResult.Unreachable(UnreachableKind.TimedOut, "connect timed out");
        }
        return results;
    }
}
