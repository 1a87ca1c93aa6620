using Yoi.Core.Protocol;

namespace Yoi.Core.Engines;

/// <summary>What one turn gives the engine: the flattened user input (if any) and the drained notification texts.</summary>
public sealed record EngineTurn(string? UserText, IReadOnlyList<string> NotificationMessages, IReadOnlyList<string> NotificationBodies)
{
    /// <summary>The engine input: notification bodies first, then the user text, separated by blank lines.</summary>
    public string Input => string.Join("\n\n", NotificationBodies.Append(UserText ?? "").Where(t => t.Length > 0));
}

public enum EngineOutcome { Finished, Error, Cancelled }

public sealed record EngineResult(EngineOutcome Outcome, string? Message = null)
{
    public static readonly EngineResult Finished = new(EngineOutcome.Finished);
    public static readonly EngineResult Cancelled = new(EngineOutcome.Cancelled);
    public static EngineResult Error(string message) => new(EngineOutcome.Error, message);
}

/// <summary>Where an engine reports output while a turn runs. Implementations are thread-safe.</summary>
public interface IEngineSink
{
    void TextDelta(string text);

    /// <summary>A structured item the agent reported (tool call, tool result, final result, note). The text streamed
    /// before it is committed first, so the session log keeps the order the agent worked in.</summary>
    void Item(AgentItem item);

    /// <summary>A diagnostic line: written to the Pod log and, within a per-turn bound, shown as an alert.</summary>
    void Diagnostic(string line);
}

/// <summary>Runs turns. Cancellation (cancel, pause, shutdown) must end the turn promptly with <see cref="EngineResult.Cancelled"/>.</summary>
public interface IEngine
{
    /// <summary>The greeting's <c>provider</c>.</summary>
    string Name { get; }

    /// <summary>The greeting's <c>model</c>.</summary>
    string Detail { get; }

    Task<EngineResult> RunTurnAsync(EngineTurn turn, IEngineSink sink, CancellationToken cancellationToken);
}
