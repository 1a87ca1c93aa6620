using System.Text;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

public class SessionLogTests
{
    [Test]
    public void Entries_round_trip_one_per_line()
    {
        using var dir = new TempDir();
        var log = new SessionLog(dir.Combine("s", "g.jsonl"), TimeProvider.System);
        log.Append(new UserInputEntry([new TextSegment("hi")]) { Ts = "t1" });
        log.Append(new NotifyQueuedEntry("id1", "notification", "note") { Ts = "t2" });
        var lines = File.ReadAllLines(log.Path);
        Assert.That(lines, Is.EqualTo(new[]
        {
            """{"kind":"user_input","segments":[{"kind":"text","content":"hi"}],"ts":"t1"}""",
            """{"kind":"notify_queued","id":"id1","notify_kind":"notification","message":"note","ts":"t2"}""",
        }));
        var read = SessionLog.Read(log.Path);
        Assert.That(read.Damage, Is.Null);
        Assert.That(read.Entries, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_torn_tail_is_ignored_reported_and_cut_before_the_next_append()
    {
        using var dir = new TempDir();
        var path = dir.Combine("g.jsonl");
        var log = new SessionLog(path, TimeProvider.System);
        log.Append(new TurnEndEntry(1) { Ts = "t" });
        File.AppendAllText(path, """{"kind":"turn_end","tur""", Encoding.UTF8);
        var read = SessionLog.Read(path);
        Assert.That(read.Entries, Has.Count.EqualTo(1));
        Assert.That(read.Damage, Does.Contain("torn tail").And.Contain(path));
        SessionLog.TruncateTo(path, read.GoodLength);
        log.Append(new TurnEndEntry(2) { Ts = "t" });
        var again = SessionLog.Read(path);
        Assert.That(again.Damage, Is.Null);
        Assert.That(again.Entries.OfType<TurnEndEntry>().Select(t => t.TurnCount), Is.EqualTo(new[] { 1, 2 }));
    }
}
