using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

public enum RunConfirmationKind { Accepted, AlreadyRunning, Rejected }

public sealed record RunConfirmation(RunConfirmationKind Kind, ErrorCode? Code = null, string? Message = null);

public enum RunOutcomeKind { NotAccepted, Finished, Paused, Errored }

/// <summary>How a run that a script waited for ended: its assistant text, and the error message when it failed.</summary>
public sealed record RunOutcome(RunOutcomeKind Kind, RunConfirmation Confirmation, string Reply, string? Error = null);

/// <summary>What a probe learned: reachable (connect succeeded), and the status/pending count when a snapshot arrived.</summary>
public sealed record ProbeResult(bool Reachable, PodStatus? Status, int PendingNotifications, string? Error, Greeting? Greeting = null)
{
    public static ProbeResult Unreachable(UnreachableKind kind, string error) => new(false, null, 0, error) { Failure = kind };

    /// <summary>Why the connect failed (null when it succeeded); decide on this, <see cref="Error"/> is for people.</summary>
    public UnreachableKind? Failure { get; init; }

    /// <summary>The text of a probe whose connect succeeded but whose snapshot did not come within the budget.</summary>
    public const string LateSnapshot = "no snapshot within the probe budget";

    /// <summary>Connected, but no snapshot within the budget (<see cref="LateSnapshot"/>).</summary>
    public bool SnapshotLate { get; init; }

    /// <summary>The connect timed out: a listener may well be there, but the Pod (or a loaded machine) was slow. Unlike a
    /// refused connect or a missing socket file this says nothing about liveness.</summary>
    public bool ConnectTimedOutWithoutAnswer => !Reachable && Failure == UnreachableKind.TimedOut;

    /// <summary>The probe ran out of budget (connect, or the snapshot after it): the Pod's state is not known.</summary>
    public bool TimedOut => ConnectTimedOutWithoutAnswer || (Reachable && Status is null && SnapshotLate);

    /// <summary>How the last run ended (from the snapshot's entries), or null.</summary>
    public PodLastRun? LastRun { get; init; }

    /// <summary>When the running turn started (the last <c>invoke</c> after the last run end), or null.</summary>
    public string? RunningSince { get; init; }
}

