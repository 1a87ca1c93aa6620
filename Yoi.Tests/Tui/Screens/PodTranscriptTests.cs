using Yoi.Core.Protocol;
using Yoi.Tui.Screens;

namespace Yoi.Tests.Tui.Screens;

public class PodTranscriptTests
{
    private const string Ts = "2026-06-20T12:00:00.000Z";

    [Test]
    public void Snapshot_entries_become_user_assistant_and_system_items_and_bookkeeping_is_skipped()
    {
        var transcript = new PodTranscript();
        transcript.Load(
        [
            new SegmentStartEntry("s", "g", "alpha") { Ts = Ts },
            new InvokeEntry(InvokeKind.UserSend) { Ts = Ts },
            new UserInputEntry([new TextSegment("look at "), new FileRefSegment("src/a.cs")]) { Ts = Ts },
            new AssistantItemEntry("done") { Ts = Ts },
            new SystemItemEntry(new NotificationItem("build green", "[Notification]…")) { Ts = Ts },
            new SystemItemEntry(new PodEventItem(new ErroredPodEvent("beta", "boom"), "…")) { Ts = Ts },
            new SystemItemEntry(new NotificationOverflowItem(3, "…")) { Ts = Ts },
            new NotifyQueuedEntry("n1", "notification", "later") { Ts = Ts },
            new TurnEndEntry(1) { Ts = Ts },
            new RunCompletedEntry(true, RunResult.Paused) { Ts = Ts },
            new RunErroredEntry(false, "engine exited 2") { Ts = Ts },
        ]);
        Assert.That(transcript.Items, Is.EqualTo(new[]
        {
            new TranscriptItem(TranscriptKind.User, "look at @src/a.cs"),
            new TranscriptItem(TranscriptKind.Assistant, "done"),
            new TranscriptItem(TranscriptKind.Notification, "notification: build green"),
            new TranscriptItem(TranscriptKind.PodEvent, "pod `beta` errored: boom"),
            new TranscriptItem(TranscriptKind.System, "3 queued notifications were dropped (queue full)"),
            new TranscriptItem(TranscriptKind.System, "run paused — :resume continues, :cancel ends it"),
            new TranscriptItem(TranscriptKind.Error, "run failed: engine exited 2"),
        }));
    }

    [Test]
    public void Text_deltas_stream_into_one_item_that_text_done_replaces_once()
    {
        var transcript = new PodTranscript();
        transcript.Apply(new UserMessageEvent([new TextSegment("hi")]));
        transcript.Apply(new TextDeltaEvent("ec"));
        transcript.Apply(new TextDeltaEvent("ho"));
        Assert.That(transcript.Streaming, Is.EqualTo("echo"));
        Assert.That(transcript.Lines(40).Select(l => l.Text).Last(), Is.EqualTo("  echo▍"));
        transcript.Apply(new TextDoneEvent("echo: hi"));
        transcript.Apply(new RunEndEvent(RunResult.Finished));
        Assert.That(transcript.Streaming, Is.Null);
        Assert.That(transcript.Items.Select(i => (i.Kind, i.Text)), Is.EqualTo(new[]
        {
            (TranscriptKind.User, "hi"), (TranscriptKind.Assistant, "echo: hi"),
        }));
    }

    [Test]
    public void Loading_a_new_snapshot_replaces_the_history()
    {
        var transcript = new PodTranscript();
        transcript.Apply(new TextDeltaEvent("partial"));
        transcript.Load([new UserInputEntry([new TextSegment("again")]) { Ts = Ts }]);
        Assert.That(transcript.Items, Has.Count.EqualTo(1));
        Assert.That(transcript.Streaming, Is.Null);
    }

    [Test]
    public void Long_items_wrap_with_a_hanging_indent_and_users_get_a_blank_line_before_them()
    {
        var transcript = new PodTranscript();
        transcript.Add(TranscriptKind.Assistant, "first");
        transcript.Add(TranscriptKind.User, "one two three four five six");
        Assert.That(transcript.Lines(14).Select(l => l.Text), Is.EqualTo(new[] { "  first", "", "› one two", "  three four", "  five six" }));
    }
}
