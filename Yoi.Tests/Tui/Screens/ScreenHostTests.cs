using System.Collections.Concurrent;
using System.Text;
using Yoi.Tests.Support;
using Yoi.Tui.Screens;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens;

public class ScreenHostTests
{
    private sealed class RecordingStream : MemoryStream
    {
        public readonly ConcurrentQueue<string> Writes = new();
        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Enqueue(Encoding.UTF8.GetString(buffer));
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public string All => string.Concat(Writes);
    }


    /// <summary>A screen that records what the host hands it.</summary>
    private sealed class Probe(string name, List<string> log) : Screen
    {
        public string Text { get; set; } = "";
        public Func<DateTimeOffset, bool> Tick { get; set; } = _ => false;
        public Action<Key>? KeyAction { get; set; }
        public int LoopThreadChecks;
        public ScreenHost HostForTest => Host;

        public override void OnStart() => log.Add($"{name}:start");
        public override void OnResume(object? result) => log.Add($"{name}:resume:{result}");
        public override void OnStop() => log.Add($"{name}:stop");

        public override void OnKey(Key key)
        {
            log.Add($"{name}:key:{key}");
            if (Host.IsLoopThread) LoopThreadChecks++;
            KeyAction?.Invoke(key);
        }

        public override bool OnTick(DateTimeOffset now) => Tick(now);

        public override void Render(Frame frame) => frame.Write(0, 0, Text.Length == 0 ? name : Text);
    }

    private static (TerminalSession Session, RecordingStream Output, QueueInput Keys) Open(int width = 80, int height = 24)
    {
        var output = new RecordingStream();
        var keys = new QueueInput();
        var session = new TerminalSession(output, keys, () => (width, height), new Renderer(noColor: false), ownsConsole: false);
        session.Begin(installHandlers: false);
        return (session, output, keys);
    }

    private static bool Shows(ScreenHost host, string text) =>
        host.LastFrame?.ToPlainText().Contains(text, StringComparison.Ordinal) == true;

    [Test, CancelAfter(10_000)]
    public async Task Keys_go_to_the_top_screen_and_popping_hands_the_result_back_to_the_one_below()
    {
        var (session, _, keys) = Open();
        using var _s = session;
        var log = new List<string>();
        var panel = new Probe("panel", log);
        var pod = new Probe("pod", log);
        panel.KeyAction = k => { if (k.Text == "o") panel.HostForTest.Push(pod); else if (k.Text == "q") panel.HostForTest.Quit(3); };
        pod.KeyAction = k => { if (k.Code == KeyCode.Escape) pod.HostForTest.Pop("detached"); };
        var host = new ScreenHost(session);
        var run = host.RunAsync(panel);

        keys.Write("o");
        Poll.Until(() => Shows(host, "pod"), TimeSpan.FromSeconds(5), "the pod screen drawn");
        keys.Write("\e");
        Poll.Until(() => log.Contains("panel:resume:detached"), TimeSpan.FromSeconds(5), "the panel resumed");
        keys.Write("q");

        Assert.That(await run, Is.EqualTo(3));
        Assert.That(log, Is.EqualTo(new[]
        {
            "panel:start", "panel:key:o", "pod:start", "pod:key:Escape", "pod:stop", "panel:resume:detached", "panel:key:q", "panel:stop",
        }));
        Assert.That(panel.LoopThreadChecks + pod.LoopThreadChecks, Is.EqualTo(3), "every key callback ran on the loop thread");
    }

