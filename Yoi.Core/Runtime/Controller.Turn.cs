using System.Text;
using Yoi.Core.Engines;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

public sealed partial class Controller
{
    private static readonly TimeSpan UpwardBudget = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fires a staged run: status running, the run's entries made durable (or the run is refused before anything
    /// acknowledges it), drain, engine (reading methods meanwhile), outcome.
    /// </summary>
    private async Task DriveAsync(PendingRun run)
    {
        using var cts = new CancellationTokenSource();
        _pauseRequested = false;
        _turnCts = cts;
        if (_shutdown) await cts.CancelAsync().ConfigureAwait(false);
        var before = _status;
        var sink = new TurnSink(deps.Hub, deps.Diagnostics, deps.Time, Commit, deps.Log.Now);
        EngineResult result;
        int turn;
        try
        {
            PublishStatus(PodStatus.Running);
            string? userText = null;
            try
            {
                switch (run)
                {
                    case UserRun user:
                        Commit([new InvokeEntry(InvokeKind.UserSend) { Ts = deps.Log.Now() }, new UserInputEntry(user.Input) { Ts = deps.Log.Now() }]);
                        userText = Segment.Flatten(user.Input);
                        break;
                    case NotificationRun notification:
                        Commit(new InvokeEntry(notification.Kind) { Ts = deps.Log.Now() });
                        break;
                    case ResumeRun:
                        // Agent CLIs cannot pause mid-turn: the paused turn's process was stopped, so the resumed turn
                        // tells the agent (through its resume argv) to continue, with the request it was working on.
                        userText = ContinueText(_pausedUserText);
                        break;
                }
                _turnUserText = run is ResumeRun ? _pausedUserText : userText;
            }
            catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
            {
                Refuse(ex, before);
                return;
            }
            turn = ++_turns;
            deps.Hub.Broadcast(new TurnStartEvent(turn));
            try
            {
                // The drain is recorded before the queue forgets the items, so a failed write keeps them queued.
                var items = deps.Queue.Peek().ToEntries(deps.Log.Now());
                Commit(items);
                deps.Queue.Drain();
                deps.Hub.SetPendingQuietly(deps.Queue.Count);
                deps.StatusChanged(PodStatus.Running, deps.Queue.Count);
                var engineTurn = new EngineTurn(userText,
                    items.Select(i => i.Item switch { NotificationItem n => n.Message, PodEventItem p => p.Event.Render(), var other => other.Body }).ToList(),
                    items.Select(i => i.Item.Body).ToList());
                result = await RunEngineReadingMethodsAsync(engineTurn, sink, cts).ConfigureAwait(false);
            }
            catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
            {
                Log($"turn {turn} could not be recorded: {ex.Message}");
                result = EngineResult.Error($"the session log could not be written: {ex.Message}");
            }
        }
        finally
        {
            _turnCts = null;
        }
        Finish(run, turn, result, sink.TakeSegment());
    }

