using System.Threading.Channels;
using Yoi.Core.Engines;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>A method handed to the controller; <see cref="Requester"/> receives the replies (null = nobody).</summary>
public sealed class MethodRequest(Method method, IEventSink? requester)
{
    public Method Method => method;
    public IEventSink? Requester => requester;
    internal TaskCompletionSource Handled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A run staged by a method while idle/paused, fired at the top of the next loop iteration.</summary>
public abstract record PendingRun(bool ParentOriginated);
public sealed record UserRun(IReadOnlyList<Segment> Input) : PendingRun(true);
public sealed record NotificationRun(InvokeKind Kind) : PendingRun(false);
public sealed record ResumeRun() : PendingRun(true);

/// <summary>Everything the controller talks to besides the engine.</summary>
public sealed record ControllerDeps(
    string PodName,
    EventHub Hub,
    SessionLog Log,
    NotifyQueue Queue,
    IPodControlHandler Control,
    PodEventEffects Effects,
    IPodMethodSender Sender,
    string? ParentSocket,
    Action<PodStatus, int> StatusChanged,
    TimeProvider Time,
    TextWriter Diagnostics,
    int TurnsSoFar = 0,
    Delegation.ParentInbox? ParentInbox = null);

/// <summary>
/// The Pod's single actor: statuses idle/running/paused and the method-by-status table (docs/original-core.md §2.6). Methods are
/// handled one at a time; <see cref="SubmitAsync"/> returns once the method was handled (a queued notification is
/// durable by then). While a turn runs, methods are read concurrently with the engine.
/// </summary>
public sealed partial class Controller(ControllerDeps deps, IEngine engine)
{
    public const string AlreadyRunningMessage = "Pod is already executing a turn";
    /// <summary>How often an outcome owed to a full disk is retried while the Pod waits for methods.</summary>
    public static readonly TimeSpan OwedRetry = TimeSpan.FromSeconds(1);

    public const string DiscoveryWhileRunningMessage = "Pod discovery/control requests are only handled while the Pod is idle or paused";

    /// <summary>At most this many notifies share one fsync (the method channel holds 32).</summary>
    private const int MaxGroupCommit = 32;

    private readonly Channel<MethodRequest> _methods = Channel.CreateBounded<MethodRequest>(32);
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _upward = [];
    private readonly List<LogEntry> _owed = [];
    private Task<MethodRequest>? _carried;
    private PendingRun? _pending;
    private PodStatus _status = PodStatus.Idle;
    private volatile bool _shutdown;
    private volatile CancellationTokenSource? _turnCts;
    private bool _pauseRequested;
    private string? _turnUserText;
    private string? _pausedUserText;
    private int _turns = deps.TurnsSoFar;

    public PodStatus Status => _status;
    public int Turns => _turns;

