using System.Text.Json;
using static Yoi.Core.Runtime.Engines.AgentText;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// What the structured-output parsers share: one JSON object per stdout line, dispatched by its <c>type</c>; a line
/// that is not JSON is plain text; a type the parser does not know becomes a bounded note, never dropped.
/// </summary>
public abstract class JsonLinesParser(IEngineSink sink) : IOutputParser
{
    protected IEngineSink Sink => sink;

    public string? AgentSessionId { get; protected set; }
    public string? ReportedError { get; protected set; }

    public void Line(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            if (line.Trim().Length > 0) sink.TextDelta(line + "\n");
            return;
        }
        using (doc) OnEvent(Str(doc.RootElement, "type") ?? "", doc.RootElement, line);
    }

    /// <summary>One parsed line; <paramref name="line"/> is its raw text (for notes).</summary>
    protected abstract void OnEvent(string type, JsonElement root, string line);

    /// <summary>A type this parser does not turn into anything richer: a bounded one-line note.</summary>
    protected void Note(string type, string line) => sink.Item(new Protocol.AgentNoteItem(type.Length == 0 ? "(untyped)" : type, OneLine(line)));
}
