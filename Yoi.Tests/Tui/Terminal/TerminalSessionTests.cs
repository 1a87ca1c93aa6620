using System.Collections.Concurrent;
using System.Text;
using Yoi.Core.Interop;
using Yoi.Tests.Support;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

[NonParallelizable]
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

    private sealed class NoKeys : IKeySource
    {
        public readonly ConcurrentQueue<ConsoleKeyInfo> Pending = new();
        public bool KeyAvailable => !Pending.IsEmpty;
        public ConsoleKeyInfo ReadKey() => Pending.TryDequeue(out var k) ? k : throw new InvalidOperationException("no key");
    }

    private static (TerminalSession Session, RecordingStream Output, NoKeys Keys) Open(bool handlers = false, int width = 20)
    {
        var output = new RecordingStream();
        var keys = new NoKeys();
        var session = new TerminalSession(output, keys, () => (width, 5), new Renderer(noColor: false), ownsConsole: false);
        session.Begin(handlers);
        return (session, output, keys);
    }

    [Test]
    public void Starting_enters_the_alternate_screen_and_disposing_restores_the_terminal_once()
    {
        var (session, output, _) = Open();
        Assert.That(output.All, Is.EqualTo("\e[?1049h\e[?25l"));
        session.Dispose();
        session.Dispose();
        Assert.That(output.All, Is.EqualTo("\e[?1049h\e[?25l" + "\e[?2026l\e[0m\e[?25h\e[?1049l"));
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
        var (session, _, keys) = Open();
        using (session)
        {
            keys.Pending.Enqueue(new ConsoleKeyInfo('\x03', ConsoleKey.C, false, false, true));
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
                Assert.That(session.Keys.IsPaused, Is.True);
                Assert.That(output.Writes.Last(), Is.EqualTo("\e[?2026l\e[0m\e[?25h\e[?1049l"));
            }
            Assert.That(session.Keys.IsPaused, Is.False);
            Assert.That(output.Writes.Last(), Is.EqualTo("\e[?1049h\e[?25l"));
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
            Assert.That(Libc.Kill(Environment.ProcessId, SigWinch), Is.True);
            Poll.Until(() => session.Events.TryPeek(out var e) && e is ResizeEvent, TimeSpan.FromSeconds(5), "the resize event");
            Assert.That(session.Events.TryRead(out var resize) ? resize : null, Is.EqualTo(new ResizeEvent(33, 5)));
        }
    }
}
