using System.Threading.Channels;
using Yoi.Core.Panel;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Runs the panel's reloads on one background loop, so they never overlap and never block input: the startup
/// reload in Ensure mode, then Observe reloads every <see cref="Interval"/> (1.5 s), on request (after an action,
/// after coming back from a Pod) and on a file-system change under the watched directories (debounced 100 ms).
/// Each result is handed to <c>deliver</c>, which posts it onto the UI loop.
/// </summary>
public sealed class PanelRefresher : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1500);
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private enum Trigger { Now, FileChange }

    private readonly Func<PanelReloadMode, CancellationToken, Task<PanelModel>> _reload;
    private readonly Action<PanelModel> _deliver;
    private readonly Action<bool> _refreshing;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Channel<Trigger> _triggers = Channel.CreateBounded<Trigger>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private Task? _loop;
    private int _reloads;

    /// <param name="reload">The loader call (one at a time).</param>
    /// <param name="deliver">Receives every model (called on the refresher's thread; post it to the UI loop).</param>
    /// <param name="refreshing">Told true before and false after each reload.</param>
    /// <param name="interval">Time between periodic reloads (default <see cref="Interval"/>).</param>
    public PanelRefresher(Func<PanelReloadMode, CancellationToken, Task<PanelModel>> reload, Action<PanelModel> deliver,
        Action<bool>? refreshing = null, TimeProvider? time = null, TimeSpan? interval = null)
    {
        _interval = interval ?? Interval;
        _reload = reload;
        _deliver = deliver;
        _refreshing = refreshing ?? (_ => { });
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Reloads finished so far.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>Starts the loop: an Ensure reload at once, then Observe reloads. Directories that do not exist (or
    /// cannot be watched) are skipped; the periodic reload still covers them.</summary>
    public void Start(IEnumerable<string> watchDirectories)
    {
        foreach (var dir in watchDirectories.Distinct(StringComparer.Ordinal)) Watch(dir);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Asks for an Observe reload as soon as the current one (if any) finished.</summary>
    public void RequestNow() => _triggers.Writer.TryWrite(Trigger.Now);

    /// <summary>A change reported by another watcher (the loader's <see cref="PanelLoader.Changed"/>): a debounced reload.</summary>
    public void FileChanged() => _triggers.Writer.TryWrite(Trigger.FileChange);

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _watchers.Clear();
        _stop.Cancel();
        _triggers.Writer.TryComplete();
        // Quit never waits for a reload to finish (docs/original-panel.md §2.4): the loop ends on its own.
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var mode = PanelReloadMode.Ensure;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                _refreshing(true);
                var model = await _reload(mode, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _reloads);
                if (!ct.IsCancellationRequested) _deliver(model);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                if (!ct.IsCancellationRequested) _refreshing(false);
            }
            mode = PanelReloadMode.Observe;
            if (!await WaitForNextAsync(ct).ConfigureAwait(false)) return;
        }
    }

    /// <summary>Waits for the interval, a request, or a (debounced) file change; false when stopped.</summary>
    private async Task<bool> WaitForNextAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_interval);
        try
        {
            var trigger = await _triggers.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (trigger == Trigger.FileChange) await Task.Delay(Debounce, _time, ct).ConfigureAwait(false);
            while (_triggers.Reader.TryRead(out _))
            {
                // coalesce everything that arrived meanwhile into this one reload
            }
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return true; // the periodic reload
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return false;
        }
    }

    private void Watch(string directory)
    {
        if (!Directory.Exists(directory)) return;
        try
        {
            var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            FileSystemEventHandler changed = (_, _) => FileChanged();
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => FileChanged();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // inotify limits or permissions: the 1.5 s reload still notices changes
        }
    }
}