/// <summary>
/// One-shot client paths over <see cref="PodConnection"/> (protocol.md "One-shot client paths").
/// Every path drains the connect prelude (alerts, snapshot) before writing, and every path that opens its own
/// connection asks for a lean snapshot (no session entries): one-shot clients need only status and counts.
/// </summary>
public static class PodClient
{
    public static readonly TimeSpan ConnectBudget = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan AcceptanceTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connect, read through the snapshot, write the method, close. No reply is awaited — except for a <c>notify</c>, which
    /// goes through <see cref="NotifyAsync"/> and returns only once the Pod has it on disk.
    /// </summary>
    public static async Task ConnectAndSendAsync(string socketPath, Method method, CancellationToken cancellationToken = default)
    {
        if (method is NotifyMethod notify)
        {
            await NotifyAsync(socketPath, notify, cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var connection = await PodConnection.ConnectAsync(socketPath, ConnectBudget, SnapshotEntries.Omitted, cancellationToken: cancellationToken).ConfigureAwait(false);
        await ReadSnapshotNamingTheStep(connection, cancellationToken).ConfigureAwait(false);
        await WriteNamingTheStep(connection, method, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A one-shot notify (protocol.md "A one-shot notify"): connect saying <c>hello{subscribe:false}</c> (no prelude to
    /// wait for) with the notify and its id right behind it in the same write, and wait for its <c>notify_queued</c> — which the Pod sends
    /// only after the notify's entry is fsync'd (notifies arriving together share one fsync). One round trip plus the
    /// commit; the write side is shut down right after the two lines, so the Pod reads end of stream with them and
    /// closes once it has replied. A Pod from before <c>notify_queued</c> answers with its prelude instead; the notify was written and that
    /// Pod handles it after the prelude (the old guarantee), so the snapshot ends the wait.
    /// </summary>
    public static async Task NotifyAsync(string socketPath, NotifyMethod notify, CancellationToken cancellationToken = default)
    {
        var id = notify.Id ?? "n" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = await PodConnection.ConnectAsync(socketPath, ConnectBudget, SnapshotEntries.RepliesOnly,
            first: notify with { Id = id }, cancellationToken: cancellationToken).ConfigureAwait(false);
        connection.FinishSending();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AcceptanceTimeout);
        while (true)
        {
            Event e;
            try
            {
                e = await ReadNamingTheStep(connection, null, "the pod closed the connection before confirming the notify (it may or may not be queued)",
                    "read timed out", deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PodClientException($"the pod did not confirm the notify within {AcceptanceTimeout.TotalSeconds:0} s (it may still be queued)");
            }
            switch (e)
            {
                case NotifyQueuedEvent when e.ReplyTo == id:
                case SnapshotEvent:
                    return;
                case ErrorEvent error when e.ReplyTo == id:
                    throw new PodClientException($"the pod refused the notify: {error.Message}");
            }
        }
    }

    /// <summary>Sends a <c>run</c> and waits for evidence that it was accepted (invoke_start user_send, user_message or turn_start).</summary>
    public static async Task<RunConfirmation> SendRunAndConfirmAsync(string socketPath, IReadOnlyList<Segment> input, CancellationToken cancellationToken = default)
    {
        await using var connection = await PodConnection.ConnectAsync(socketPath, ConnectBudget, SnapshotEntries.Omitted, cancellationToken: cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var e = await ReadNamingTheStep(connection, ReadTimeout, "connection closed before initial Snapshot", "read timed out", cancellationToken).ConfigureAwait(false);
            if (e is ErrorEvent early) return Classify(early);
            if (e is SnapshotEvent) break;
        }
        return await SendRunAndConfirmAsync(connection, input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As above on an open connection whose snapshot has been read.</summary>
    public static async Task<RunConfirmation> SendRunAndConfirmAsync(PodConnection connection, IReadOnlyList<Segment> input, CancellationToken cancellationToken = default)
    {
        await WriteNamingTheStep(connection, new RunMethod(input), cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AcceptanceTimeout);
        while (true)
        {
            Event e;
            try
            {
                e = await ReadNamingTheStep(connection, null, "connection closed before response", "read response timed out", deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PodClientException("read response timed out");
            }
            switch (e)
            {
                case InvokeStartEvent { Kind: InvokeKind.UserSend }:
                case UserMessageEvent:
                case TurnStartEvent:
                    return new RunConfirmation(RunConfirmationKind.Accepted);
                case ErrorEvent { ReplyTo: null } error:
                    return Classify(error);
            }
        }
    }

    /// <summary>
    /// Sends a <c>run</c>, and once accepted reads the turn's events on the same connection until it ends
    /// (<c>run_end</c>, or the <c>error</c> of a failed run). <paramref name="onEvent"/> sees every event after
    /// acceptance (for streaming). <paramref name="timeout"/> bounds the whole wait.
    /// </summary>
    public static async Task<RunOutcome> SendRunAndWaitAsync(string socketPath, IReadOnlyList<Segment> input, Action<Event>? onEvent = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t) deadline.CancelAfter(t);
        await using var connection = await PodConnection.ConnectAsync(socketPath, ConnectBudget, cancellationToken: deadline.Token).ConfigureAwait(false);
        var before = (await ReadSnapshotNamingTheStep(connection, deadline.Token).ConfigureAwait(false)).Entries.Count;
        var confirmation = await SendRunAndConfirmAsync(connection, input, deadline.Token).ConfigureAwait(false);
        if (confirmation.Kind != RunConfirmationKind.Accepted) return new RunOutcome(RunOutcomeKind.NotAccepted, confirmation, "");
        var reply = new System.Text.StringBuilder();
        try
        {
            while (true)
            {
                var e = await connection.ReadEventAsync(null, deadline.Token).ConfigureAwait(false)
                    ?? throw new PodClientException("the pod closed the connection before the run ended");
                onEvent?.Invoke(e);
                switch (e)
                {
                    case TextDoneEvent done:
                        reply.Append(done.Text);
                        break;
                    case SnapshotEvent caughtUp when RunSoFar(caughtUp.Entries, before, confirmation, reply) is { } ended:
                        return ended;
                    case RunEndEvent { Result: RunResult.Paused }:
                        return new RunOutcome(RunOutcomeKind.Paused, confirmation, reply.ToString());
                    case RunEndEvent:
                        return new RunOutcome(RunOutcomeKind.Finished, confirmation, reply.ToString());
                    case ErrorEvent { ReplyTo: null, Code: ErrorCode.ProviderError or ErrorCode.Internal } error:
                        return new RunOutcome(RunOutcomeKind.Errored, confirmation, reply.ToString(), error.Message);
                    case ShutdownEvent:
                        throw new PodClientException("the pod shut down before the run ended");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodClientException($"the run did not end within {timeout?.TotalSeconds:0} s (it goes on in the Pod)");
        }
    }

    /// <summary>
    /// A snapshot after acceptance is a catch-up: the Pod dropped the live events this client was too slow for, and the
    /// session log replaces them. Rebuilds <paramref name="reply"/> from the assistant items of our run (the first
    /// invoke after the <paramref name="before"/> entries the connection started with) and returns the outcome when
    /// the log already holds the run's end; null while the run goes on (its later events arrive live).
    /// </summary>
    private static RunOutcome? RunSoFar(IReadOnlyList<LogEntry> entries, int before, RunConfirmation confirmation, System.Text.StringBuilder reply)
    {
        var start = before;
        while (start < entries.Count && entries[start] is not InvokeEntry) start++;
        reply.Clear();
        for (var i = start + 1; i < entries.Count; i++)
        {
            switch (entries[i])
            {
                case AssistantItemEntry item:
                    reply.Append(item.Text);
                    break;
                case RunCompletedEntry { Result: RunResult.Paused }:
                    return new RunOutcome(RunOutcomeKind.Paused, confirmation, reply.ToString());
                case RunCompletedEntry:
                    return new RunOutcome(RunOutcomeKind.Finished, confirmation, reply.ToString());
                case RunErroredEntry errored:
                    return new RunOutcome(RunOutcomeKind.Errored, confirmation, reply.ToString(), errored.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// Sends a method carrying a fresh <c>id</c> and waits for the reply addressed to it
    /// (<c>reply_to</c>): the reply event, which may be an <see cref="ErrorEvent"/>.
    /// </summary>
    public static async Task<Event> RequestAsync(string socketPath, Method method, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await PodConnection.ConnectAsync(socketPath, ConnectBudget, SnapshotEntries.Omitted, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await RequestAsync(connection, method, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As above on an open connection whose snapshot may or may not have been read yet.</summary>
    public static async Task<Event> RequestAsync(PodConnection connection, Method method, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        await WriteNamingTheStep(connection, method with { Id = id }, cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? ReadTimeout);
        try
        {
            while (true)
            {
                var e = await connection.ReadEventAsync(null, deadline.Token).ConfigureAwait(false)
                    ?? throw new PodClientException($"pod closed the connection before answering `{method.Name}`");
                if (e.ReplyTo == id) return e;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodClientException($"pod did not answer `{method.Name}` in time");
        }
    }

    /// <summary>
    /// Connects once (lean) within <paramref name="budget"/> and reads up to the snapshot. Never throws for an unreachable
    /// Pod. Many sockets at once: <see cref="ProbeRound"/> (one hard deadline for the round).
    /// </summary>
    public static Task<ProbeResult> ProbeAsync(string socketPath, TimeSpan budget, CancellationToken cancellationToken = default) =>
        ProbeAsync(socketPath, budget, onConnected: null, cancellationToken);

    /// <summary>How many times the first budget a probe that timed out gets on its one second try.</summary>
    public const int RetryFactor = 4;

    /// <summary>
    /// The one liveness probe for deciding whether a Pod is live (docs/reliability.md): <see cref="ProbeAsync(string, TimeSpan, CancellationToken)"/>,
    /// and a connect that timed out is probed once more with <see cref="RetryFactor"/> times the budget, so a live Pod
    /// on a loaded machine is not reported as stopped or "live but unreachable". A refused connect or a missing socket
    /// file is final at once.
    /// </summary>
    public static async Task<ProbeResult> ProbeLiveAsync(string socketPath, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var probe = await ProbeAsync(socketPath, budget, cancellationToken).ConfigureAwait(false);
        return probe.ConnectTimedOutWithoutAnswer
            ? await ProbeAsync(socketPath, budget * RetryFactor, cancellationToken).ConfigureAwait(false)
            : probe;
    }

    internal static async Task<ProbeResult> ProbeAsync(string socketPath, TimeSpan budget, Action? onConnected, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        PodConnection connection;
        try
        {
            connection = await PodConnection.ConnectAsync(socketPath, budget, SnapshotEntries.Omitted, retry: false, cancellationToken: deadline.Token).ConfigureAwait(false);
            onConnected?.Invoke();
        }
        catch (PodUnreachableException ex)
        {
            return ProbeResult.Unreachable(ex.Kind, ex.Reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Unreachable(UnreachableKind.TimedOut, "connect timed out");
        }
        await using (connection)
        {
            try
            {
                var snapshot = await connection.ReadSnapshotAsync(budget, deadline.Token).ConfigureAwait(false);
                var (last, running) = PodLastRun.From(snapshot.Entries);
                return new ProbeResult(true, snapshot.Status, snapshot.PendingNotifications, null, snapshot.Greeting)
                {
                    LastRun = last,
                    RunningSince = snapshot.Status == PodStatus.Idle ? null : running,
                };
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or PodClientException)
            {
                if (cancellationToken.IsCancellationRequested) throw;
                return new ProbeResult(true, null, 0, ProbeResult.LateSnapshot) { SnapshotLate = true };
            }
        }
    }

    private static RunConfirmation Classify(ErrorEvent error) => error.Code == ErrorCode.AlreadyRunning
        ? new RunConfirmation(RunConfirmationKind.AlreadyRunning, error.Code, error.Message)
        : new RunConfirmation(RunConfirmationKind.Rejected, error.Code, error.Message);

    private static async Task<SnapshotEvent> ReadSnapshotNamingTheStep(PodConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await ReadNamingTheStep(connection, ReadTimeout, "pod closed connection before Snapshot event", "read timed out", cancellationToken).ConfigureAwait(false) is SnapshotEvent snapshot)
                return snapshot;
        }
    }

    private static async Task<Event> ReadNamingTheStep(PodConnection connection, TimeSpan? timeout, string closed, string timedOut, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ReadEventAsync(timeout, cancellationToken).ConfigureAwait(false) ?? throw new PodClientException(closed);
        }
        catch (TimeoutException)
        {
            throw new PodClientException(timedOut);
        }
    }

    private static async Task WriteNamingTheStep(PodConnection connection, Method method, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadTimeout);
        try
        {
            await connection.SendAsync(method, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodClientException("write timed out");
        }
        catch (IOException ex)
        {
            throw new PodClientException($"pod closed the connection before `{method.Name}` was written", ex);
        }
    }
}
