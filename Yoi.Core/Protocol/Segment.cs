using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>One piece of a <c>run</c> input, tagged by <c>kind</c>. Unknown kinds decode as <see cref="UnknownSegment"/> (lossy).</summary>
[JsonConverter(typeof(SegmentConverter))]
public abstract record Segment
{
    public abstract string Kind { get; }

    /// <summary>What the agent sees: text/paste verbatim, @path, #slug, a "Workflow: slug" line, "[unknown input segment]".</summary>
    public abstract string ToText();

    public static string Flatten(IEnumerable<Segment> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments) builder.Append(segment.ToText());
        return builder.ToString();
    }
}

public sealed record TextSegment(string Content) : Segment
{
    public override string Kind => "text";
    public override string ToText() => Content;
}

public sealed record PasteSegment(uint Id, uint Chars, uint Lines, string Content) : Segment
{
    public override string Kind => "paste";
    public override string ToText() => Content;
}

public sealed record FileRefSegment(string Path) : Segment
{
    public override string Kind => "file_ref";
    public override string ToText() => "@" + Path;
}

public sealed record KnowledgeRefSegment(string Slug) : Segment
{
    public override string Kind => "knowledge_ref";
    public override string ToText() => "#" + Slug;
}

/// <summary>Flattens to a line naming the workflow, not "/slug": agent CLIs would take that for a slash command of their own.</summary>
public sealed record WorkflowInvokeSegment(string Slug) : Segment
{
    public override string Kind => "workflow_invoke";
    public override string ToText() => $"Workflow: {Slug} (the yoi agent guide, docs/agents.md, describes it)\n\n";
}

public sealed record UnknownSegment : Segment
{
    public override string Kind => "unknown";
    public override string ToText() => "[unknown input segment]";
}

/// <summary>Reads any kind (unknown → <see cref="UnknownSegment"/>); writes <c>kind</c> first, then the fields in order.</summary>
public sealed class SegmentConverter : JsonConverter<Segment>
{
    public override Segment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("segment must be an object");
        string Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : throw new JsonException($"segment field `{name}` must be a string");
        uint Num(string name) => root.TryGetProperty(name, out var v) && v.TryGetUInt32(out var n)
            ? n : throw new JsonException($"segment field `{name}` must be an unsigned integer");
        var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        return kind switch
        {
            "text" => new TextSegment(Str("content")),
            "paste" => new PasteSegment(Num("id"), Num("chars"), Num("lines"), Str("content")),
            "file_ref" => new FileRefSegment(Str("path")),
            "knowledge_ref" => new KnowledgeRefSegment(Str("slug")),
            "workflow_invoke" => new WorkflowInvokeSegment(Str("slug")),
            null => throw new JsonException("segment has no `kind`"),
            _ => new UnknownSegment(),
        };
    }

    public override void Write(Utf8JsonWriter writer, Segment value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind);
        switch (value)
        {
            case TextSegment t:
                writer.WriteString("content", t.Content);
                break;
            case PasteSegment p:
                writer.WriteNumber("id", p.Id);
                writer.WriteNumber("chars", p.Chars);
                writer.WriteNumber("lines", p.Lines);
                writer.WriteString("content", p.Content);
                break;
            case FileRefSegment f:
                writer.WriteString("path", f.Path);
                break;
            case KnowledgeRefSegment kn:
                writer.WriteString("slug", kn.Slug);
                break;
            case WorkflowInvokeSegment w:
                writer.WriteString("slug", w.Slug);
                break;
        }
        writer.WriteEndObject();
    }
}
