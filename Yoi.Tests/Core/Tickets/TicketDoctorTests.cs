using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Tickets;

public class TicketDoctorTests
{
    [Test]
    public void Doctor_reports_core_consistency_problems_with_paths()
    {
        using var dir = new TempDir();
        var root = dir.Combine(".yoi", "tickets");
        Directory.CreateDirectory(root);
        var store = new TicketStore(root, new TicketStoreOptions { Time = TickingClock.Create() });
        var a = store.Create(new NewTicket("a"));
        var b = store.Create(new NewTicket("b"));
        store.AddRelation(a, "depends_on", b);
        store.AddRelation(b, "depends_on", a);
        Directory.CreateDirectory(Path.Combine(root, "open"));
        var item = Path.Combine(root, a, "item.md");
        File.WriteAllText(item, File.ReadAllText(item).Replace("state: 'planning'\n", "workflow_state: intake\nkind: 'task'\n", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(root, b, "thread.md"),
            "\n<!-- event: state_changed author: x at: 2026-01-01T00:00:00Z to: ready -->\n\n## State changed\n\nx\n\n---\n<!-- event: review author: x\n");
        var messages = TicketDoctor.Run(store).Diagnostics.Select(d => $"{d.SeverityName}: {d.Message.Replace(root, "<root>", StringComparison.Ordinal)}").ToList();
        Assert.That(messages, Is.EquivalentTo(new[]
        {
            "error: legacy ticket bucket remains: <root>/open",
            $"warning: legacy 'workflow_state: intake' is read as planning; replace that line with \"state: 'planning'\": <root>/{a}/item.md",
            $"error: obsolete current frontmatter field 'kind': <root>/{a}/item.md",
            $"error: malformed thread event comment at <root>/{b}/thread.md:16",
            $"error: state_changed event missing from: <root>/{b}/thread.md:9",
            $"error: state_changed event missing reason: <root>/{b}/thread.md:9",
            $"error: ticket relation dependency/blocking cycle: {a} -> {b} -> {a}",
        }));
        Assert.That(store.Show(a).Meta.State, Is.EqualTo(TicketState.Planning));
    }
}
