using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;
using Yoi.Tui.Screens;
using Yoi.Tui.Terminal;
using Frame = Yoi.Tui.Terminal.Frame;

namespace Yoi.Tests.Tui.Screens;

/// <summary>The attached view drawn from real protocol values (no terminal, no socket): snapshots, styles, key rules.</summary>
public class PodScreenTests
{
    private static readonly Greeting EchoGreeting = new("alpha", "/ws", "echo", "echo (delay 30 ms)", "workspace /ws", []);

    private static LogEntry[] History() =>
    [
        new SegmentStartEntry("s1", "g1", "alpha") { Ts = "2026-06-20T12:00:00.000Z" },
        new UserInputEntry([new TextSegment("チケット 0042 のレビューをお願いします")]) { Ts = "2026-06-20T12:00:01.000Z" },
        new AssistantItemEntry("echo: received 1 message, 0 notifications: チケット 0042 のレビューをお願いします") { Ts = "2026-06-20T12:00:02.000Z" },
        new SystemItemEntry(new NotificationItem("FYI: build is green", NotifyWrapper.Wrap("FYI: build is green"))) { Ts = "2026-06-20T12:00:03.000Z" },
        new SystemItemEntry(new PodEventItem(new TurnEndedPodEvent("beta"), "pod `beta` finished a turn")) { Ts = "2026-06-20T12:00:04.000Z" },
        new AssistantItemEntry("echo: received 0 messages, 2 notifications: [FYI: build is green] [pod `beta` finished a turn]") { Ts = "2026-06-20T12:00:05.000Z" },
        new RunCompletedEntry(false, RunResult.Finished) { Ts = "2026-06-20T12:00:06.000Z" },
    ];

