using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>Carries out one intent through <c>Yoi.Core.Panel</c> (the panel never acts on the workspace itself).</summary>
public delegate Task<PanelActionResult> PanelIntentRunner(PanelIntent intent, PanelModel model, CancellationToken cancellationToken);

/// <summary>
/// The full-screen <c>yoi panel</c>: draws "Loading workspace dashboard…" at once, reloads in the background
/// (<see cref="PanelRefresher"/>: Ensure at startup, then Observe every 1.5 s and on file changes), routes keys with
/// <see cref="PanelKeys"/>, runs actions in the background through the <see cref="PanelIntentRunner"/> (input stays
/// live; a second Enter while one runs is refused), opens Pods by pushing the attached view, and reloads when it
/// comes back. Quitting leaves every Pod running.
/// </summary>
public sealed class PanelScreen : Screen, IDisposable
{
    private readonly PanelLoader _loader;
    private readonly PanelIntentRunner _run;
    private readonly Func<PodToOpen, Screen> _openPod;
    private readonly IReadOnlyList<string> _watch;
    private readonly CancellationTokenSource _stop = new();
    private PanelRefresher? _refresher;
    private PanelScreenState? _state;
    private PanelPreviewFeed? _preview;

    /// <param name="loader">The workspace's loader (reloads never overlap: only the refresher calls it).</param>
    /// <param name="run">Carries out actions.</param>
    /// <param name="openPod">Builds the attached Pod view for a Pod the user opened.</param>
    /// <param name="watchDirectories">Directories whose changes trigger a (debounced) reload, besides the loader's own <see cref="PanelLoader.Changed"/>.</param>
    public PanelScreen(PanelLoader loader, PanelIntentRunner run, Func<PodToOpen, Screen> openPod, IReadOnlyList<string> watchDirectories)
    {
        _loader = loader;
        _run = run;
        _openPod = openPod;
        _watch = watchDirectories;
    }

    /// <summary>The screen state (for tests; loop thread only).</summary>
    public PanelScreenState State => _state ??= new PanelScreenState(PanelModel.LoadingModel(_loader.Workspace, _loader.CompanionName)) { Refreshing = true };

    public override void OnStart()
    {
        _ = State;
        _refresher = new PanelRefresher(
            (mode, ct) => _loader.ReloadAsync(mode, ct),
            model => Host.Post(() => Apply(model)),
            refreshing => Host.Post(() => State.Refreshing = refreshing),
            Host.Time);
        _loader.Changed += _refresher.FileChanged;
        _refresher.Start(_watch);
        _preview = new PanelPreviewFeed(Host.Post, preview => State.Preview = preview);
    }

    public override void OnResume(object? result)
    {
        _refresher?.RequestNow();
        SyncPreview();
    }

    /// <summary>The preview's streaming connection (tests count its connections).</summary>
    public PanelPreviewFeed? Preview => _preview;

    /// <summary>Points the one preview connection at the Pod the selection previews (nothing changes when it is the same).</summary>
    private void SyncPreview()
    {
        if (_preview is null) return;
        var name = PanelDetailsPainter.PreviewPod(State);
        var pod = name is null ? null : State.Model.Pod(name);
        _preview.Follow(name, pod?.SocketPath, pod is { Live: true, Status: not PodRowStatus.LiveUnreachable });
    }

    /// <summary>Signals finished or failed turns (<c>panel.notify</c>); null: none.</summary>
    public PanelNotifier? Notifier { get; init; }

    private void Apply(PanelModel model)
    {
        var now = Host.Time.GetUtcNow();
        State.ApplyModel(model, now);
        if (Notifier?.Observe(model, now) is { } signal) Host.Signal(signal);
        SyncPreview();
    }

    public override void OnStop() => Dispose();

    /// <summary>Stops reloads and running actions without waiting for them; Pods are never touched.</summary>
    public void Dispose()
    {
        if (_refresher is not null) _loader.Changed -= _refresher.FileChanged;
        _refresher?.Dispose();
        _refresher = null;
        _preview?.Dispose();
        _preview = null;
        if (!_stop.IsCancellationRequested) _stop.Cancel();
    }

    public override void OnKey(Key key)
    {
        var (w, h) = Host.Size;
        State.Now = Host.Time.GetUtcNow();
        Run(PanelKeys.Handle(State, key, State.Now, PanelPainter.ListHeight(State, w, h)));
        SyncPreview();
    }

    /// <summary>Click selects, double-click is Enter, the wheel scrolls (<see cref="PanelMouse"/>).</summary>
    public override void OnMouse(Mouse mouse)
    {
        var (w, h) = Host.Size;
        State.Now = Host.Time.GetUtcNow();
        Run(PanelMouse.Handle(State, mouse, w, h, State.Now));
        SyncPreview();
    }

    /// <summary>A paste lands in the composer (or the filter) and is never sent.</summary>
    public override void OnPaste(string text) => PanelKeys.Paste(State, text);

    private void Run(PanelIntent? intent)
    {
        switch (intent)
        {
            case null:
                return;
            case QuitIntent:
                Host.Quit();
                return;
            case SuspendIntent:
                Host.Suspend();
                return;
            default:
                Start(intent);
                return;
        }
    }

    /// <summary>Expires notices; once a minute moves the clock the painter uses ("running 12m", "3m ago").</summary>
    public override bool OnTick(DateTimeOffset now)
    {
        var changed = State.Expire(now);
        if (Notifier?.Flush(now) is { } signal) Host.Signal(signal);
        if (now - State.Now >= TimeSpan.FromMinutes(1) || now.Minute != State.Now.Minute)
        {
            State.Now = now;
            changed = true;
        }
        return changed;
    }

    public override void Render(Frame frame) => PanelPainter.Render(State, frame);

    private void Start(PanelIntent intent)
    {
        var model = State.Model;
        State.BeginAction(intent);
        _ = Task.Run(async () =>
        {
            PanelActionResult result;
            try
            {
                result = await _run(intent, model, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // an action failure of any kind becomes an error notice with details; the panel stays up
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result = PanelActionResult.Error($"{intent.WorkingText.TrimEnd('…')} failed", $"{ex.GetType().Name}: {ex.Message}");
            }
            Host.Post(() => Finish(intent, result));
        });
    }

    private void Finish(PanelIntent intent, PanelActionResult result)
    {
        State.EndAction(result.Notice, result.ClearComposer, Host.Time.GetUtcNow());
        // A message the Companion accepted: show the Companion, so its reply streams into the preview.
        if (intent is CompanionSendIntent && result.ClearComposer && State.Model.CompanionPod is { } companion && State.SelectedRow is not null
            && PanelDetailsPainter.PreviewPod(State) != companion.Name)
            State.Select(companion.Key);
        if (result.Ticket is { } record && State.TicketView is { } view && view.Ticket.Id == record.Id) view.Record = record;
        else if (result.Failed && State.TicketView is { Record: null }) State.CloseOverlay();
        if (result.Patch is { } patch && State.DiffView is { } diff && diff.Pod == patch.Child) diff.Patch = patch.Text;
        else if (result.Failed && State.DiffView is { Patch: null }) State.CloseOverlay();
        if (result.Open is { } pod)
        {
            _preview?.Close(); // the attached view streams the Pod itself
            Host.Push(_openPod(pod));
        }
        else
        {
            _refresher?.RequestNow();
            SyncPreview();
        }
    }
}
