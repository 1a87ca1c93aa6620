namespace Yoi.Core.Panel;

/// <summary>What changed since the last <see cref="PanelChangeWatcher.Take"/>.</summary>
/// <param name="Records">Names (relative to the Ticket root) of record directories with any change inside.</param>
/// <param name="Listing">A direct child of the Ticket root was created, deleted or renamed (re-enumerate the root).</param>
/// <param name="Registry">Something under the role-session registry directory changed.</param>
/// <param name="Pods">A Pod's <c>metadata.json</c> changed.</param>
/// <param name="Lost">Events may have been lost (watcher overflow or error): only a full stamp pass is safe.</param>
internal sealed record PanelChanges(IReadOnlySet<string> Records, bool Listing, bool Registry, bool Pods, bool Lost);

/// <summary>
/// The panel's change notification: inotify watches (<see cref="FileSystemWatcher"/>) on the Ticket root, the registry
/// directory and the Pod metadata directory, folded into a dirty set the loader drains with <see cref="Take"/>, and a
/// <see cref="Changed"/> event the refresher turns into a (debounced) reload. A watcher overflow or error sets
/// <see cref="PanelChanges.Lost"/>. A directory that does not exist (or cannot be watched) is reported by
/// <see cref="Watching"/> so the loader reads that input on every reload instead. Thread-safe.
/// </summary>
public sealed class PanelChangeWatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private HashSet<string> _records = new(StringComparer.Ordinal);
    private bool _listing;
    private bool _registry;
    private bool _pods;
    private bool _lost;
    private bool _paused;

    public PanelChangeWatcher(string ticketRoot, string registryDirectory, string podsDirectory)
    {
        TicketRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(ticketRoot));
        RegistryDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(registryDirectory));
        PodsDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(podsDirectory));
        WatchesTickets = Watch(TicketRoot, OnTicketEvent);
        WatchesRegistry = Watch(RegistryDirectory, _ => Mark(() => _registry = true));
        WatchesPods = Watch(PodsDirectory, OnPodEvent);
    }

    public string TicketRoot { get; }

    public string RegistryDirectory { get; }

    public string PodsDirectory { get; }

    public bool WatchesTickets { get; private set; }

    public bool WatchesRegistry { get; private set; }

    public bool WatchesPods { get; private set; }

    /// <summary>True when every input is watched (otherwise the unwatched ones are read on every reload).</summary>
    public bool Watching => WatchesTickets && WatchesRegistry && WatchesPods;

    /// <summary>Raised (on a thread-pool thread) after every recorded change.</summary>
    public event Action? Changed;

    /// <summary>
    /// While paused the kernel watches are removed, so changes made meanwhile are not seen (as after a lost event); only
    /// the loader's periodic full stamp pass picks them up. Resuming does not replay anything.
    /// </summary>
    public bool Paused
    {
        get => _paused;
        set
        {
            lock (_gate)
            {
                _paused = value;
                foreach (var watcher in _watchers) watcher.EnableRaisingEvents = !value;
            }
        }
    }

    /// <summary>Starts watching the inputs whose directory did not exist (or could not be watched) before; true when any started.</summary>
    public bool RetryMissing()
    {
        var started = false;
        if (!WatchesTickets) started |= WatchesTickets = Watch(TicketRoot, OnTicketEvent);
        if (!WatchesRegistry) started |= WatchesRegistry = Watch(RegistryDirectory, _ => Mark(() => _registry = true));
        if (!WatchesPods) started |= WatchesPods = Watch(PodsDirectory, OnPodEvent);
        return started;
    }

    /// <summary>Returns what changed since the last call and clears it.</summary>
    internal PanelChanges Take()
    {
        lock (_gate)
        {
            var changes = new PanelChanges(_records, _listing, _registry, _pods, _lost);
            _records = new HashSet<string>(StringComparer.Ordinal);
            _listing = _registry = _pods = _lost = false;
            return changes;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers) watcher.Dispose();
            _watchers.Clear();
        }
    }

    private void OnTicketEvent(string path)
    {
        if (!path.StartsWith(TicketRoot + "/", StringComparison.Ordinal)) return;
        var relative = path[(TicketRoot.Length + 1)..];
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? relative : relative[..slash];
        if (name.Length == 0 || name.StartsWith('.')) return; // the backend lock, temp directories before their rename
        Mark(() =>
        {
            _records.Add(name);
            if (slash < 0) _listing = true;
        });
    }

    private void OnPodEvent(string path)
    {
        if (Path.GetFileName(path) == "metadata.json") Mark(() => _pods = true);
    }

    private void Mark(Action change)
    {
        lock (_gate) change();
        Changed?.Invoke();
    }

    private bool Watch(string directory, Action<string> onPath)
    {
        if (!Directory.Exists(directory)) return false;
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Changed += (_, e) => onPath(e.FullPath);
            watcher.Created += (_, e) => onPath(e.FullPath);
            watcher.Deleted += (_, e) => onPath(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                onPath(e.OldFullPath);
                onPath(e.FullPath);
            };
            watcher.Error += (_, _) => Mark(() => _lost = true);
            watcher.EnableRaisingEvents = true;
            lock (_gate) _watchers.Add(watcher);
            return true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // inotify limits or permissions: that input is read on every reload instead
            watcher?.Dispose();
            return false;
        }
    }
}
