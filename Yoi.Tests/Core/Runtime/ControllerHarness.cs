using Yoi.Core.Engines;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Core.Engines;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

/// <summary>Collects every event a client would receive (never slow).</summary>
internal sealed class CollectingSink : IEventSink
{
    private readonly List<Event> _events = [];

    public IReadOnlyList<Event> Events { get { lock (_events) return [.. _events]; } }

    public bool TryEnqueue(Event e)
    {
        lock (_events) _events.Add(e);
        return true;
    }

    public void Drop(string reason) => Assert.Fail($"collecting sink dropped: {reason}");

    public void Clear()
    {
        lock (_events) _events.Clear();
    }

    public T WaitFor<T>(Func<T, bool>? match = null) where T : Event
    {
        T? found = null;
        Poll.Until(() => (found = Events.OfType<T>().FirstOrDefault(e => match is null || match(e))) is not null,
            TimeSpan.FromSeconds(10), $"a {typeof(T).Name}; seen: {string.Join(", ", Events.Select(e => e.Name))}");
        return found!;
    }
}

/// <summary>An in-process controller on a real session log, metadata store and echo engine (no socket).</summary>
internal sealed class ControllerHarness : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Task _loop;

    public ControllerHarness(TimeSpan? echoDelay = null, IEngine? engine = null, NotifyQueue? queue = null)
    {
        Paths = new YoiPaths(_dir.Combine("c"), _dir.Combine("d"), _dir.Combine("r"));
        Store = new PodMetadataStore(Paths, TimeProvider.System);
        Log = new SessionLog(Paths.SessionLogPath("s", "g"), TimeProvider.System);
        var start = new SegmentStartEntry("s", "g", "pod") { Ts = Log.Now() };
        Log.Append(start);
        Hub = new EventHub(new Greeting("pod", "/", "echo", "echo", "", []), [start]);
        Queue = queue ?? new NotifyQueue();
        Hub.Subscribe(Sink);
        var deps = new ControllerDeps("pod", Hub, Log, Queue, new UnavailablePodControlHandler(),
            new PodEventEffects(Store, "pod", hasParent: false), new PodClientSender(), null,
            (status, pending) => StatusWrites.Add((status, pending)), TimeProvider.System, TextWriter.Null);
        Controller = new Controller(deps, engine ?? new EchoEngine(echoDelay ?? TimeSpan.FromMilliseconds(1), TimeProvider.System));
        _loop = Controller.RunAsync();
    }

    public YoiPaths Paths { get; }
    public PodMetadataStore Store { get; }
    public SessionLog Log { get; }
    public EventHub Hub { get; }
    public NotifyQueue Queue { get; }
    public Controller Controller { get; }
    public CollectingSink Sink { get; } = new();
    public List<(PodStatus Status, int Pending)> StatusWrites { get; } = [];

    public void Send(Method method) => Controller.SubmitAsync(method, Sink).WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    public IReadOnlyList<LogEntry> LogEntries() => SessionLog.Read(Log.Path).Entries;

    public void WaitForStatus(PodStatus status) =>
        Poll.Until(() => Controller.Status == status && Hub.Status == status, TimeSpan.FromSeconds(10), $"status {status}");

    /// <summary>Starts a long turn and waits until it runs.</summary>
    public void StartLongRun()
    {
        Send(RunMethod.Text("long"));
        Sink.WaitFor<TurnStartEvent>();
        WaitForStatus(PodStatus.Running);
    }

    public void Dispose()
    {
        Controller.RequestShutdown();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _dir.Dispose();
    }
}