    /// <summary>The run's own entries could not be made durable: nothing acknowledged it, so it is refused outright.</summary>
    private void Refuse(Exception ex, PodStatus before)
    {
        var message = $"run refused: {ex.Message}";
        Log(message);
        deps.Hub.Alert(new Alert(AlertLevel.Error, AlertSource.Pod, message, deps.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        deps.Hub.Broadcast(new ErrorEvent(ErrorCode.Internal, message));
        PublishStatus(before);
    }

    private async Task<EngineResult> RunEngineReadingMethodsAsync(EngineTurn turn, TurnSink sink, CancellationTokenSource cts)
    {
        var engineTask = RunEngineSafelyAsync(turn, sink, cts.Token);
        while (!engineTask.IsCompleted)
        {
            _carried ??= _methods.Reader.ReadAsync().AsTask();
            var done = await Task.WhenAny(engineTask, _carried).ConfigureAwait(false);
            if (done != _carried) break;
            var request = await TakeCarriedAsync().ConfigureAwait(false);
            await HandleAsync(request, cts).ConfigureAwait(false);
        }
        return await engineTask.ConfigureAwait(false);
    }

    private async Task<EngineResult> RunEngineSafelyAsync(EngineTurn turn, TurnSink sink, CancellationToken token)
    {
        try
        {
            return await engine.RunTurnAsync(turn, sink, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return EngineResult.Cancelled;
        }
#pragma warning disable CA1031 // an engine bug must end the turn with an error, never kill the Pod
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log($"engine `{engine.Name}` failed: {ex}");
            return EngineResult.Error($"engine `{engine.Name}` failed: {ex.Message}");
        }
    }

    /// <summary>
    /// The drive_turn outcome mapping (docs/original-core.md §2.5). The reply and the outcome are written in one durable append
    /// before anyone is told the turn ended. When that write fails the turn ends as <c>run_errored</c> with the reason:
    /// clients and the parent are told now, and the entry is owed to the log, written before anything else as soon as
    /// space allows (see <see cref="PayOwed"/>).
    /// </summary>
    private void Finish(PendingRun run, int turn, EngineResult result, string text)
    {
        if (text.Length > 0) deps.Hub.Broadcast(new TextDoneEvent(text));
        List<LogEntry> entries = text.Length > 0 ? [new AssistantItemEntry(text) { Ts = deps.Log.Now() }] : [];
        var cancelled = result.Outcome == EngineOutcome.Cancelled;
        var paused = cancelled && _pauseRequested && !_shutdown;
        var message = cancelled ? "turn cancelled" : result.Message ?? "engine failed";
        switch (result.Outcome)
        {
            case EngineOutcome.Finished:
                entries.Add(new TurnEndEntry(turn) { Ts = deps.Log.Now() });
                entries.Add(new RunCompletedEntry(false, RunResult.Finished) { Ts = deps.Log.Now() });
                break;
            case EngineOutcome.Cancelled when paused:
                entries.Add(new RunCompletedEntry(true, RunResult.Paused) { Ts = deps.Log.Now() });
                break;
            default:
                entries.Add(new RunErroredEntry(cancelled, message) { Ts = deps.Log.Now() });
                break;
        }
        try
        {
            Commit(entries);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            message = $"the reply could not be recorded: {ex.Message}";
            Log($"turn {turn}: {message}");
            deps.Hub.Alert(new Alert(AlertLevel.Error, AlertSource.Pod, message, deps.Time.GetUtcNow().ToUnixTimeMilliseconds()));
            var errored = new RunErroredEntry(false, message) { Ts = deps.Log.Now() };
            try { Commit(errored); }
            catch (Exception again) when (YoiIOException.IsIOFailure(again)) { _owed.Add(errored); }
            deps.Hub.Broadcast(new ErrorEvent(ErrorCode.Internal, message));
            PublishStatus(PodStatus.Idle);
            if (run.ParentOriginated) SendUpward(new ErroredPodEvent(deps.PodName, message));
            return;
        }
        switch (result.Outcome)
        {
            case EngineOutcome.Finished:
                deps.Hub.Broadcast(new TurnEndEvent(turn, TurnResult.Finished));
                deps.Hub.Broadcast(new RunEndEvent(RunResult.Finished));
                PublishStatus(PodStatus.Idle);
                if (run.ParentOriginated) SendUpward(new TurnEndedPodEvent(deps.PodName));
                return;
            case EngineOutcome.Cancelled when paused:
                _pausedUserText = _turnUserText;
                deps.Hub.Broadcast(new TurnEndEvent(turn, TurnResult.Paused));
                deps.Hub.Broadcast(new RunEndEvent(RunResult.Paused));
                PublishStatus(PodStatus.Paused);
                return;
            default:
                deps.Hub.Broadcast(new ErrorEvent(cancelled ? ErrorCode.Internal : ErrorCode.ProviderError, message));
                PublishStatus(PodStatus.Idle);
                if (run.ParentOriginated) SendUpward(new ErroredPodEvent(deps.PodName, message));
                return;
        }
    }

    /// <summary>The input of a resumed turn: the paused request stays the agent's task.</summary>
    public static string ContinueText(string? pausedRequest) => pausedRequest is { Length: > 0 } request
        ? $"The previous turn was paused by the user before it finished. Continue it where you left off. The request was:\n\n{request}"
        : "The previous turn was paused by the user before it finished. Continue it where you left off.";

    /// <summary>Fire-and-forget delivery of a PodEvent to this Pod's parent (no-op without a parent socket).</summary>
    private void SendUpward(PodEvent podEvent)
    {
        if (deps.ParentSocket is not { } socket) return;
        var task = Task.Run(async () =>
        {
            try
            {
                using var budget = new CancellationTokenSource(UpwardBudget, deps.Time);
                await deps.Sender.SendAsync(socket, new PodEventMethod(podEvent), budget.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // delivery upward is best effort; a failure is a warning in the log
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log($"warn: could not deliver `{podEvent.GetType().Name}` to parent {socket}: {ex.Message}");
                deps.ParentInbox?.Keep(podEvent, Log);
            }
        });
        lock (_upward)
        {
            _upward.RemoveAll(t => t.IsCompleted);
            _upward.Add(task);
        }
    }

    private async Task WaitUpwardAsync()
    {
        Task[] pending;
        lock (_upward) pending = [.. _upward];
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>
    /// Collects the turn's text and streams deltas; an agent item first commits the text streamed before it (one
    /// <c>text_done</c> + <c>assistant_item</c> per stretch of text), then itself. Engine diagnostics go to the log
    /// and (bounded) to alerts.
    /// </summary>
    private sealed class TurnSink(EventHub hub, TextWriter diagnostics, TimeProvider time, Action<IReadOnlyList<LogEntry>> commit, Func<string> now) : IEngineSink
    {
        private const int MaxAlertsPerTurn = 10;
        private const int MaxAlertChars = 400;
        private readonly StringBuilder _text = new();
        private int _alerts;

        /// <summary>The text streamed since the last agent item, and a fresh start.</summary>
        public string TakeSegment()
        {
            lock (_text)
            {
                var text = _text.ToString();
                _text.Clear();
                return text;
            }
        }

        public void TextDelta(string text)
        {
            lock (_text)
            {
                _text.Append(text);
                hub.Broadcast(new TextDeltaEvent(text));
            }
        }

        public void Item(AgentItem item)
        {
            lock (_text)
            {
                var text = TakeSegment();
                List<LogEntry> entries = text.Length > 0 ? [new AssistantItemEntry(text) { Ts = now() }] : [];
                entries.Add(new AgentItemEntry(item) { Ts = now() });
                if (text.Length > 0) hub.Broadcast(new TextDoneEvent(text));
                try { commit(entries); }
                catch (Exception ex) when (YoiIOException.IsIOFailure(ex)) { Diagnostic($"an agent item could not be recorded: {ex.Message}"); }
            }
        }

        public void Diagnostic(string line)
        {
            PodLog.Write(diagnostics, time, "engine: " + line);
            var count = Interlocked.Increment(ref _alerts);
            if (count > MaxAlertsPerTurn + 1) return;
            var message = count > MaxAlertsPerTurn
                ? "more engine stderr output was omitted; see the Pod's stderr.log"
                : "engine: " + Text.TextBounds.Cut(line, MaxAlertChars + 1);
            hub.Alert(new Alert(AlertLevel.Warn, AlertSource.Worker, message, time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }
}
