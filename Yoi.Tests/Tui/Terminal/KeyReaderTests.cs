using System.Collections.Concurrent;
using Yoi.Tests.Support;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Terminal;

public class KeyReaderTests
{
    /// <summary>Stands in for the console's input queue.</summary>
    private sealed class QueueSource : IKeySource
    {
        public readonly ConcurrentQueue<ConsoleKeyInfo> Pending = new();
        public volatile bool ChildOwnsTerminal;
        public volatile bool TouchedWhileChildOwnsTerminal;
        public bool KeyAvailable
        {
            get
            {
                if (ChildOwnsTerminal) TouchedWhileChildOwnsTerminal = true;
                return !Pending.IsEmpty;
            }
        }
        public ConsoleKeyInfo ReadKey() => Pending.TryDequeue(out var key) ? key : throw new InvalidOperationException("no key");
        public void Type(string text)
        {
            foreach (var c in text) Pending.Enqueue(new ConsoleKeyInfo(c, 0, false, false, false));
        }
    }

    [Test]
    public void Keys_are_decoded_and_delivered_in_order()
    {
        var source = new QueueSource();
        var keys = new ConcurrentQueue<Key>();
        using var reader = new KeyReader(keys.Enqueue, source);
        reader.Start();
        source.Type("a日\r");
        Poll.Until(() => keys.Count == 3, TimeSpan.FromSeconds(5), "three keys");
        Assert.That(keys, Is.EqualTo(new[] { Key.Char('a'), Key.Char("日"), Key.Of(KeyCode.Enter) }));
    }

    [Test]
    public void A_paused_reader_does_not_touch_the_input_and_resumes_after()
    {
        var source = new QueueSource();
        var keys = new ConcurrentQueue<Key>();
        using var reader = new KeyReader(keys.Enqueue, source);
        reader.Start();
        reader.Pause();
        source.ChildOwnsTerminal = true;
        source.Type("xy");
        var polls = reader.Polls;
        Poll.Until(() => reader.Polls > polls + 5, TimeSpan.FromSeconds(5), "several polling rounds while paused");
        Assert.That(source.TouchedWhileChildOwnsTerminal, Is.False, "a paused reader never asks the console for keys");
        Assert.That(source.Pending, Has.Count.EqualTo(2), "input stays queued for the child");
        source.ChildOwnsTerminal = false;
        reader.Resume();
        Poll.Until(() => keys.Count == 2, TimeSpan.FromSeconds(5), "keys after resume");
    }

    [Test]
    public void A_character_outside_the_bmp_arrives_as_one_key()
    {
        var source = new QueueSource();
        var keys = new ConcurrentQueue<Key>();
        using var reader = new KeyReader(keys.Enqueue, source);
        source.Type("👍");
        reader.Start();
        Poll.Until(() => !keys.IsEmpty, TimeSpan.FromSeconds(5), "the emoji key");
        Assert.That(keys.Single(), Is.EqualTo(Key.Char("👍")));
    }

    [Test]
    public void Esc_followed_at_once_by_a_key_is_that_key_with_alt_and_a_lone_esc_stays_esc()
    {
        var source = new QueueSource();
        var keys = new ConcurrentQueue<Key>();
        using var reader = new KeyReader(keys.Enqueue, source);
        source.Type("\e\r");
        reader.Start();
        Poll.Until(() => keys.Count == 1, TimeSpan.FromSeconds(5), "Alt+Enter");
        source.Type("\e");
        Poll.Until(() => keys.Count == 2, TimeSpan.FromSeconds(5), "a lone Esc");
        Assert.That(keys, Is.EqualTo(new[] { Key.Of(KeyCode.Enter, KeyMods.Alt), Key.Of(KeyCode.Escape) }));
    }
}
