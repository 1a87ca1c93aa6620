using System.Text;
using System.Text.Json;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Cli;

/// <summary>The <c>--json</c> shapes of list, show and doctor (pretty-printed, snake_case).</summary>
internal static class TicketJson
{
    public static string List(string filter, int count, IReadOnlyList<TicketSummary> rows, int limit, IReadOnlyList<InvalidTicketRecord> invalid) => Write(w =>
    {
        w.WriteString("state_filter", filter);
        w.WriteNumber("count", count);
        w.WriteNumber("returned", rows.Count);
        w.WriteBoolean("truncated", rows.Count < count);
        w.WriteNumber("limit", limit);
        w.WriteStartArray("tickets");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("title", TicketListCommands.Cut(r.Meta.Title, 96));
            w.WriteString("state", r.Meta.State.Name());
            w.WriteString("updated_at", r.Meta.UpdatedAt);
            w.WriteString("hints", TicketListCommands.Hints(r));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("invalid");
        foreach (var bad in invalid)
        {
            w.WriteStartObject();
            w.WriteString("label", bad.Label);
            w.WriteString("reason", bad.Reason);
            w.WriteString("detail", bad.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static string Show(TicketRecord r, RelationView view) => Write(w =>
    {
        w.WriteString("id", r.Id);
        w.WriteString("title", r.Meta.Title);
        w.WriteString("state", r.Meta.State.Name());
        w.WriteString("created_at", r.Meta.CreatedAt);
        w.WriteString("updated_at", r.Meta.UpdatedAt);
        w.WriteStartObject("frontmatter");
        foreach (var (key, value) in r.Frontmatter.Fields)
        {
            if (value.List is { } list)
            {
                w.WriteStartArray(key);
                foreach (var item in list) w.WriteStringValue(item);
                w.WriteEndArray();
            }
            else if (value.Text is null) w.WriteNull(key);
            else w.WriteString(key, value.Text);
        }
        w.WriteEndObject();
        w.WriteString("body", r.Frontmatter.Body);
        w.WriteStartArray("events");
        foreach (var e in r.Events)
        {
            w.WriteStartObject();
            w.WriteString("kind", e.Kind);
            foreach (var (key, value) in e.Attributes) w.WriteString(key, value);
            w.WriteString("heading", e.Heading);
            w.WriteString("body", e.Body);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("artifacts");
        foreach (var a in r.Artifacts) w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteStartObject("relations");
        w.WriteStartArray("outgoing");
        foreach (var o in view.Outgoing) { w.WriteStartObject(); w.WriteString("kind", o.Kind); w.WriteString("target", o.Target); w.WriteString("note", o.Note); w.WriteString("author", o.Author); w.WriteString("at", o.At); w.WriteEndObject(); }
        w.WriteEndArray();
        w.WriteStartArray("incoming");
        foreach (var i in view.Incoming) { w.WriteStartObject(); w.WriteString("kind", i.InverseKind); w.WriteString("source", i.Source); w.WriteString("author", i.Author); w.WriteString("at", i.At); w.WriteEndObject(); }
        w.WriteEndArray();
        w.WriteStartArray("blockers");
        foreach (var b in view.Blockers) { w.WriteStartObject(); w.WriteString("ticket", b.Ticket); w.WriteString("reason", b.Reason); w.WriteString("state", b.State.Name()); w.WriteEndObject(); }
        w.WriteEndArray();
        w.WriteStartArray("notices");
        foreach (var n in view.Notices) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("resolution", r.Resolution);
    });

    public static string Doctor(DoctorReport report) => Write(w =>
    {
        w.WriteBoolean("ok", report.Ok);
        w.WriteNumber("error_count", report.ErrorCount);
        w.WriteNumber("diagnostic_count", report.Diagnostics.Count);
        w.WriteStartArray("diagnostics");
        foreach (var d in report.Diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("severity", d.SeverityName);
            w.WriteString("message", d.Message);
            w.WriteString("path", d.Path);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