    [Test, CancelAfter(10_000)]
    public async Task Posted_updates_from_background_threads_are_applied_on_the_loop_and_drawn_once()
    {
        var (session, _, _) = Open();
        using var _s = session;
        var log = new List<string>();
        var screen = new Probe("root", log);
        var host = new ScreenHost(session);
        var run = host.RunAsync(screen);
        Poll.Until(() => host.FramesDrawn == 1, TimeSpan.FromSeconds(5), "the first frame");

        var onLoop = false;
        await Task.Run(() => host.Post(() => { onLoop = host.IsLoopThread; screen.Text = "loaded 日本語"; }));
        Poll.Until(() => Shows(host, "loaded 日本語"), TimeSpan.FromSeconds(5), "the update drawn");
        Assert.That(onLoop, Is.True);
        var frames = host.FramesDrawn;

        // Several ticks pass with nothing changed: no frame is drawn.
        var ticks = 0;
        screen.Tick = _ => { ticks++; return false; };
        Poll.Until(() => ticks >= 3, TimeSpan.FromSeconds(5), "three ticks");
        Assert.That(host.FramesDrawn, Is.EqualTo(frames));

        // A tick that reports a change draws exactly once.
        screen.Tick = _ => { screen.Text = "expired"; screen.Tick = _ => false; return true; };
        Poll.Until(() => Shows(host, "expired"), TimeSpan.FromSeconds(5), "the tick change drawn");
        Assert.That(host.FramesDrawn, Is.EqualTo(frames + 1));

        session.Post(new QuitEvent("SIGTERM"));
        Assert.That(await run, Is.Zero);
        Assert.That(log, Does.Contain("root:stop"));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_quit_signal_stops_every_screen_top_down()
    {
        var (session, _, keys) = Open();
        using var _s = session;
        var log = new List<string>();
        var panel = new Probe("panel", log);
        var pod = new Probe("pod", log);
        panel.KeyAction = _ => panel.HostForTest.Push(pod);
        var host = new ScreenHost(session);
        var run = host.RunAsync(panel);
        keys.Write("x");
        Poll.Until(() => host.Depth == 2, TimeSpan.FromSeconds(5), "the pod screen pushed");
        session.Post(new QuitEvent("SIGTERM"));
        Assert.That(await run, Is.Zero);
        Assert.That(log[^2..], Is.EqualTo(new[] { "pod:stop", "panel:stop" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_resize_redraws_at_the_new_size_and_a_too_small_terminal_shows_the_message()
    {
        var (session, _, _) = Open();
        using var _s = session;
        var host = new ScreenHost(session);
        var run = host.RunAsync(new Probe("root", []));
        Poll.Until(() => host.FramesDrawn == 1, TimeSpan.FromSeconds(5), "the first frame");
        session.Post(new ResizeEvent(50, 10));
        Poll.Until(() => Shows(host, "terminal too small (50×10); need 60×16"), TimeSpan.FromSeconds(5), "the too-small message");
        Assert.That(host.Size, Is.EqualTo((50, 10)));
        session.Post(new QuitEvent("test"));
        await run;
    }

    [Test, CancelAfter(10_000)]
    public void An_exception_in_a_screen_stops_the_screens_and_the_session_still_restores_the_terminal()
    {
        var (session, output, keys) = Open();
        var log = new List<string>();
        var screen = new Probe("root", log) { KeyAction = _ => throw new InvalidOperationException("boom") };
        var host = new ScreenHost(session);
        keys.Write("x");
        Assert.ThrowsAsync<InvalidOperationException>(() => host.RunAsync(screen));
        Assert.That(log, Does.Contain("root:stop"));
        session.Dispose();
        Assert.That(output.All, Does.EndWith(TerminalSession.RestoreSequence));
    }

    [Test, CancelAfter(10_000)]
    public async Task Suspending_for_a_child_pauses_the_key_reader_until_the_handle_is_disposed()
    {
        var (session, _, _) = Open();
        using var _s = session;
        var host = new ScreenHost(session);
        var screen = new Probe("root", []);
        var run = host.RunAsync(screen);
        var paused = false;
        var resumed = false;
        host.Post(() =>
        {
            using (host.SuspendForChild()) paused = session.Input.IsPaused;
            resumed = !session.Input.IsPaused;
            host.Quit();
        });
        await run;
        Assert.That(paused, Is.True);
        Assert.That(resumed, Is.True);
    }
}