    private static (PodScreen Screen, FakeTimeProvider Time) Attached(PodStatus status = PodStatus.Idle, int pending = 2)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));
        var screen = new PodScreen(new PodAttachment("alpha", "/nonexistent/sock", () => [], null), time);
        screen.ApplySnapshot(new SnapshotEvent(History(), EchoGreeting, status, pending));
        screen.Peers = ["beta"];
        return (screen, time);
    }

    private static Frame Draw(PodScreen screen, int width, int height)
    {
        var frame = new Frame(width, height);
        screen.Render(frame);
        return frame;
    }

    private static void Type(PodScreen screen, string text)
    {
        foreach (var grapheme in CellWidth.Graphemes(text)) screen.OnKey(Key.Char(grapheme.Grapheme));
    }

    private static PeerRegisteredEvent Registered(string source, string peer) =>
        new(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["source"] = source, ["peer"] = peer }));

    [TestCase(80, 24)]
    [TestCase(120, 40)]
    public void Attached_view_with_history_live_stream_and_a_notice(int width, int height)
    {
        var (screen, _) = Attached();
        screen.ApplyEvent(new UserMessageEvent([new TextSegment("次の作業は？")]));
        screen.ApplyEvent(new StatusEvent(PodStatus.Running, 2));
        screen.ApplyEvent(new TextDeltaEvent("echo: received 1 "));
        screen.ApplyEvent(new TextDeltaEvent("message"));
        screen.ApplyEvent(Registered("alpha", "beta"));
        var frame = Draw(screen, width, height);
        Snapshot.Match(frame.ToPlainText());
        Assert.That(screen.Notice!.Text, Is.EqualTo("Peer metadata registered: `alpha` ↔ `beta`"));
    }

    [TestCase(80, 24)]
    [TestCase(120, 40)]
    public void Attached_view_in_command_mode_with_a_diagnostic(int width, int height)
    {
        var (screen, _) = Attached();
        screen.ApplyEvent(new ErrorEvent(ErrorCode.InvalidRequest, "pod `missing` does not exist"));
        screen.OnKey(Key.Char(':'));
        Type(screen, "peer");
        screen.OnKey(Key.Of(KeyCode.Enter));
        var frame = Draw(screen, width, height);
        Snapshot.Match(frame.ToPlainText());
        Assert.That(screen.CommandMode, Is.True, "a refused command stays in command mode");
    }

    [Test]
    public void Attached_view_styles()
    {
        var (screen, _) = Attached();
        screen.ApplyEvent(Registered("alpha", "beta"));
        Snapshot.Match(Draw(screen, 80, 24).ToStyleText());
    }

    [TestCase(PodLink.Connected, PodStatus.Idle, "● idle", 2, TextAttr.None)]
    [TestCase(PodLink.Connected, PodStatus.Running, "● running", 6, TextAttr.Bold)]
    [TestCase(PodLink.Connected, PodStatus.Paused, "● paused", 3, TextAttr.Bold)]
    [TestCase(PodLink.Lost, PodStatus.Idle, "✖ disconnected", 1, TextAttr.Bold)]
    [TestCase(PodLink.Connecting, PodStatus.Idle, "○ connecting…", 8, TextAttr.None)]
    public void Status_labels_have_their_colours(PodLink link, PodStatus status, string label, int colour, TextAttr attr)
    {
        var (text, style) = PodScreen.StatusLabel(link, status);
        Assert.That(text, Is.EqualTo(label));
        Assert.That(style, Is.EqualTo(new Style(Color.Index(colour), default, attr)));
    }

    [Test]
    public void The_drawn_status_line_uses_the_status_colour_and_marks_pending_notifications_in_yellow()
    {
        var (screen, _) = Attached(PodStatus.Running, pending: 3);
        var frame = Draw(screen, 80, 24);
        var line = frame.ToPlainText().Split('\n')[0];
        var x = line.IndexOf("● running", StringComparison.Ordinal);
        Assert.That(frame.StyleAt(x, 0), Is.EqualTo(new Style(Color.Cyan).Bold()));
        var mail = line.IndexOf("✉3", StringComparison.Ordinal);
        Assert.That(frame.StyleAt(mail, 0), Is.EqualTo(new Style(Color.Yellow)));
        Assert.That(frame.StyleAt(1, 0), Is.EqualTo(new Style(Color.Cyan).Bold()), "pod name");
    }

    [Test]
    public void Enter_while_running_is_refused_with_a_notice_and_keeps_the_draft()
    {
        var (screen, _) = Attached(PodStatus.Running);
        Type(screen, "wait for me");
        screen.OnKey(Key.Of(KeyCode.Enter));
        Assert.That(screen.Draft, Is.EqualTo("wait for me"));
        Assert.That(screen.Notice!.Level, Is.EqualTo(NoticeLevel.Warn));
        Assert.That(screen.Notice.Text, Does.StartWith("Pod `alpha` is running; Enter sends when it is idle or paused"));
        Assert.That(Draw(screen, 80, 24).ToPlainText(), Does.Contain("Pod `alpha` is running"));
    }

    [Test]
    public void Enter_before_the_pod_is_connected_keeps_the_draft()
    {
        var screen = new PodScreen(new PodAttachment("alpha", "/nonexistent/sock", () => [], null));
        Type(screen, "early");
        screen.OnKey(Key.Of(KeyCode.Enter));
        Assert.That(screen.Draft, Is.EqualTo("early"));
        Assert.That(screen.Notice!.Text, Does.Contain("Still connecting to pod `alpha`"));
    }

    [Test]
    public void A_colon_starts_command_mode_only_on_an_empty_composer()
    {
        var (screen, _) = Attached();
        Type(screen, "ratio 3:2");
        Assert.That((screen.CommandMode, screen.Draft), Is.EqualTo((false, "ratio 3:2")));

        var (empty, _) = Attached();
        empty.OnKey(Key.Char(':'));
        Assert.That(empty.CommandMode, Is.True);
        empty.OnKey(Key.Of(KeyCode.Escape));
        Assert.That((empty.CommandMode, empty.Draft), Is.EqualTo((false, "")), "Esc leaves command mode, not the view");
    }

    [Test]
    public void Help_lists_the_commands_in_the_transcript_and_leaves_command_mode()
    {
        var (screen, _) = Attached();
        screen.OnKey(Key.Char(':'));
        Type(screen, "help");
        screen.OnKey(Key.Of(KeyCode.Enter));
        Assert.That(screen.CommandMode, Is.False);
        Assert.That(screen.Transcript.Items[^1], Is.EqualTo(new TranscriptItem(TranscriptKind.System,
            "Commands: help (help [command]), peer (peer <pod-name>), pause (pause), resume (resume), cancel (cancel), detach (detach)")));
    }

    [Test]
    public void Peer_while_running_is_refused_in_command_mode()
    {
        var (screen, _) = Attached(PodStatus.Running);
        screen.OnKey(Key.Char(':'));
        Type(screen, "peer beta");
        screen.OnKey(Key.Of(KeyCode.Enter));
        Assert.That(screen.CommandMode, Is.True);
        Assert.That(Draw(screen, 80, 24).ToPlainText(), Does.Contain("Cannot register a peer while the Pod is running."));
    }

    [Test]
    public void The_info_notice_expires_after_four_seconds()
    {
        var (screen, time) = Attached();
        screen.ApplyEvent(Registered("alpha", "beta"));
        Assert.That(screen.OnTick(time.GetUtcNow().AddSeconds(3.9)), Is.False);
        Assert.That(screen.Notice, Is.Not.Null);
        Assert.That(screen.OnTick(time.GetUtcNow().AddSeconds(4)), Is.True, "a frame is needed when it expires");
        Assert.That(screen.Notice, Is.Null);
    }

    [Test]
    public void A_lost_connection_says_so_and_offers_reconnect()
    {
        var (screen, _) = Attached();
        screen.ApplyEvent(new ShutdownEvent());
        screen.ApplyLost("the Pod closed the connection");
        var text = Draw(screen, 80, 24).ToPlainText();
        Assert.That(text.Split('\n')[0], Does.Contain("✖ disconnected"));
        Assert.That(text, Does.Contain("Connection to pod `alpha` lost: the Pod shut down. Ctrl+R reconnects"));
    }

    [Test]
    public void PgUp_scrolls_back_and_new_output_does_not_move_the_view_until_End()
    {
        var (screen, _) = Attached();
        for (var i = 0; i < 40; i++) screen.ApplyEvent(new SystemItemEvent(new NotificationItem($"note {i}", "")));
        var bottom = Draw(screen, 80, 24).ToPlainText();
        Assert.That(bottom, Does.Contain("note 39"));
        screen.OnKey(Key.Of(KeyCode.PageUp));
        var scrolled = Draw(screen, 80, 24).ToPlainText();
        Assert.That(scrolled, Does.Not.Contain("note 39").And.Contain("more lines · End follows"));
        var firstLine = scrolled.Split('\n')[1];
        screen.ApplyEvent(new SystemItemEvent(new NotificationItem("note 40", "")));
        Assert.That(Draw(screen, 80, 24).ToPlainText().Split('\n')[1], Is.EqualTo(firstLine), "the view stays put");
        screen.OnKey(Key.Of(KeyCode.End));
        Assert.That(Draw(screen, 80, 24).ToPlainText(), Does.Contain("note 40").And.Not.Contain("End follows"));
    }
}
