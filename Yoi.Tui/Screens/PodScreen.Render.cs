using Yoi.Core.Protocol;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;
using Frame = Yoi.Tui.Terminal.Frame;

namespace Yoi.Tui.Screens;

/// <summary>Drawing of the attached Pod view: a pure function of the screen's state.</summary>
public sealed partial class PodScreen
{
    internal static readonly Style Hint = Color.DarkGrey;
    internal static readonly Style PodNameStyle = new Style(Color.Cyan).Bold();

    /// <summary>Status label and its style: idle green, running cyan bold, paused yellow bold, connecting dark grey,
    /// disconnected red bold, restoring yellow.</summary>
    internal static (string Label, Style Style) StatusLabel(PodLink link, PodStatus status) => link switch
    {
        PodLink.Connecting => ("○ connecting…", Color.DarkGrey),
        PodLink.Lost => ("✖ disconnected", new Style(Color.Red).Bold()),
        PodLink.Restoring => ("○ restoring…", Color.Yellow),
        _ => status switch
        {
            PodStatus.Running => ("● running", new Style(Color.Cyan).Bold()),
            PodStatus.Paused => ("● paused", new Style(Color.Yellow).Bold()),
            _ => ("● idle", Color.Green),
        },
    };

    public override void Render(Frame frame)
    {
        var (width, height) = (frame.Width, frame.Height);
        var composerHeight = ComposerHeight(width, height);
        var transcriptHeight = TranscriptHeight(width, height);
        RenderStatus(frame, new Rect(0, 0, width, 1));
        RenderTranscript(frame, new Rect(0, 1, width, transcriptHeight));
        var separator = 1 + transcriptHeight;
        frame.Write(0, separator, new string('─', width), Hint);
        var composer = new Rect(0, separator + 1, width, composerHeight);
        if (_commandMode)
        {
            _commandLine.Render(frame, composer, Color.Yellow, default);
            frame.Write(0, composer.Y, ":", new Style(Color.Yellow).Bold());
        }
        else
        {
            _composer.Render(frame, composer, _composer.IsBlank ? Hint : new Style(Color.Green).Bold(), default);
        }
        RenderActionbar(frame, new Rect(0, height - 1, width, 1));
    }

    private int ComposerHeight(int width, int height)
    {
        var input = _commandMode ? _commandLine : _composer;
        return Math.Clamp(input.MeasureHeight(width), 1, Math.Max(1, height / 3));
    }

    private int TranscriptHeight(int width, int height) => Math.Max(1, height - 3 - ComposerHeight(width, height));

    private void RenderStatus(Frame frame, Rect line)
    {
        var (label, style) = StatusLabel(Link, Status);
        var left = new List<Span> { new($" {PodName} ", PodNameStyle), new(" ", default), new(label, style) };
        if (PendingNotifications > 0) left.Add(new($"  ✉{PendingNotifications}", Color.Yellow));
        if (Peers.Count > 0) left.Add(new($"  peers: {string.Join(", ", Peers)}", Hint));
        var engine = Greeting is { } g ? $"engine: {g.Provider} " : "";
        StatusLine.Render(frame, line, left, engine, Hint);
    }

    private void RenderTranscript(Frame frame, Rect area)
    {
        var lines = _transcript.Lines(area.Width);
        if (lines.Count == 0)
        {
            var empty = Link switch
            {
                PodLink.Connected => "No history yet. Type a message and press Enter.",
                PodLink.Connecting => $"Connecting to pod `{PodName}`…",
                _ => $"Not connected to pod `{PodName}`.",
            };
            frame.Write(area.X + 2, area.Y, CellWidth.Truncate(empty, area.Width - 2), Hint);
            return;
        }
        var back = Math.Clamp(_scrollBack, 0, Math.Max(0, lines.Count - area.Height));
        var start = Math.Max(0, lines.Count - area.Height - back);
        for (var i = 0; i < area.Height && start + i < lines.Count; i++)
        {
            var (text, style) = lines[start + i];
            frame.Write(area.X, area.Y + i, text, style, area.Right);
        }
        if (back > 0)
        {
            var marker = $" ↓ {back} more line{(back == 1 ? "" : "s")} · End follows ";
            var x = Math.Max(area.X, area.Right - CellWidth.Of(marker));
            frame.Write(x, area.Bottom - 1, marker, new Style(Color.DarkGrey).Reverse(), area.Right);
        }
    }

    private void RenderActionbar(Frame frame, Rect line)
    {
        if (_commandMode)
        {
            var left = new List<Span> { new(" COMMAND ", new Style(Color.Yellow).Reverse().Bold()), new(" ", default) };
            if (_commandDiagnostic is { } diagnostic) left.Add(new(diagnostic, new Style(Color.Red).Bold()));
            else left.Add(new(Suggestions(), Hint));
            StatusLine.Render(frame, line, left, _commandDiagnostic is null ? "Enter run · Esc cancel" : "", Hint);
            return;
        }
        if (_notice is { } notice)
        {
            StatusLine.Render(frame, line, [new(notice.Text, notice.Style)]);
            return;
        }
        switch (Link)
        {
            case PodLink.Lost:
                StatusLine.Render(frame, line,
                    [new($"Connection to pod `{PodName}` lost: {LostReason}. Ctrl+R reconnects (restores the Pod if it stopped).", new Style(Color.Red).Bold())],
                    "Esc back", Hint);
                return;
            case PodLink.Restoring:
                StatusLine.Render(frame, line, [new($"Restoring pod `{PodName}`…", Color.Yellow)]);
                return;
        }
        var hints = Status == PodStatus.Running
            ? "running · :pause :cancel · PgUp/PgDn scroll · Esc back"
            : "Enter send · Alt+Enter newline · : command · PgUp/PgDn scroll · Esc back";
        StatusLine.Render(frame, line, [new(hints, Hint)]);
    }

    private string Suggestions()
    {
        var matches = _commands.Suggest(_commandLine.Text);
        return matches.Count switch
        {
            0 => "no matching command · :help lists them",
            1 => $"{matches[0].Usage} — {matches[0].Description}",
            _ => string.Join(" · ", matches.Select(c => c.Usage)),
        };
    }
}
