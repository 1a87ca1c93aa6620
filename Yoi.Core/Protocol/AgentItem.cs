using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yoi.Core.Protocol;

/// <summary>
/// (ours) One thing an agent CLI reported in its structured output, tagged by <c>kind</c>: a tool call (name and a
/// bounded one-line summary of its input), a tool result (status and a bounded summary), the final result (usage and
/// cost when reported), or a note for an agent event yoi does not map (bounded, never dropped).
/// </summary>
[JsonConverter(typeof(AgentItemConverter))]
public abstract record AgentItem
{
    /// <summary>One line for people (the attached view, <c>yoi pod log</c>).</summary>
    public abstract string Describe();
}

public sealed record ToolUseItem(string ToolUseId, string Name, string Summary) : AgentItem
{
    public override string Describe() => Summary.Length == 0 ? $"{Name}" : $"{Name}: {Summary}";
}

public sealed record ToolResultItem(string ToolUseId, bool IsError, string Summary) : AgentItem
{
    public override string Describe() => (IsError ? "failed" : "ok") + (Summary.Length == 0 ? "" : $": {Summary}");
}

public sealed record AgentResultItem(bool IsError, string Summary, AgentUsage? Usage = null) : AgentItem
{
    public override string Describe()
    {
        var head = IsError ? "result: error" : "result: done";
        if (IsError && Summary.Length > 0) head += $" — {Summary}";
        return Usage?.Describe() is { Length: > 0 } usage ? $"{head} · {usage}" : head;
    }
}

public sealed record AgentNoteItem(string Type, string Summary) : AgentItem
{
    public override string Describe() => $"agent event {Type}" + (Summary.Length == 0 ? "" : $": {Summary}");
}

/// <summary>An agent item of a kind this reader does not know: kept opaque.</summary>
public sealed record UnknownAgentItem(string ItemKind, JsonElement Raw) : AgentItem
{
    public override string Describe() => "agent item " + KindTaggedConverter<AgentItem>.Describe(ItemKind, Raw);
}

/// <summary>What the agent reported for its turn; absent numbers were not reported.</summary>
public sealed record AgentUsage(long? InputTokens = null, long? OutputTokens = null, double? CostUsd = null, long? DurationMs = null, int? Turns = null)
{
    public string Describe()
    {
        var parts = new List<string>();
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        if (Turns is { } t) parts.Add(string.Create(ci, $"{t} step{(t == 1 ? "" : "s")}"));
        if (InputTokens is not null || OutputTokens is not null) parts.Add(string.Create(ci, $"{InputTokens ?? 0} in / {OutputTokens ?? 0} out tokens"));
        if (CostUsd is { } c) parts.Add(string.Create(ci, $"${c:0.0000}"));
        if (DurationMs is { } d) parts.Add(string.Create(ci, $"{d / 1000.0:0.0} s"));
        return string.Join(" · ", parts);
    }
}

public sealed class AgentItemConverter : KindTaggedConverter<AgentItem>
{
    private static readonly (string, Type)[] Table =
    [
        ("tool_use", typeof(ToolUseItem)),
        ("tool_result", typeof(ToolResultItem)),
        ("result", typeof(AgentResultItem)),
        ("note", typeof(AgentNoteItem)),
    ];

    protected override IReadOnlyList<(string Kind, Type Type)> Kinds => Table;

    protected override AgentItem Opaque(string kind, JsonElement raw) => new UnknownAgentItem(kind, raw);

    protected override JsonElement? RawOf(AgentItem value) => value is UnknownAgentItem u ? u.Raw : null;
}
