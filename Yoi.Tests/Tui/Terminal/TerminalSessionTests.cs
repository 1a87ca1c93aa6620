using System.Collections.Concurrent;
using System.Text;
using Yoi.Core.Interop;
using Yoi.Tests.Support;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

[NonParallelizable] // sends SIGWINCH to the test process itself; a terminal session of another test would receive it too
public class TerminalSessionTests
{
    private const int SigWinch = 28;

    /// <summary>Records every write as one chunk.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public readonly ConcurrentQueue<string> Writes = new();
        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Enqueue(Encoding.UTF8.GetString(buffer));
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public string All => string.Concat(Writes);
    }

    private const string Enter = "\e[?1049h\e[?25l\e[?2004h";
    private const string MouseOn = "\e[?1000h\e[?1006h";
    private const string Restore = "\e[?2026l\e[0m\e[?1006l\e[?1000l\e[?2004l\e[?25h\e[?1049l";

    private static (TerminalSession Session, RecordingStream Output, QueueInput Input) Open(bool handlers = false, int width = 20, bool mouse = true)
    {
        var output = new RecordingStream();
        var input = new QueueInput();
        var session = new TerminalSession(output, input, () => (width, 5), new Renderer(noColor: false), ownsConsole: false, mouse);
        session.Begin(handlers);
        return (session, output, input);
    }

    [Test]
    public void Starting_enters_the_alternate_screen_with_paste_and_mouse_modes_and_disposing_turns_them_all_off_once()
    {
        var (session, output, _) = Open();
        Assert.That(output.All, Is.EqualTo(Enter + MouseOn));
        session.Dispose();
        session.Dispose();
        Assert.That(output.All, Is.EqualTo(Enter + MouseOn + Restore));
    }

    [Test]
    public void With_mouse_off_no_mouse_reporting_is_asked_for()
    {
        var (session, output, _) = Open(mouse: false);
        session.Dispose();
        Assert.That(output.All, Is.EqualTo(Enter + Restore));
        Assert.That(output.All, Does.Not.Contain("\e[?1000h"));
    }

    [Test]
    public void Each_frame_is_one_write_and_nothing_is_written_after_restore()
    {
        var (session, output, _) = Open();
        var frame = new Frame(20, 5);
        frame.Write(0, 0, "日本語", Color.Cyan);
        var before = output.Writes.Count;
        session.Draw(frame);
        Assert.That(output.Writes, Has.Count.EqualTo(before + 1));
        session.Dispose();
        frame.Write(0, 1, "later");
        var after = output.Writes.Count;
        session.Draw(frame);
        Assert.That(output.Writes, Has.Count.EqualTo(after));
    }

    [Test]
    public void Keys_arrive_as_events()
    {
        var (session, _, input) = Open();
        using (session)
        {
            input.Write("\x03");
            Poll.Until(() => session.Events.TryPeek(out _), TimeSpan.FromSeconds(5), "a key event");
            Assert.That(session.Events.TryRead(out var e) ? e : null, Is.EqualTo(new KeyEvent(Key.Ctrl('c'))));
        }
    }

    [Test]
    public void Suspending_for_a_child_leaves_the_screen_and_resuming_repaints_fully()
    {
        var (session, output, _) = Open();
        using (session)
        {
            var frame = new Frame(20, 5);
            frame.Write(0, 0, "panel");
            session.Draw(frame);
            using (session.SuspendForChild())
            {
                Assert.That(session.Input.IsPaused, Is.True);
                Assert.That(output.Writes.Last(), Is.EqualTo(Restore), "mouse and paste modes off while the child owns the terminal");
            }
            Assert.That(session.Input.IsPaused, Is.False);
            Assert.That(output.Writes.Last(), Is.EqualTo(Enter + MouseOn));
            Assert.That(session.Events.TryRead(out var wake) ? wake : null, Is.EqualTo(new ResizeEvent(20, 5)));
            session.Draw(frame);
            Assert.That(output.Writes.Last(), Does.Contain("\e[2J").And.Contain("panel"));
        }
    }

    [Test]
    public void Sigwinch_becomes_a_resize_event_with_the_new_size()
    {
        var (session, _, _) = Open(handlers: true, width: 33);
        using (session)
        {
            // As yoi's entry does for its main thread (Program.cs): a test runner started under `perf record` has
            // SIGWINCH blocked in every thread, so without this the signal would never be delivered.
            Assert.That(Libc.SetSignalBlocked(SigWinch, blocked: false), Is.True);
            Assert.That(Libc.Kill(Environment.ProcessId, SigWinch), Is.True);
            Poll.Until(() => session.Events.TryPeek(out var e) && e is ResizeEvent, TimeSpan.FromSeconds(5), "the resize event");
            Assert.That(session.Events.TryRead(out var resize) ? resize : null, Is.EqualTo(new ResizeEvent(33, 5)));
        }
    }
}
