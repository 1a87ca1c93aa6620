using System.Text;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime.Engines;

namespace Yoi.Core.Runtime;

public sealed partial class Controller
{
    private static readonly TimeSpan UpwardBudget = TimeSpan.FromSeconds(5);

    /// <summary>Fires a staged run: status running, submit-time entries, drain, engine (reading methods meanwhile), outcome.</summary>
    private async Task DriveAsync(PendingRun run)
    {
        using var cts = new CancellationTokenSource();
        _pauseRequested = false;
        _turnCts = cts;
        if (_shutdown) await cts.CancelAsync().ConfigureAwait(false);
        var turn = ++_turns;
        var sink = new TurnSink(deps.Hub, deps.Diagnostics, deps.Time, Commit, deps.Log.Now);
        EngineResult result;
        try
        {
            PublishStatus(PodStatus.Running);
            string? userText = null;
            switch (run)
            {
                case UserRun user:
                    Commit(new InvokeEntry(InvokeKind.UserSend) { Ts = deps.Log.Now() });
                    Commit(new UserInputEntry(user.Input) { Ts = deps.Log.Now() });
                    userText = Segment.Flatten(user.Input);
                    break;
                case NotificationRun notification:
                    Commit(new InvokeEntry(notification.Kind) { Ts = deps.Log.Now() });
                    break;
                case ResumeRun:
                    // Agent CLIs cannot pause mid-turn: the paused turn's process was stopped, so the resumed turn tells
                    // the agent (through its resume argv) to continue, with the request it was working on.
                    userText = ContinueText(_pausedUserText);
                    break;
            }
            _turnUserText = run is ResumeRun ? _pausedUserText : userText;
            deps.Hub.Broadcast(new TurnStartEvent(turn));
            var drained = deps.Queue.Drain();
            var items = drained.ToEntries(deps.Log.Now());
            foreach (var entry in items) Commit(entry);
            deps.Hub.SetPendingQuietly(deps.Queue.Count);
            deps.StatusChanged(PodStatus.Running, deps.Queue.Count);
            var engineTurn = new EngineTurn(userText,
                items.Select(i => i.Item switch { NotificationItem n => n.Message, PodEventItem p => p.Event.Render(), var other => other.Body }).ToList(),
                items.Select(i => i.Item.Body).ToList());
            result = await RunEngineReadingMethodsAsync(engineTurn, sink, cts).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Log($"turn {turn} could not be recorded: {ex.Message}");
            result = EngineResult.Error($"the session log could not be written: {ex.Message}");
        }
        finally
        {
            _turnCts = null;
        }
        Finish(run, turn, result, sink.TakeSegment());
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

    /// <summary>The drive_turn outcome mapping (reference §2.5).</summary>
    private void Finish(PendingRun run, int turn, EngineResult result, string text)
    {
        try
        {
            if (text.Length > 0)
            {
                deps.Hub.Broadcast(new TextDoneEvent(text));
                Commit(new AssistantItemEntry(text) { Ts = deps.Log.Now() });
            }
            switch (result.Outcome)
            {
                case EngineOutcome.Finished:
                    deps.Hub.Broadcast(new TurnEndEvent(turn, TurnResult.Finished));
                    Commit(new TurnEndEntry(turn) { Ts = deps.Log.Now() });
                    Commit(new RunCompletedEntry(false, RunResult.Finished) { Ts = deps.Log.Now() });
                    deps.Hub.Broadcast(new RunEndEvent(RunResult.Finished));
                    PublishStatus(PodStatus.Idle);
                    if (run.ParentOriginated) SendUpward(new TurnEndedPodEvent(deps.PodName));
                    return;
                case EngineOutcome.Cancelled when _pauseRequested && !_shutdown:
                    _pausedUserText = _turnUserText;
                    deps.Hub.Broadcast(new TurnEndEvent(turn, TurnResult.Paused));
                    Commit(new RunCompletedEntry(true, RunResult.Paused) { Ts = deps.Log.Now() });
                    deps.Hub.Broadcast(new RunEndEvent(RunResult.Paused));
                    PublishStatus(PodStatus.Paused);
                    return;
                default:
                    var cancelled = result.Outcome == EngineOutcome.Cancelled;
                    var message = cancelled ? "turn cancelled" : result.Message ?? "engine failed";
                    Commit(new RunErroredEntry(cancelled, message) { Ts = deps.Log.Now() });
                    deps.Hub.Broadcast(new ErrorEvent(cancelled ? ErrorCode.Internal : ErrorCode.ProviderError, message));
                    PublishStatus(PodStatus.Idle);
                    if (run.ParentOriginated) SendUpward(new ErroredPodEvent(deps.PodName, message));
                    return;
            }
        }
        catch (IOException ex)
        {
            Log($"turn {turn} outcome could not be recorded: {ex.Message}");
            deps.Hub.Alert(new Alert(AlertLevel.Error, AlertSource.Pod, $"the session log could not be written: {ex.Message}", deps.Time.GetUtcNow().ToUnixTimeMilliseconds()));
            PublishStatus(PodStatus.Idle);
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
    private sealed class TurnSink(EventHub hub, TextWriter diagnostics, TimeProvider time, Action<LogEntry> commit, Func<string> now) : IEngineSink
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
                if (text.Length > 0)
                {
                    hub.Broadcast(new TextDoneEvent(text));
                    commit(new AssistantItemEntry(text) { Ts = now() });
                }
                commit(new AgentItemEntry(item) { Ts = now() });
            }
        }

        public void Diagnostic(string line)
        {
            PodLog.Write(diagnostics, time, "engine: " + line);
            var count = Interlocked.Increment(ref _alerts);
            if (count > MaxAlertsPerTurn + 1) return;
            var message = count > MaxAlertsPerTurn
                ? "more engine stderr output was omitted; see the Pod's stderr.log"
                : "engine: " + (line.Length > MaxAlertChars ? line[..MaxAlertChars] + "…" : line);
            hub.Alert(new Alert(AlertLevel.Warn, AlertSource.Worker, message, time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }
}
