using System.Text;
using System.Text.Json;

namespace Yoi.Core.Tickets;

/// <summary>A forward relation stored in <c>artifacts/relations.json</c>.</summary>
public sealed record TicketRelation(string TicketId, string Kind, string Target, string? Note, string Author, string At);

/// <summary>An incoming relation seen from its target, with the inverse kind.</summary>
public sealed record DerivedRelation(string Source, string InverseKind, string Kind, string? Note, string Author, string At);

/// <summary>An unresolved prerequisite that blocks queueing.</summary>
public sealed record TicketBlocker(string Ticket, string Reason, TicketState State)
{
    public override string ToString() => $"{Ticket} via {Reason} (state: {State.Name()})";
}

/// <summary>Relations of one Ticket: outgoing, incoming (inverse), blockers and notices.</summary>
public sealed record RelationView(
    IReadOnlyList<TicketRelation> Outgoing,
    IReadOnlyList<DerivedRelation> Incoming,
    IReadOnlyList<TicketBlocker> Blockers,
    IReadOnlyList<string> Notices);

/// <summary>Reading, validating and writing <c>relations.json</c>, and deriving the relation view.</summary>
public static class TicketRelations
{
    public const string FileName = "relations.json";
    public static readonly string[] Kinds = ["depends_on", "blocks", "related", "supersedes", "duplicate_of"];
    private static readonly string[] Fields = ["ticket_id", "kind", "target", "note", "author", "at"];

    public static string Inverse(string kind) => kind switch
    {
        "depends_on" => "dependency_of",
        "blocks" => "blocked_by",
        "supersedes" => "superseded_by",
        "duplicate_of" => "duplicated_by",
        _ => kind,
    };

    /// <summary>Parses and validates; throws a Schema error naming the problem.</summary>
    public static IReadOnlyList<TicketRelation> Parse(string json, string owner)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException ex) { throw Schema($"relations.json is not valid JSON: {ex.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Schema("relations.json must be an object");
            foreach (var p in root.EnumerateObject())
                if (p.Name is not ("version" or "relations")) throw Schema($"relations.json has unknown field `{p.Name}`");
            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetRawText() != "1")
                throw Schema("relations.json version must be 1");
            if (!root.TryGetProperty("relations", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Schema("relations.json needs a `relations` array");
            var result = new List<TicketRelation>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var where = $"relations[{index++}]";
                if (item.ValueKind != JsonValueKind.Object) throw Schema($"{where} must be an object");
                foreach (var p in item.EnumerateObject())
                    if (Array.IndexOf(Fields, p.Name) < 0) throw Schema($"{where} has unknown field `{p.Name}`");
                var relation = new TicketRelation(Str(item, "ticket_id", where)!, Str(item, "kind", where)!, Str(item, "target", where)!,
                    Str(item, "note", where, optional: true), Str(item, "author", where)!, Str(item, "at", where)!);
                Validate(relation, owner, where);
                if (result.Any(r => r.Kind == relation.Kind && r.Target == relation.Target))
                    throw Schema($"{where} repeats {relation.Kind} -> {relation.Target}");
                result.Add(relation);
            }
            return result;
        }
    }

    public static void Validate(TicketRelation relation, string owner, string where = "relation")
    {
        if (relation.TicketId != owner) throw Schema($"{where} ticket_id {relation.TicketId} is not the owning Ticket {owner}");
        if (Array.IndexOf(Kinds, relation.Kind) < 0)
            throw Schema($"{where} kind '{relation.Kind}' is not one of {string.Join(", ", Kinds)}");
        if (!TicketId.IsValid(relation.Target)) throw Schema($"{where} target '{relation.Target}' is not a Ticket id");
        if (relation.Target == owner) throw Schema($"{where} points at its own Ticket {owner}");
        SingleLine(relation.Author, "author", where);
        SingleLine(relation.At, "at", where);
        if (relation.Note is not null && Encoding.UTF8.GetByteCount(relation.Note) > ThreadEvents.MaxBodyBytes)
            throw Schema($"{where} note exceeds 16 KiB");
    }

    public static string Render(IEnumerable<TicketRelation> relations)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteStartArray("relations");
            foreach (var r in Sorted(relations))
            {
                writer.WriteStartObject();
                writer.WriteString("ticket_id", r.TicketId);
                writer.WriteString("kind", r.Kind);
                writer.WriteString("target", r.Target);
                if (r.Note is not null) writer.WriteString("note", r.Note);
                writer.WriteString("author", r.Author);
                writer.WriteString("at", r.At);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static IEnumerable<TicketRelation> Sorted(IEnumerable<TicketRelation> relations) =>
        relations.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.At, StringComparer.Ordinal);

    /// <summary>
    /// Builds the view for <paramref name="id"/> from every Ticket's relations and states. A missing Ticket
    /// counts as planning (so it blocks).
    /// </summary>
    public static RelationView View(string id, IReadOnlyDictionary<string, IReadOnlyList<TicketRelation>> all,
        IReadOnlyDictionary<string, TicketState> states) => new RelationIndex(all, states).View(id);

    private static string? Str(JsonElement item, string name, string where, bool optional = false)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return optional ? null : throw Schema($"{where} is missing `{name}`");
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Schema($"{where}.{name} must be a string");
    }

    private static void SingleLine(string value, string name, string where)
    {
        if (value.Length == 0 || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(value) > 1024)
            throw Schema($"{where}.{name} must be a non-empty single line of at most 1 KiB");
    }

    private static TicketException Schema(string message) => new(TicketErrorKind.Schema, message);
}
