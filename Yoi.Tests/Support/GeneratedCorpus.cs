using Yoi.Core.Tickets;

namespace Yoi.Tests.Support;

/// <summary>
/// A deterministic Ticket corpus written with the product's own renderers (frontmatter, thread events, relations, plan
/// lines): every state, threads of 1–6 events whose bodies hold inline HTML comments, unclosed <c>&lt;!--</c> lines,
/// Japanese text, CRLF tails and trailing text after the last event, relations between neighbours, plan records,
/// resolutions and artifacts. Plain writes (fixture set-up, not the product's write path).
/// </summary>
public static class GeneratedCorpus
{
    private static readonly string[] States = ["planning", "ready", "queued", "inprogress", "done", "closed"];

    public static string IdOf(int index) => TicketId.Encode(1_900_000_000_000UL + (ulong)index * 1000);

    /// <summary>Writes <paramref name="count"/> records under <paramref name="root"/>; returns the count.</summary>
    public static int Write(string root, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = IdOf(i);
            var dir = Path.Combine(root, id);
            Directory.CreateDirectory(Path.Combine(dir, "artifacts"));
            var at = $"2026-06-{1 + i % 28:00}T{i % 24:00}:00:00Z";
            var fields = new List<KeyValuePair<string, FrontmatterValue>>
            {
                new("title", FrontmatterValue.Of(i % 5 == 0 ? $"日本語のタイトル {i}" : $"Generated ticket {i}")),
                new("state", FrontmatterValue.Of(States[i % States.Length])),
                new("created_at", FrontmatterValue.Of(at)),
                new("updated_at", FrontmatterValue.Of(at)),
            };
            if (i % 3 == 0) fields.Add(new("risk_flags", FrontmatterValue.Of(["migration", $"flag-{i % 4}"])));
            if (i % 4 == 0) fields.Add(new("readiness", FrontmatterValue.Of("clear enough")));
            File.WriteAllText(Path.Combine(dir, "item.md"), Frontmatter.Render(fields, $"## Goal\n\nBody of ticket {i}.\n"));
            File.WriteAllText(Path.Combine(dir, "thread.md"), Thread(i, at));
            var relations = new List<TicketRelation>();
            if (i % 4 == 1) relations.Add(new TicketRelation(id, "depends_on", IdOf(i - 1), "generated", "gen", at));
            if (i % 7 == 3 && i >= 3) relations.Add(new TicketRelation(id, "blocks", IdOf(i - 3), null, "gen", at));
            if (relations.Count > 0) File.WriteAllText(Path.Combine(dir, "artifacts", TicketRelations.FileName), TicketRelations.Render(relations));
            if (i % 6 == 2)
                File.WriteAllText(Path.Combine(dir, "artifacts", OrchestrationPlan.FileName),
                    OrchestrationPlan.RenderLine(new OrchestrationPlanRecord($"plan-{i}-a", id, "after", IdOf(i - 1), "after the previous", null, "gen", at)) + "\n" +
                    OrchestrationPlan.RenderLine(new OrchestrationPlanRecord($"plan-{i}-b", id, "waiting_capacity_note", null, "one at a time", null, "gen", at)) + "\n");
            if (i % 6 == 5) File.WriteAllText(Path.Combine(dir, "resolution.md"), $"Resolved {i}.\n");
            if (i % 5 == 1) File.WriteAllText(Path.Combine(dir, "artifacts", "notes.txt"), "notes\n");
        }
        return count;
    }

    private static string Thread(int i, string at)
    {
        var text = ThreadEvents.Render(new NewThreadEvent("create", [new("author", "gen"), new("at", at)], "Created", "Ticket created."), first: true);
        var events = 1 + i % 6;
        for (var e = 1; e < events; e++)
        {
            var body = ((e + i) % 4) switch
            {
                0 => $"Comment {e} with <!-- an inline comment --> in it.",
                1 => $"# heading line\nline one of {e}\n<!-- not closed on purpose\nline three",
                2 => $"日本語のコメント {e}。\n\n  indented text  ",
                _ => $"plain comment {e}",
            };
            var kind = e % 3 == 0 ? "state_changed" : "comment";
            IReadOnlyList<KeyValuePair<string, string>> attributes = kind == "state_changed"
                ? [new("author", "gen"), new("at", at), new("from", "planning"), new("to", "ready"), new("reason", "generated move"), new("field", "state")]
                : [new("author", $"author {e}"), new("at", at)];
            text += ThreadEvents.Render(new NewThreadEvent(kind, attributes, ThreadEvents.Heading(kind), body), first: false);
        }
        return (i % 9) switch
        {
            4 => text + "\ntrailing text after the last event\n<!-- a trailing comment that is not an event\n",
            7 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
            _ => text,
        };
    }
}
