using System.Collections.Concurrent;
using Yoi.Tests.Support;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class InputReaderTests
{
    private static (InputReader Reader, QueueInput Input, ConcurrentQueue<TerminalEvent> Events) Open()
    {
        var input = new QueueInput();
        var events = new ConcurrentQueue<TerminalEvent>();
        return (new InputReader(input, events.Enqueue), input, events);
    }

    [Test]
    public void Keys_mouse_reports_and_pastes_are_delivered_in_order()
    {
        var (reader, input, events) = Open();
        using var _ = input;
        using (reader)
        {
            reader.Start();
            input.Write("a日\r");
            input.Write("\e[<0;3;2M");
            input.Write("\e[200~two\nlines\e[201~");
            Poll.Until(() => events.Count == 5, TimeSpan.FromSeconds(5), "five events");
        }
        Assert.That(events, Is.EqualTo(new TerminalEvent[]
        {
            new KeyEvent(Key.Char('a')), new KeyEvent(Key.Char("日")), new KeyEvent(Key.Of(KeyCode.Enter)),
            new MouseEvent(new Mouse(MouseAction.Press, MouseButton.Left, 2, 1)), new PasteEvent("two\nlines"),
        }));
    }

    [Test]
    public void A_lone_esc_arrives_without_waiting_for_a_timeout()
    {
        var (reader, input, events) = Open();
        using var _ = input;
        using (reader)
        {
            reader.Start();
            var polls = reader.Polls;
            input.Write("\e");
            Poll.Until(() => !events.IsEmpty, TimeSpan.FromSeconds(5), "the Esc key");
            // Delivered in the round that read it: no extra round spent waiting for a following byte.
            Assert.That(reader.Polls - polls, Is.LessThanOrEqualTo(2));
            Assert.That(events.Single(), Is.EqualTo(new KeyEvent(Key.Of(KeyCode.Escape))));
        }
    }

    [Test]
    public void A_cut_sequence_is_completed_by_the_next_read_and_flushed_when_nothing_follows()
    {
        var (reader, input, events) = Open();
        using var _ = input;
        using (reader)
        {
            input.Write("\e[1;");
            input.Write("5A");
            reader.Start();
            Poll.Until(() => events.Count == 1, TimeSpan.FromSeconds(5), "Ctrl+Up");
            input.Write("\e[");
            Poll.Until(() => events.Count == 3, TimeSpan.FromSeconds(5), "Esc and '[' after the bounded wait");
        }
        Assert.That(events, Is.EqualTo(new TerminalEvent[]
        {
            new KeyEvent(Key.Of(KeyCode.Up, KeyMods.Ctrl)), new KeyEvent(Key.Of(KeyCode.Escape)), new KeyEvent(Key.Char('[')),
        }));
    }

    [Test]
    public void A_paused_reader_does_not_read_and_resumes_after()
    {
        var (reader, input, events) = Open();
        using var _ = input;
        using (reader)
        {
            reader.Start();
            reader.Pause();
            input.ChildOwnsTerminal = true;
            input.Write("xy");
            var polls = reader.Polls;
            Poll.Until(() => reader.Polls > polls + 5, TimeSpan.FromSeconds(5), "several rounds while paused");
            Assert.That(input.TouchedWhileChildOwnsTerminal, Is.False, "a paused reader never reads the terminal");
            Assert.That(input.Queued, Is.EqualTo(1), "the input stays for the child");
            input.ChildOwnsTerminal = false;
            reader.Resume();
            Poll.Until(() => events.Count == 2, TimeSpan.FromSeconds(5), "the keys after resuming");
        }
    }

    [Test]
    public void Closed_input_is_reported_once()
    {
        var input = new QueueInput();
        using var _ = input;
        var closed = 0;
        using var reader = new InputReader(input, _ => { }, _ => Interlocked.Increment(ref closed));
        reader.Start();
        input.Close();
        Poll.Until(() => Volatile.Read(ref closed) == 1, TimeSpan.FromSeconds(5), "the close");
    }
}
