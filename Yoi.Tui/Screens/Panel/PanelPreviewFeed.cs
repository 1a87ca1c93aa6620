using Yoi.Core.Pods;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The one streaming connection behind the details pane's preview: it follows the Pod the selection previews (the
/// Pod row, an Intake child's Pod, a Ticket's claimed Pod; the Companion when nothing is selected), reads its snapshot
/// and live events with the Core streaming client (<see cref="PodStream"/>) into a <see cref="PodTranscript"/>, and
/// publishes the newest lines as a <see cref="PanelPreview"/>. Switching the selection closes the old connection
/// before opening the new one, so at most one Pod is streamed and every other Pod costs nothing. A stopped Pod is not
/// connected to (its row says why); a lost connection is opened again on the next <see cref="Follow"/> while the
/// model still says the Pod is live. Loop thread only; callbacks come back through <c>post</c>.
/// </summary>
public sealed class PanelPreviewFeed(Action<Action> post, Action<PanelPreview?> publish) : IDisposable
{
    /// <summary>Width the transcript is laid out at before the pane cuts or wraps it again.</summary>
    private const int LayoutWidth = 400;

    private readonly PodTranscript _transcript = new();
    private PodStream? _stream;
    private string? _pod;
    private bool _connected;

    /// <summary>The Pod followed now, or null.</summary>
    public string? PodName => _pod;

    /// <summary>Connections opened so far (tests: one per Pod the selection moved to).</summary>
    public int Connections { get; private set; }

    /// <summary>Previews <paramref name="podName"/> (null: nothing), connecting when <paramref name="live"/>.</summary>
    public void Follow(string? podName, string? socketPath, bool live)
    {
        if (podName != _pod)
        {
            Close();
            _pod = podName;
            Publish();
        }
        if (podName is null || socketPath is null || !live || _stream is not null) return;
        var stream = new PodStream(socketPath);
        _stream = stream;
        Connections++;
        stream.Start(
            snapshot => post(() =>
            {
                if (_stream != stream) return;
                _connected = true;
                _transcript.Load(snapshot.Entries);
                Publish();
            }),
            e => post(() =>
            {
                if (_stream == stream && _transcript.Apply(e)) Publish();
            }),
            _ => post(() =>
            {
                if (_stream != stream) return;
                Drop();
                Publish();
            }));
    }

    /// <summary>Stops following (the panel is covered by the attached view, or quits).</summary>
    public void Close()
    {
        Drop();
        _pod = null;
        _transcript.Clear();
    }

    public void Dispose() => Close();

    private void Drop()
    {
        _connected = false;
        if (Interlocked.Exchange(ref _stream, null) is { } old) _ = old.DisposeAsync().AsTask();
    }

    private void Publish()
    {
        if (_pod is null)
        {
            publish(null);
            return;
        }
        var lines = _transcript.Lines(LayoutWidth);
        var tail = new List<Span>(Math.Min(lines.Count, PanelPreview.MaxLines));
        for (var i = Math.Max(0, lines.Count - PanelPreview.MaxLines); i < lines.Count; i++) tail.Add(new Span(lines[i].Text, lines[i].Style));
        publish(new PanelPreview(_pod, _connected, tail));
    }
}
