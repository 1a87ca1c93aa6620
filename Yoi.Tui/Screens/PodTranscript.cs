using Yoi.Core.Protocol;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens;

public enum TranscriptKind
{
    User,
    Assistant,
    Notification,
    PodEvent,
    System,
    Error,
}

public sealed record TranscriptItem(TranscriptKind Kind, string Text);

/// <summary>
/// The attached view's history: the snapshot's log entries, then live events (text deltas grow one streaming
/// assistant item until <c>text_done</c>). Pure data plus a width-dependent line layout for drawing.
/// </summary>
public sealed class PodTranscript
{
    private readonly List<TranscriptItem> _items = [];
    private string? _streaming;
    private int _version;
    private (int Width, int Version, List<(string Text, Style Style)> Lines)? _layout;

    public IReadOnlyList<TranscriptItem> Items => _items;

    /// <summary>The assistant text streamed so far in the current turn (null when none).</summary>
    public string? Streaming => _streaming;

    public void Clear()
    {
        _items.Clear();
        _streaming = null;
        Changed();
    }

    public void Add(TranscriptKind kind, string text)
    {
        FinishStreaming(null);
        _items.Add(new TranscriptItem(kind, text));
        Changed();
    }

    /// <summary>Replaces everything with the snapshot's entries (a reconnect shows the log again, not twice).</summary>
    public void Load(IEnumerable<LogEntry> entries)
    {
        Clear();
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case UserInputEntry user:
                    Add(TranscriptKind.User, Segment.Flatten(user.Segments));
                    break;
                case AssistantItemEntry assistant:
                    Add(TranscriptKind.Assistant, assistant.Text);
                    break;
                case SystemItemEntry system:
                    AddSystemItem(system.Item);
                    break;
                case RunCompletedEntry { Result: not RunResult.Finished } completed:
                    Add(TranscriptKind.System, RunEnded(completed.Result));
                    break;
                case RunErroredEntry errored:
                    Add(TranscriptKind.Error, $"run failed: {errored.Message}");
                    break;
            }
        }
    }

    /// <summary>Applies one live event; returns false for events that do not change the history.</summary>
    public bool Apply(Event e)
    {
        switch (e)
        {
            case UserMessageEvent user:
                Add(TranscriptKind.User, Segment.Flatten(user.Segments));
                return true;
            case SystemItemEvent system:
                AddSystemItem(system.Item);
                return true;
            case TextDeltaEvent delta:
                _streaming = (_streaming ?? "") + delta.Text;
                Changed();
                return true;
            case TextDoneEvent done:
                FinishStreaming(done.Text);
                return true;
            case RunEndEvent end:
                FinishStreaming(null);
                if (end.Result != RunResult.Finished) Add(TranscriptKind.System, RunEnded(end.Result));
                return true;
            case ErrorEvent error:
                Add(TranscriptKind.Error, $"[{error.Code}] {error.Message}");
                return true;
            case AlertEvent alert:
                Add(alert.Alert.Level == AlertLevel.Error ? TranscriptKind.Error : TranscriptKind.System,
                    $"alert ({alert.Alert.Source.ToString().ToLowerInvariant()}): {alert.Alert.Message}");
                return true;
            default:
                return false;
        }
    }

    /// <summary>The history as drawn at <paramref name="width"/> cells: wrapped, prefixed and styled. Cached per width.</summary>
    public IReadOnlyList<(string Text, Style Style)> Lines(int width)
    {
        if (_layout is { } cached && cached.Width == width && cached.Version == _version) return cached.Lines;
        var lines = new List<(string, Style)>();
        foreach (var item in _items) Layout(lines, item, width);
        if (_streaming is { } partial) Layout(lines, new TranscriptItem(TranscriptKind.Assistant, partial + "▍"), width);
        _layout = (width, _version, lines);
        return lines;
    }

    public static Style StyleOf(TranscriptKind kind) => kind switch
    {
        TranscriptKind.User => new Style(Color.Green).Bold(),
        TranscriptKind.Notification => Color.Yellow,
        TranscriptKind.PodEvent => Color.Magenta,
        TranscriptKind.System => Color.DarkGrey,
        TranscriptKind.Error => Color.Red,
        _ => default,
    };

    private static string Prefix(TranscriptKind kind) => kind switch
    {
        TranscriptKind.User => "› ",
        TranscriptKind.Notification => "✉ ",
        TranscriptKind.PodEvent => "◆ ",
        TranscriptKind.System => "· ",
        TranscriptKind.Error => "✖ ",
        _ => "  ",
    };

    private static void Layout(List<(string, Style)> lines, TranscriptItem item, int width)
    {
        if (item.Kind == TranscriptKind.User && lines.Count > 0) lines.Add(("", default));
        var prefix = Prefix(item.Kind);
        var style = StyleOf(item.Kind);
        var wrapped = CellWidth.Wrap(item.Text, Math.Max(1, width - 2));
        for (var i = 0; i < wrapped.Count; i++) lines.Add(((i == 0 ? prefix : "  ") + wrapped[i], style));
    }

    private void AddSystemItem(SystemItem item)
    {
        switch (item)
        {
            case NotificationItem note:
                Add(TranscriptKind.Notification, $"notification: {note.Message}");
                break;
            case PodEventItem podEvent:
                Add(TranscriptKind.PodEvent, podEvent.Event.Render());
                break;
            case NotificationOverflowItem overflow:
                Add(TranscriptKind.System, $"{overflow.Dropped} queued notification{(overflow.Dropped == 1 ? " was" : "s were")} dropped (queue full)");
                break;
        }
    }

    private void FinishStreaming(string? final)
    {
        var text = final ?? _streaming;
        _streaming = null;
        if (!string.IsNullOrEmpty(text)) _items.Add(new TranscriptItem(TranscriptKind.Assistant, text));
        Changed();
    }

    private static string RunEnded(RunResult result) => result switch
    {
        RunResult.Paused => "run paused — :resume continues, :cancel ends it",
        RunResult.LimitReached => "run stopped: turn limit reached",
        RunResult.RolledBack => "run rolled back",
        _ => "run finished",
    };

    private void Changed() => _version++;
}
