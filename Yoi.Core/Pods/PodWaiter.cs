using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>How a waited-for turn ended.</summary>
public enum PodWaitOutcome { Finished, Paused, Errored, TimedOut, Lost }

public sealed record PodWaitResult(PodWaitOutcome Outcome, string Message);

/// <summary>
/// Blocks until a Pod's current turn ends, or — when it is idle — its next one (<c>yoi pod wait</c>): connects with the
/// streaming client, reads the snapshot, then waits for <c>run_end</c> (finished / paused) or the run's <c>error</c>.
/// </summary>
public static class PodWaiter
{
    /// <param name="connected">Called with the Pod's status once the snapshot is read (from then on no turn end is missed).</param>
    public static async Task<PodWaitResult> WaitAsync(string socketPath, TimeSpan? timeout, Action<PodStatus>? connected = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t) deadline.CancelAfter(t);
        try
        {
            await using var connection = await PodConnection.ConnectAsync(socketPath, PodClient.ConnectBudget, retry: true, deadline.Token).ConfigureAwait(false);
            var snapshot = await connection.ReadSnapshotAsync(PodClient.ReadTimeout, deadline.Token).ConfigureAwait(false);
            var running = snapshot.Status == PodStatus.Running;
            connected?.Invoke(snapshot.Status);
            while (true)
            {
                var e = await connection.ReadEventAsync(null, deadline.Token).ConfigureAwait(false);
                switch (e)
                {
                    case null:
                        return new PodWaitResult(PodWaitOutcome.Lost, "the Pod closed the connection before the turn ended");
                    case StatusEvent { Status: PodStatus.Running }:
                        running = true;
                        break;
                    case RunEndEvent { Result: RunResult.Paused }:
                        return new PodWaitResult(PodWaitOutcome.Paused, "the turn was paused");
                    case RunEndEvent end:
                        return new PodWaitResult(PodWaitOutcome.Finished, $"the turn ended: {end.Result.ToString().ToLowerInvariant()}");
                    case ErrorEvent { ReplyTo: null, Code: ErrorCode.ProviderError or ErrorCode.Internal } error when running:
                        return new PodWaitResult(PodWaitOutcome.Errored, "the turn failed: " + error.Message);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PodWaitResult(PodWaitOutcome.TimedOut, $"no turn ended within {timeout?.TotalSeconds:0.#} s");
        }
        catch (TimeoutException)
        {
            return new PodWaitResult(PodWaitOutcome.TimedOut, $"no turn ended within {timeout?.TotalSeconds:0.#} s");
        }
    }
}
