using System.Text;
using Yoi.Core.Config;
using Yoi.Core.Panel;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// Signals turns that end while the panel is open: the terminal bell and a desktop notification through the terminal
/// (OSC 9, plus OSC 777 on terminals that take it), as configured by <c>panel.notify</c>. Each ended run is signalled
/// once (keyed by Pod and end time); runs that had ended before the panel's first data are not. At most one signal per
/// <see cref="MinInterval"/>: events in between are folded into the next one. Returns bytes for the session to write;
/// never writes itself.
/// </summary>
public sealed class PanelNotifier(IReadOnlyCollection<string> modes, bool osc777)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _signalled = new(StringComparer.Ordinal);
    private readonly List<string> _pending = [];
    private bool _baseline;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>For the terminal this process runs in: OSC 777 where VTE or urxvt advertise themselves.</summary>
    public static PanelNotifier FromEnvironment(IReadOnlyCollection<string> modes) => new(modes,
        Environment.GetEnvironmentVariable("VTE_VERSION") is { Length: > 0 }
        || (Environment.GetEnvironmentVariable("TERM") ?? "").StartsWith("rxvt", StringComparison.Ordinal));

    public int Signals { get; private set; }

    /// <summary>Looks at a new model; returns the bytes to write now, or null.</summary>
    public byte[]? Observe(PanelModel model, DateTimeOffset now)
    {
        if (model.Loading) return null;
        foreach (var pod in model.Pods)
        {
            if (pod.LastRun is not { } run) continue;
            if (_signalled.TryGetValue(pod.Name, out var ended) && ended == run.EndedAt) continue;
            _signalled[pod.Name] = run.EndedAt;
            if (_baseline && pod.Unseen) _pending.Add(run.Errored ? $"{pod.Name}: turn failed: {run.Error}" : $"{pod.Name}: turn finished");
        }
        _baseline = true;
        return Flush(now);
    }

    /// <summary>Emits what the rate limit held back, once the interval has passed.</summary>
    public byte[]? Flush(DateTimeOffset now)
    {
        if (_pending.Count == 0 || now - _last < MinInterval || modes.Count == 0)
        {
            if (modes.Count == 0) _pending.Clear();
            return null;
        }
        var text = _pending.Count == 1 ? _pending[0] : $"{_pending[0]} (+{_pending.Count - 1} more)";
        _pending.Clear();
        _last = now;
        Signals++;
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        var output = new StringBuilder();
        if (modes.Contains(WorkspaceConfig.NotifyBell)) output.Append('\a');
        if (modes.Contains(WorkspaceConfig.NotifyDesktop))
        {
            output.Append("\e]9;yoi · ").Append(clean).Append('\a');
            if (osc777) output.Append("\e]777;notify;yoi;").Append(clean.Replace(';', ',')).Append('\a');
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
