using System.Text;
using System.Text.Json;

namespace Yoi.Core.Tickets;

public sealed record AcceptedPlan(string Summary, string? Branch, string? Worktree, string? RolePlan);

/// <summary>One line of <c>artifacts/orchestration-plan.jsonl</c>. Records never change state or start work.</summary>
public sealed record OrchestrationPlanRecord(
    string Id, string TicketId, string Kind, string? RelatedTicket, string? Note, AcceptedPlan? AcceptedPlan, string Author, string At);

/// <summary>Parsing, validating and rendering orchestration-plan records.</summary>
public static class OrchestrationPlan
{
    public const string FileName = "orchestration-plan.jsonl";
    public static readonly string[] Kinds =
        ["before", "after", "blocked_by", "blocks", "conflicts_with", "do_not_parallelize", "waiting_capacity_note", "accepted_plan"];
    private static readonly string[] Fields = ["id", "ticket_id", "kind", "related_ticket", "note", "accepted_plan", "author", "at"];
    private static readonly string[] PlanFields = ["summary", "branch", "worktree", "role_plan"];

    public static IReadOnlyList<OrchestrationPlanRecord> Parse(string text, string owner)
    {
        var records = new List<OrchestrationPlanRecord>();
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var where = $"orchestration-plan.jsonl:{lineNo}";
            try
            {
                using var doc = JsonDocument.Parse(line);
                records.Add(Read(doc.RootElement, where, owner));
            }
            catch (JsonException ex)
            {
                throw Schema($"{where} is not valid JSON: {ex.Message}");
            }
        }
        return records;
    }

    public static void Validate(OrchestrationPlanRecord r, string owner, string where = "orchestration plan record")
    {
        if (r.TicketId != owner) throw Schema($"{where} ticket_id {r.TicketId} is not the owning Ticket {owner}");
        if (Array.IndexOf(Kinds, r.Kind) < 0) throw Schema($"{where} kind '{r.Kind}' is not one of {string.Join(", ", Kinds)}");
        if (Array.IndexOf(Kinds, r.Kind) < 6 && string.IsNullOrEmpty(r.RelatedTicket)) throw Schema($"{where} kind {r.Kind} requires related_ticket");
        if (r.RelatedTicket is not null && !TicketId.IsValid(r.RelatedTicket)) throw Schema($"{where} related_ticket '{r.RelatedTicket}' is not a Ticket id");
        if (r.Kind == "waiting_capacity_note" && string.IsNullOrWhiteSpace(r.Note)) throw Schema($"{where} kind waiting_capacity_note requires note");
        if (r.Kind == "accepted_plan" && r.AcceptedPlan is null) throw Schema($"{where} kind accepted_plan requires accepted_plan");
        if (r.Kind != "accepted_plan" && r.AcceptedPlan is not null) throw Schema($"{where} kind {r.Kind} must not carry accepted_plan");
        foreach (var (name, value) in new[] { ("id", r.Id), ("author", r.Author), ("at", r.At), ("branch", r.AcceptedPlan?.Branch), ("worktree", r.AcceptedPlan?.Worktree) })
            if (value is not null && (value.Length == 0 || value.Contains('\n', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(value) > 1024))
                throw Schema($"{where}.{name} must be a non-empty single line of at most 1 KiB");
        foreach (var (name, value) in new[] { ("note", r.Note), ("summary", r.AcceptedPlan?.Summary), ("role_plan", r.AcceptedPlan?.RolePlan) })
            if (value is not null && Encoding.UTF8.GetByteCount(value) > ThreadEvents.MaxBodyBytes) throw Schema($"{where}.{name} exceeds 16 KiB");
    }

    public static string RenderLine(OrchestrationPlanRecord r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("ticket_id", r.TicketId);
            w.WriteString("kind", r.Kind);
            if (r.RelatedTicket is not null) w.WriteString("related_ticket", r.RelatedTicket);
            if (r.Note is not null) w.WriteString("note", r.Note);
            if (r.AcceptedPlan is { } plan)
            {
                w.WriteStartObject("accepted_plan");
                w.WriteString("summary", plan.Summary);
                if (plan.Branch is not null) w.WriteString("branch", plan.Branch);
                if (plan.Worktree is not null) w.WriteString("worktree", plan.Worktree);
                if (plan.RolePlan is not null) w.WriteString("role_plan", plan.RolePlan);
                w.WriteEndObject();
            }
            w.WriteString("author", r.Author);
            w.WriteString("at", r.At);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static OrchestrationPlanRecord Read(JsonElement e, string where, string owner)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Schema($"{where} must be an object");
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(Fields, p.Name) < 0) throw Schema($"{where} has unknown field `{p.Name}`");
        AcceptedPlan? plan = null;
        if (e.TryGetProperty("accepted_plan", out var ap) && ap.ValueKind != JsonValueKind.Null)
        {
            if (ap.ValueKind != JsonValueKind.Object) throw Schema($"{where}.accepted_plan must be an object");
            foreach (var p in ap.EnumerateObject())
                if (Array.IndexOf(PlanFields, p.Name) < 0) throw Schema($"{where}.accepted_plan has unknown field `{p.Name}`");
            plan = new AcceptedPlan(Str(ap, "summary", where)!, Str(ap, "branch", where, true), Str(ap, "worktree", where, true), Str(ap, "role_plan", where, true));
        }
        var record = new OrchestrationPlanRecord(Str(e, "id", where)!, Str(e, "ticket_id", where)!, Str(e, "kind", where)!,
            Str(e, "related_ticket", where, true), Str(e, "note", where, true), plan, Str(e, "author", where)!, Str(e, "at", where)!);
        Validate(record, owner, where);
        return record;
    }

    private static string? Str(JsonElement item, string name, string where, bool optional = false)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return optional ? null : throw Schema($"{where} is missing `{name}`");
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Schema($"{where}.{name} must be a string");
    }

    private static TicketException Schema(string message) => new(TicketErrorKind.Schema, message);
}
