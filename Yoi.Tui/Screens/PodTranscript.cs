using System.Text;
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
    Tool,
    ToolOk,
    ToolFailed,
    Result,
}

public sealed record TranscriptItem(TranscriptKind Kind, string Text);

/// <summary>
/// The attached view's history: the snapshot's log entries, then live events (text deltas grow one streaming
/// assistant item until <c>text_done</c>; agent items show tool calls, their results and the final result). Kinds it
/// does not know (a newer Pod) show as short system rows. Agent text is drawn as printed: tabs expanded, ANSI
/// sequences removed (<see cref="PlainText"/>). Pure data plus a width-dependent line layout for drawing.
/// </summary>
public sealed class PodTranscript
{
    private readonly List<TranscriptItem> _items = [];
    private const int OpaqueLimit = 200;
    private StringBuilder? _streaming;
    private int _version;
    private int _itemsVersion;
    private (int Width, int Version, List<(string Text, Style Style)> Lines)? _layout;
    private (int Width, int ItemsVersion, int Count)? _itemsLayout;

    public IReadOnlyList<TranscriptItem> Items => _items;

    /// <summary>The assistant text streamed so far in the current turn (null when none).</summary>
    public string? Streaming => _streaming?.ToString();

    public void Clear()
    {
        _items.Clear();
        _streaming = null;
        ItemsChanged();
    }

    public void Add(TranscriptKind kind, string text)
    {
        FinishStreaming(null);
        _items.Add(new TranscriptItem(kind, text));
        ItemsChanged();
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
                case AgentItemEntry agent:
                    AddAgentItem(agent.Item);
                    break;
                case UnknownEntry unknown:
                    Add(TranscriptKind.System, "entry " + KindTaggedConverter<LogEntry>.Describe(unknown.EntryKind, unknown.Raw, OpaqueLimit));
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
            case AgentItemEvent agent:
                AddAgentItem(agent.Item);
                return true;
            case TextDeltaEvent delta:
                (_streaming ??= new StringBuilder()).Append(delta.Text);
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
            case UnknownEvent unknown:
                var data = unknown.Data is { } d ? d.GetRawText() : "";
                Add(TranscriptKind.System, $"event {unknown.EventName}" + (data.Length == 0 ? "" : ": " + (data.Length > OpaqueLimit ? data[..OpaqueLimit] + "…" : data)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The history as drawn at <paramref name="width"/> cells: wrapped, prefixed and styled. Cached per width.</summary>
    public IReadOnlyList<(string Text, Style Style)> Lines(int width)
    {
        if (_layout is { } cached && cached.Width == width && cached.Version == _version) return cached.Lines;
        List<(string, Style)> lines;
        if (_layout is { } previous && _itemsLayout is { } items && items.Width == width && items.ItemsVersion == _itemsVersion)
        {
            // Only the streaming tail changed: keep the committed items' lines, lay out the tail again.
            lines = previous.Lines;
            lines.RemoveRange(items.Count, lines.Count - items.Count);
        }
        else
        {
            lines = [];
            foreach (var item in _items) Layout(lines, item, width);
            _itemsLayout = (width, _itemsVersion, lines.Count);
        }
        if (_streaming is { } partial) Layout(lines, new TranscriptItem(TranscriptKind.Assistant, partial.ToString() + "▍"), width);
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
        TranscriptKind.Tool => Color.Cyan,
        TranscriptKind.ToolOk => Color.DarkGrey,
        TranscriptKind.ToolFailed => Color.Red,
        TranscriptKind.Result => Color.Green,
        _ => default,
    };

    private static string Prefix(TranscriptKind kind) => kind switch
    {
        TranscriptKind.User => "› ",
        TranscriptKind.Notification => "✉ ",
        TranscriptKind.PodEvent => "◆ ",
        TranscriptKind.System => "· ",
        TranscriptKind.Error => "✖ ",
        TranscriptKind.Tool => "⚙ ",
        TranscriptKind.ToolOk or TranscriptKind.ToolFailed => "↳ ",
        TranscriptKind.Result => "✔ ",
        _ => "  ",
    };

    private static void Layout(List<(string, Style)> lines, TranscriptItem item, int width)
    {
        if (item.Kind == TranscriptKind.User && lines.Count > 0) lines.Add(("", default));
        var prefix = Prefix(item.Kind);
        var style = StyleOf(item.Kind);
        var wrapped = CellWidth.Wrap(PlainText.Clean(item.Text), Math.Max(1, width - 2));
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
            case UnknownSystemItem unknown:
                Add(TranscriptKind.System, "system item " + KindTaggedConverter<SystemItem>.Describe(unknown.ItemKind, unknown.Raw, OpaqueLimit));
                break;
        }
    }

    private void AddAgentItem(AgentItem item)
    {
        var kind = item switch
        {
            ToolUseItem => TranscriptKind.Tool,
            ToolResultItem { IsError: true } => TranscriptKind.ToolFailed,
            ToolResultItem => TranscriptKind.ToolOk,
            AgentResultItem { IsError: true } => TranscriptKind.Error,
            AgentResultItem => TranscriptKind.Result,
            _ => TranscriptKind.System,
        };
        Add(kind, item.Describe());
    }

    private void FinishStreaming(string? final)
    {
        var text = final ?? _streaming?.ToString();
        _streaming = null;
        if (!string.IsNullOrEmpty(text)) _items.Add(new TranscriptItem(TranscriptKind.Assistant, text));
        ItemsChanged();
    }

    private static string RunEnded(RunResult result) => result switch
    {
        RunResult.Paused => "run paused — :resume continues, :cancel ends it",
        RunResult.LimitReached => "run stopped: turn limit reached",
        RunResult.RolledBack => "run rolled back",
        _ => "run finished",
    };

    private void Changed() => _version++;

    private void ItemsChanged()
    {
        _itemsVersion++;
        _version++;
    }
}
