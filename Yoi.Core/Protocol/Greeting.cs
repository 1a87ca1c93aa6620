namespace Yoi.Core.Protocol;

/// <summary>Who the Pod is; sent in every snapshot. <c>provider</c> is the engine name, <c>model</c> the engine detail.</summary>
public sealed record Greeting(
    string PodName,
    string Cwd,
    string Provider,
    string Model,
    string ScopeSummary,
    IReadOnlyList<string> Tools,
    ulong ContextWindow = 0,
    ulong ContextTokens = 0,
    string? Role = null,
    string? WorkspaceRoot = null);

/// <summary>A user-facing alert; buffered (512) and replayed first on every connection.</summary>
public sealed record Alert(AlertLevel Level, AlertSource Source, string Message, long TimestampMs);
