using Yoi.Core.Tickets;

namespace Yoi.Tests.Core.Tickets;

public class ThreadEventsTests
{
    [Test]
    public void State_change_with_a_spaced_reason_round_trips_with_quoting()
    {
        var text = ThreadEvents.Render(new NewThreadEvent("state_changed",
            [new("author", "yoi ticket"), new("at", "2026-06-14T15:23:27Z"), new("from", "ready"), new("to", "queued"),
             new("reason", "a \"quoted\" \\ reason"), new("field", "state")], "State changed", "body"), first: true);
        Assert.That(text.Split('\n')[0], Is.EqualTo(
            "<!-- event: state_changed author: \"yoi ticket\" at: 2026-06-14T15:23:27Z from: ready to: queued reason: \"a \\\"quoted\\\" \\\\ reason\" field: state -->"));
        var ev = ThreadEvents.Parse(text).Single();
        Assert.Multiple(() =>
        {
            Assert.That(ev.Kind, Is.EqualTo("state_changed"));
            Assert.That(ev.Author, Is.EqualTo("yoi ticket"));
            Assert.That(ev.Reason, Is.EqualTo("a \"quoted\" \\ reason"));
            Assert.That(ev.Heading, Is.EqualTo("State changed"));
            Assert.That(ev.Body, Is.EqualTo("body"));
        });
    }

    [Test]
    public void Legacy_kinds_and_colon_values_parse()
    {
        const string text = "<!-- event: migration author: hare at: 2026-05-01T00:00:00Z -->\n\n## migration\n\nmoved\n\n---\n\n"
            + "<!-- event: closed author: reviewer:yoi-r at: 2026-05-02T00:00:00Z result: approve -->\n\n## Closed\n\ndone\n\n---\n";
        var events = ThreadEvents.Parse(text);
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { "migration", "close" }));
        Assert.That(events[1].Author, Is.EqualTo("reviewer:yoi-r"));
        Assert.That(events[1].Attribute("result"), Is.EqualTo("approve"));
    }

    [TestCase("bad\nauthor")]
    [TestCase("evil-->")]
    public void Bad_attribute_values_are_refused_before_writing(string author)
    {
        var ex = Assert.Throws<TicketException>(() => ThreadEvents.Render(new NewThreadEvent("comment", [new("author", author)], "Comment", "x"), first: false));
        Assert.That(ex!.Kind, Is.EqualTo(TicketErrorKind.Conflict));
    }
}