    /// <summary>Hands a method to the controller and waits until it was handled (or the controller stopped).</summary>
    public async Task SubmitAsync(Method method, IEventSink? requester, CancellationToken cancellationToken = default)
    {
        var request = new MethodRequest(method, requester);
        try
        {
            await _methods.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }
        await request.Handled.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGTERM/SIGINT: stop the loop (a running turn is cancelled first).</summary>
    public void RequestShutdown()
    {
        _shutdown = true;
        _stop.TrySetResult();
        try { _turnCts?.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Runs until <c>shutdown</c> or <see cref="RequestShutdown"/>; broadcasts <c>shutdown</c> on the way out.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (!_shutdown)
            {
                if (_pending is { } run)
                {
                    _pending = null;
                    await DriveAsync(run).ConfigureAwait(false);
                    continue;
                }
                _carried ??= _methods.Reader.ReadAsync().AsTask();
                if (_owed.Count > 0)
                {
                    var woke = await Task.WhenAny(_carried, _stop.Task, Task.Delay(OwedRetry, deps.Time)).ConfigureAwait(false);
                    if (woke == _stop.Task) break;
                    PayOwed();
                    if (woke != _carried) continue;
                }
                else if (await Task.WhenAny(_carried, _stop.Task).ConfigureAwait(false) != _carried) break;
                var request = await TakeCarriedAsync().ConfigureAwait(false);
                await HandleAsync(request, turnCts: null).ConfigureAwait(false);
            }
        }
        finally
        {
            _methods.Writer.TryComplete();
            if (_carried is { IsCompletedSuccessfully: true }) _carried.Result.Handled.TrySetResult();
            while (_methods.Reader.TryRead(out var left)) left.Handled.TrySetResult();
            deps.Hub.Broadcast(new ShutdownEvent());
            await WaitUpwardAsync().ConfigureAwait(false);
        }
    }

    private async Task<MethodRequest> TakeCarriedAsync()
    {
        var request = await _carried!.ConfigureAwait(false);
        _carried = null;
        return request;
    }

    /// <summary>One method, by status. <paramref name="turnCts"/> is non-null exactly while a turn runs.</summary>
    private async Task HandleAsync(MethodRequest request, CancellationTokenSource? turnCts)
    {
        try
        {
            var running = turnCts is not null;
            switch (request.Method)
            {
                case RunMethod run:
                    if (running || _status == PodStatus.Running) Reply(request, ErrorCode.AlreadyRunning, AlreadyRunningMessage);
                    else _pending = new UserRun(run.Input);
                    break;
                case NotifyMethod:
                    EnqueueNotifies(request);
                    break;
                case PodEventMethod podEvent:
                    if (deps.Effects.Apply(podEvent.Event) is { } upward) SendUpward(upward);
                    if (!podEvent.Event.ShouldNotifyAgent()) break;
                    Enqueue(new PendingNotification(NewId(), null, podEvent.Event));
                    if (ShouldAutoRun()) _pending = new NotificationRun(InvokeKind.PodEvent);
                    break;
                case ResumeMethod:
                    if (running) Reply(request, ErrorCode.AlreadyRunning, AlreadyRunningMessage);
                    else if (_status != PodStatus.Paused) Reply(request, ErrorCode.NotPaused, "Pod is not paused");
                    else _pending = new ResumeRun();
                    break;
                case CancelMethod:
                    if (running) turnCts!.Cancel();
                    else Reply(request, ErrorCode.NotRunning, "Pod is not running");
                    break;
                case PauseMethod:
                    if (running)
                    {
                        _pauseRequested = true;
                        turnCts!.Cancel();
                    }
                    else if (_status != PodStatus.Paused) Reply(request, ErrorCode.NotRunning, "Pod is not running");
                    break;
                case ShutdownMethod:
                    _shutdown = true;
                    turnCts?.Cancel();
                    break;
                case ListPodsMethod or RestorePodMethod or RegisterPeerMethod:
                    if (running) Reply(request, ErrorCode.AlreadyRunning, DiscoveryWhileRunningMessage);
                    else Reply(request, await deps.Control.HandleAsync(request.Method, CancellationToken.None).ConfigureAwait(false));
                    break;
                case UnsupportedMethod unsupported:
                    Reply(request, ErrorCode.InvalidRequest, $"unsupported method: {unsupported.MethodName}");
                    break;
                default:
                    Reply(request, ErrorCode.InvalidRequest, $"unsupported method: {request.Method.Name}");
                    break;
            }
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            Log($"method `{request.Method.Name}` failed: {ex.Message}");
            deps.Hub.Alert(new Alert(AlertLevel.Error, AlertSource.Pod, $"`{request.Method.Name}` failed: {ex.Message}", deps.Time.GetUtcNow().ToUnixTimeMilliseconds()));
            Reply(request, ErrorCode.Internal, $"`{request.Method.Name}` failed: {ex.Message}");
        }
        finally
        {
            request.Handled.TrySetResult();
        }
    }

    /// <summary><c>should_auto_run_notification</c>: only an idle Pod is woken (the caller checked <c>auto_run</c>).</summary>
    private bool ShouldAutoRun() => _status == PodStatus.Idle && _turnCts is null && _pending is null;

    /// <summary>Durable first: the <c>notify_queued</c> entry is fsync'd before the item joins the queue.</summary>
    private void Enqueue(PendingNotification item)
    {
        Commit(item.ToEntry(deps.Log.Now()));
        deps.Queue.Add(item);
        PublishStatus(_status);
    }

    /// <summary>
    /// Group commit of notifies: the notifies already waiting right behind <paramref name="first"/> (concurrent senders)
    /// join it, their <c>notify_queued</c> entries are written with one fsync, and only then is each acknowledged (queued,
    /// status published, its request handled). Order is kept: only consecutive notifies at the head are taken.
    /// </summary>
    private void EnqueueNotifies(MethodRequest first)
    {
        var batch = new List<MethodRequest> { first };
        while (batch.Count < MaxGroupCommit && _methods.Reader.TryPeek(out var next) && next.Method is NotifyMethod && _methods.Reader.TryRead(out next))
            batch.Add(next);
        try
        {
            var ts = deps.Log.Now();
            var items = new PendingNotification[batch.Count];
            var entries = new LogEntry[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                items[i] = new PendingNotification(NewId(), ((NotifyMethod)batch[i].Method).Message, null);
                entries[i] = items[i].ToEntry(ts);
            }
            Commit(entries);
            foreach (var item in items) deps.Queue.Add(item);
            PublishStatus(_status);
            // Durable now: a notify that carried an id is acknowledged to its sender.
            var pending = deps.Queue.Count;
            foreach (var request in batch)
                if (request.Method.Id is not null) Reply(request, new NotifyQueuedEvent(pending));
            if (batch.Any(r => ((NotifyMethod)r.Method).AutoRun) && ShouldAutoRun()) _pending = new NotificationRun(InvokeKind.Notify);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            Log($"{batch.Count} notify method(s) failed: {ex.Message}");
            foreach (var request in batch) Reply(request, ErrorCode.Internal, $"`notify` failed: {ex.Message}");
        }
        finally
        {
            for (var i = 1; i < batch.Count; i++) batch[i].Handled.TrySetResult();
        }
    }

    private void Commit(LogEntry entry) => Commit([entry]);

    /// <summary>
    /// Appends the owed entries (an outcome that could not be written earlier) and then <paramref name="entries"/> in
    /// one durable write, and only then shows them to clients. Throws (nothing written) when the log cannot be written,
    /// so nothing is ever recorded after a gap.
    /// </summary>
    private void Commit(IReadOnlyList<LogEntry> entries)
    {
        // Agent items are committed from the engine's output thread while the controller may commit a notification.
        lock (_owed)
        {
            if (entries.Count == 0 && _owed.Count == 0) return;
            List<LogEntry> batch = [.. _owed, .. entries];
            deps.Log.Append(batch);
            var paid = _owed.Count;
            _owed.Clear();
            foreach (var entry in batch) deps.Hub.Commit(entry);
            if (paid > 0)
            {
                var message = $"the session log is writable again; the outcome of the last turn was recorded late in {deps.Log.Path}";
                Log(message);
                deps.Hub.Alert(new Alert(AlertLevel.Warn, AlertSource.Pod, message, deps.Time.GetUtcNow().ToUnixTimeMilliseconds()));
            }
        }
    }

    /// <summary>Retries writing the owed entries (called while idle, every <see cref="OwedRetry"/>).</summary>
    private void PayOwed()
    {
        try { Commit([]); }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex)) { }
    }

    private void PublishStatus(PodStatus status)
    {
        _status = status;
        deps.Hub.SetStatus(status, deps.Queue.Count);
        deps.StatusChanged(status, deps.Queue.Count);
    }

    private void Reply(MethodRequest request, ErrorCode code, string message) => Reply(request, new ErrorEvent(code, message));

    private static void Reply(MethodRequest request, Event reply)
    {
        if (request.Requester is not { } requester) return;
        var addressed = reply with { ReplyTo = request.Method.Id };
        if (!requester.TryEnqueue(addressed)) requester.Drop("client reads neither events nor replies");
    }

    private string NewId() => Guid.CreateVersion7(deps.Time.GetUtcNow()).ToString();

    private void Log(string line) => PodLog.Write(deps.Diagnostics, deps.Time, line);
}
