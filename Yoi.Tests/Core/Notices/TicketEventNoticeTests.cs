using Yoi.Core.Notices;

namespace Yoi.Tests.Core.Notices;

public class TicketEventNoticeTests
{
    [Test]
    public void Notice_follows_the_template_line_by_line()
    {
        var notice = TicketEventNotice.Build("00001KSKBP8Z8", "Fix the panel", "inprogress", "state/queued->inprogress",
            "started work", ".yoi/tickets/00001KSKBP8Z8/item.md");
        Assert.That(notice, Is.EqualTo(
            "Ticket event notice (weak; auto_run=false)\nticket: 00001KSKBP8Z8\ntitle: Fix the panel\nstate: inprogress\n" +
            "event: state/queued->inprogress\nsummary: started work\nref: .yoi/tickets/00001KSKBP8Z8/item.md"));
    }

    [Test]
    public void Fields_are_bounded_and_control_characters_removed()
    {
        var title = "タイトル\u0007 " + new string('長', 200);
        var summary = "line one\n\tline two " + new string('s', 400);
        var notice = TicketEventNotice.Build("T", title, "ready", "comment/\u001bplan", summary, "ref");
        var lines = notice.Split('\n');
        Assert.That(lines[2]["title: ".Length..], Has.Length.EqualTo(TicketEventNotice.TitleLimit).And.EndWith("…"));
        Assert.That(lines[2], Does.Not.Contain("\u0007"));
        Assert.That(lines[4], Is.EqualTo("event: comment/plan"));
        Assert.That(lines[5], Does.StartWith("summary: line one line two s"));
        Assert.That(lines[5]["summary: ".Length..], Has.Length.EqualTo(TicketEventNotice.SummaryLimit));
        Assert.That(notice, Has.Length.LessThanOrEqualTo(TicketEventNotice.MessageLimit));
    }

    [Test]
    public void The_whole_message_never_exceeds_768_characters()
    {
        var huge = new string('x', 5000);
        var notice = TicketEventNotice.Build(huge, huge, huge, huge, huge, huge);
        Assert.That(notice, Has.Length.LessThanOrEqualTo(768).And.EndWith("…"));
    }
}
