namespace Yoi.Core.Engines;

/// <summary>
/// What <see cref="CommandEngine"/> runs for one engine: the argv of the first turn and of later turns (null = the
/// first turn's argv every time), extra environment, the parser of the agent's stdout, and how to install the
/// program when it is missing. Argv placeholders: <c>{session_id}</c> (the Pod's session), <c>{agent_session_id}</c>
/// (the agent's own conversation id once known, else the Pod's session id), <c>{pod}</c>, <c>{workspace}</c>.
/// </summary>
public sealed record AgentCommand(
    string Name,
    IReadOnlyList<string> FirstTurn,
    IReadOnlyList<string>? LaterTurns,
    IReadOnlyDictionary<string, string> Environment,
    Func<IEngineSink, IOutputParser> Parser,
    string? InstallHint = null)
{
    public string Program => FirstTurn[0];

    /// <summary>A plain command: stdout lines are assistant text.</summary>
    public static AgentCommand Plain(IReadOnlyList<string> command, IReadOnlyList<string>? resume = null) =>
        new("command", command, resume, new Dictionary<string, string>(), sink => new PlainLineParser(sink));
}

/// <summary>Turns one turn's stdout lines into sink calls; <see cref="Outcome"/> may refine the process result.</summary>
public interface IOutputParser
{
    void Line(string line);

    /// <summary>The agent's own conversation id when its output named one (e.g. Claude's init, Codex's thread).</summary>
    string? AgentSessionId { get; }

    /// <summary>After exit: an error the agent reported in its output (null = judge by the exit code).</summary>
    string? ReportedError { get; }
}

/// <summary>Every stdout line is assistant text.</summary>
public sealed class PlainLineParser(IEngineSink sink) : IOutputParser
{
    public void Line(string line) => sink.TextDelta(line + "\n");
    public string? AgentSessionId => null;
    public string? ReportedError => null;
}
