using Yoi.Core;
using System.Text.Json;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tui.Commands;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens;

public enum PodLink
{
    Connecting,
    Connected,
    Lost,
    Restoring,
}

/// <summary>
/// The attached Pod view (<c>yoi attach &lt;pod&gt;</c>, or Open from the panel): the Pod's history and live stream,
/// its status, a composer that sends <c>run</c>, and colon commands (<see cref="CommandRegistry.PodView"/>).
/// Esc on an empty composer or <c>:q</c> pops back to the caller with the result "detached". Drawing is in
/// PodScreen.Render.cs.
/// </summary>
public sealed partial class PodScreen : Screen, IDisposable
{
    public const string DetachedResult = "detached";

    private readonly PodAttachment _pod;
    private readonly TimeProvider _time;
    private readonly CommandRegistry _commands = CommandRegistry.PodView;
    private readonly PodTranscript _transcript = new();
    private readonly TextInput _composer = new() { Placeholder = "Message the Pod — Enter sends, Alt+Enter newline, : commands" };
    private readonly TextInput _commandLine = new();
    private PodStream? _stream;
    private readonly CancellationTokenSource _work = new();
    private bool _stopped;
    private bool _commandMode;
    private string? _commandDiagnostic;
    private TimedNotice? _notice;
    private int _scrollBack;
    private bool _shutdownSeen;

    public PodScreen(PodAttachment pod, TimeProvider? time = null)
    {
        _pod = pod;
        _time = time ?? TimeProvider.System;
    }

    public string PodName => _pod.PodName;
    public PodLink Link { get; private set; } = PodLink.Connecting;
    public string? LostReason { get; private set; }
    public PodStatus Status { get; private set; } = PodStatus.Idle;
    public int PendingNotifications { get; private set; }
    public Greeting? Greeting { get; private set; }
    public IReadOnlyList<string> Peers { get; internal set; } = [];
    public PodTranscript Transcript => _transcript;
    public TimedNotice? Notice => _notice;
    public bool CommandMode => _commandMode;
    public string Draft => _composer.Text;

    public override void OnStart()
    {
        MarkSeen();
        Connect();
        RefreshPeers();
    }

    public override void OnStop()
    {
        MarkSeen();
        Dispose();
    }

    /// <summary>Opening and leaving the view both count as looking at the Pod; a failure to record it only costs the mark.</summary>
    private void MarkSeen()
    {
        try
        {
            _pod.MarkSeen?.Invoke();
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
        }
    }

