using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Yoi.Core.Launch;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Corpus;

/// <summary>
/// <c>relations.json</c> (pretty-printed, two-space indent, trailing newline) and <c>orchestration-plan.jsonl</c> lines
/// (compact) in the shape the real records have, with non-ASCII text unescaped. Written here, not by the product.
/// </summary>
internal static class ArtifactJson
{
    private static readonly JavaScriptEncoder Raw = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Relations(IEnumerable<TicketRelation> relations) => Json(indented: true, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("version", 1);
        w.WriteStartArray("relations");
        foreach (var r in relations)
        {
            w.WriteStartObject();
            w.WriteString("ticket_id", r.TicketId);
            w.WriteString("kind", r.Kind);
            w.WriteString("target", r.Target);
            if (r.Note is not null) w.WriteString("note", r.Note);
            w.WriteString("author", r.Author);
            w.WriteString("at", r.At);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static string PlanLine(OrchestrationPlanRecord r) => Json(indented: false, w =>
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
    });

    private static string Json(bool indented, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = Raw })) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
