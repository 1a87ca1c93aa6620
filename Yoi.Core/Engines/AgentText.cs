using System.Text.Json;

namespace Yoi.Core.Engines;

/// <summary>Bounded one-line summaries of what agents report (tool inputs, tool output, unknown events).</summary>
public static class AgentText
{
    public const int SummaryLimit = 160;

    /// <summary>Collapses whitespace runs (newlines included) to one space and cuts at <paramref name="limit"/> with "…".</summary>
    public static string OneLine(string? text, int limit = SummaryLimit) => Text.TextBounds.OneLine(text, limit);

    /// <summary>The most telling field of a tool input (command, path, pattern, url, …), else its compact JSON.</summary>
    public static string ToolInput(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object) return OneLine(input.ValueKind == JsonValueKind.Undefined ? "" : input.GetRawText());
        foreach (var key in new[] { "command", "cmd", "file_path", "path", "pattern", "url", "query", "description", "prompt" })
            if (input.TryGetProperty(key, out var value))
                return OneLine(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        return OneLine(input.GetRawText());
    }

    /// <summary>The text of a tool result's content: a string, or the text blocks of a list.</summary>
    public static string Content(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => OneLine(content.GetString()),
        JsonValueKind.Array => OneLine(string.Join(" ", content.EnumerateArray()
            .Where(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(b => b.GetProperty("text").GetString()))),
        JsonValueKind.Undefined or JsonValueKind.Null => "",
        _ => OneLine(content.GetRawText()),
    };

    public static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Long(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : null;

    public static double? Double(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public static bool Bool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static JsonElement Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;
}