    /// <summary>Closes the stream and stops background work (the Pod keeps running). Safe to call twice.</summary>
    public void Dispose()
    {
        if (_stopped) return;
        _stopped = true;
        _work.Cancel();
        if (_stream is { } stream)
        {
            _stream = null;
            stream.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(2));
        }
        _work.Dispose();
    }

    public override bool OnTick(DateTimeOffset now)
    {
        if (_notice is null || now < _notice.ExpiresAt) return false;
        _notice = null;
        return true;
    }

    public override void OnKey(Key key)
    {
        if (key.IsCtrl('c') || key.IsCtrl('d'))
        {
            Host.Quit();
            return;
        }
        if (_commandMode)
        {
            OnCommandKey(key);
            return;
        }
        switch (key.Code)
        {
            case KeyCode.Char when key.Text == ":" && key.Mods == KeyMods.None && _composer.Text.Length == 0:
                _commandMode = true;
                _commandDiagnostic = null;
                _commandLine.Clear();
                return;
            case KeyCode.Escape when key.Mods == KeyMods.None && _composer.IsBlank:
                Detach();
                return;
            case KeyCode.Enter when key.Mods == KeyMods.None:
                SendRun();
                return;
            case KeyCode.PageUp:
                Scroll(PageSize());
                return;
            case KeyCode.PageDown:
                Scroll(-PageSize());
                return;
            case KeyCode.End when _composer.IsBlank:
                _scrollBack = 0;
                return;
            case KeyCode.Char when key.IsCtrl('r') && Link == PodLink.Lost:
                Reconnect();
                return;
        }
        if (_composer.HandleKey(key)) return;
        if (key.Code == KeyCode.Up) Scroll(1);
        else if (key.Code == KeyCode.Down) Scroll(-1);
    }

    /// <summary>The wheel scrolls the transcript (up: older lines).</summary>
    public override void OnMouse(Mouse mouse)
    {
        if (mouse.WheelLines != 0) Scroll(-mouse.WheelLines);
    }

    /// <summary>A paste goes into the composer (or the command line) as text; its newlines never send.</summary>
    public override void OnPaste(string text)
    {
        if (_commandMode) _commandLine.Insert(text.ReplaceLineEndings(" "));
        else _composer.Insert(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
    }

    /// <summary>Applies the connect snapshot (history, status, greeting). Called on the loop thread.</summary>
    internal void ApplySnapshot(SnapshotEvent snapshot)
    {
        Link = PodLink.Connected;
        LostReason = null;
        _shutdownSeen = false;
        Greeting = snapshot.Greeting;
        Status = snapshot.Status;
        PendingNotifications = snapshot.PendingNotifications;
        _transcript.Load(snapshot.Entries);
        _scrollBack = 0;
    }

    /// <summary>Applies one live event. Called on the loop thread.</summary>
    internal void ApplyEvent(Event e)
    {
        switch (e)
        {
            case StatusEvent status:
                Status = status.Status;
                PendingNotifications = status.PendingNotifications;
                return;
            case PeerRegisteredEvent registered:
                var (source, peer) = PeerNames(registered.Result);
                ShowNotice(NoticeLevel.Info, $"Peer metadata registered: `{source}` ↔ `{peer}`");
                RefreshPeers();
                return;
            case ErrorEvent error:
                ShowNotice(NoticeLevel.Error, $"[{error.Code}] {error.Message}");
                break;
            case ShutdownEvent:
                _shutdownSeen = true;
                return;
        }
        var width = ViewWidth();
        var before = _scrollBack > 0 ? _transcript.Lines(width).Count : 0;
        if (_transcript.Apply(e) && _scrollBack > 0) _scrollBack += _transcript.Lines(width).Count - before;
    }

    /// <summary>The stream ended or could not start. Called on the loop thread.</summary>
    internal void ApplyLost(string reason)
    {
        Link = PodLink.Lost;
        LostReason = _shutdownSeen ? "the Pod shut down" : reason;
    }

    private void OnCommandKey(Key key)
    {
        switch (key.Code)
        {
            case KeyCode.Escape:
                LeaveCommandMode();
                return;
            case KeyCode.Backspace when _commandLine.Text.Length == 0:
                LeaveCommandMode();
                return;
            case KeyCode.Enter:
                RunCommand(_commandLine.Text);
                return;
        }
        if (key.Code == KeyCode.Enter) return;
        var before = _commandLine.Text;
        _commandLine.HandleKey(key);
        if (_commandLine.Text != before) _commandDiagnostic = null;
    }

    private void RunCommand(string line)
    {
        var result = _commands.Dispatch(line, new CommandContext(Link == PodLink.Connected, Status));
        if (!result.Ok)
        {
            _commandDiagnostic = result.Message;
            return;
        }
        LeaveCommandMode();
        switch (result.Action)
        {
            case CommandAction.Help:
                _transcript.Add(TranscriptKind.System, result.Message);
                _scrollBack = 0;
                break;
            case CommandAction.Peer:
                Send(new RegisterPeerMethod(result.Argument!), "register_peer");
                ShowNotice(NoticeLevel.Info, result.Message);
                break;
            case CommandAction.Pause:
                Send(new PauseMethod(), "pause");
                ShowNotice(NoticeLevel.Info, result.Message);
                break;
            case CommandAction.Resume:
                Send(new ResumeMethod(), "resume");
                ShowNotice(NoticeLevel.Info, result.Message);
                break;
            case CommandAction.Cancel:
                Send(new CancelMethod(), "cancel");
                ShowNotice(NoticeLevel.Info, result.Message);
                break;
            case CommandAction.Detach:
                Detach();
                break;
        }
    }

    private void LeaveCommandMode()
    {
        _commandMode = false;
        _commandDiagnostic = null;
        _commandLine.Clear();
    }

    private void SendRun()
    {
        var draft = _composer.Text;
        if (string.IsNullOrWhiteSpace(draft)) return;
        if (Link != PodLink.Connected)
        {
            ShowNotice(NoticeLevel.Warn, Link == PodLink.Lost
                ? $"Not connected to pod `{PodName}`; Ctrl+R reconnects. Your draft is kept."
                : $"Still connecting to pod `{PodName}`; try again in a moment. Your draft is kept.");
            return;
        }
        if (Status == PodStatus.Running)
        {
            ShowNotice(NoticeLevel.Warn, $"Pod `{PodName}` is running; Enter sends when it is idle or paused (:pause, :cancel). Your draft is kept.");
            return;
        }
        _composer.Clear();
        _scrollBack = 0;
        Send(RunMethod.Text(draft), "run", onFailure: () => { if (_composer.Text.Length == 0) _composer.Text = draft; });
    }

    private void Send(Method method, string what, Action? onFailure = null)
    {
        var stream = _stream;
        if (stream is null) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await stream.SendAsync(method).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                Post(() =>
                {
                    ShowNotice(NoticeLevel.Error, $"Could not send `{what}` to pod `{PodName}`: {ex.Message}. Ctrl+R reconnects.");
                    onFailure?.Invoke();
                });
            }
        });
    }

    private void Connect()
    {
        if (_stopped) return;
        Link = PodLink.Connecting;
        var stream = new PodStream(_pod.SocketPath);
        _stream = stream;
        stream.Start(
            snapshot => Post(() => { if (_stream == stream) ApplySnapshot(snapshot); }),
            e => Post(() => { if (_stream == stream) ApplyEvent(e); }),
            reason => Post(() => { if (_stream == stream) ApplyLost(reason); }));
    }

    private void Reconnect()
    {
        Link = PodLink.Restoring;
        var old = _stream;
        _stream = null;
        var token = _work.Token;
        _ = Task.Run(async () =>
        {
            if (old is not null) await old.DisposeAsync().ConfigureAwait(false);
            try
            {
                if (_pod.RestoreAsync is { } restore) await restore(token).ConfigureAwait(false);
                Post(Connect);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (YoiException.IsReportable(ex) || ex is ArgumentException)
            {
                Post(() => ApplyLost($"restore failed: {ex.Message}"));
            }
        }, token);
    }

    private void RefreshPeers()
    {
        var token = _work.Token;
        _ = Task.Run(() =>
        {
            try
            {
                var peers = _pod.ReadPeers();
                Post(() => Peers = peers);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                // Peers are a hint in the status line; the Pod itself reports registration errors.
            }
        }, token);
    }

    private void Detach() => Host.Pop(DetachedResult);

    private void ShowNotice(NoticeLevel level, string text) => _notice = TimedNotice.Create(level, text, _time.GetUtcNow());

    private void Post(Action action) => HostOrNull?.Post(action);

    private void Scroll(int lines)
    {
        var (width, height) = (ViewWidth(), HostOrNull?.Size.Height ?? 24);
        var max = Math.Max(0, _transcript.Lines(width).Count - TranscriptHeight(width, height));
        _scrollBack = Math.Clamp(_scrollBack + lines, 0, max);
    }

    private int PageSize() => Math.Max(1, TranscriptHeight(ViewWidth(), HostOrNull?.Size.Height ?? 24) - 1);

    private int ViewWidth() => HostOrNull?.Size.Width ?? 80;

    private static (string Source, string Peer) PeerNames(JsonElement result)
    {
        static string? Field(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return (Field(result, "source") ?? "this Pod", Field(result, "peer") ?? "peer Pod");
    }
}
