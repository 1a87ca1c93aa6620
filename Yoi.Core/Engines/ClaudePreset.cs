namespace Yoi.Core.Engines;

/// <summary>
/// Claude Code (<c>claude</c>, npm package <c>@anthropic-ai/claude-code</c>): <c>-p --output-format stream-json
/// --verbose --include-partial-messages</c>, the input on stdin; the first turn creates the conversation under the
/// Pod's session id (<c>--session-id</c>), later turns and restores continue exactly that one (<c>--resume</c>).
/// </summary>
public static class ClaudePreset
{
    public const string Package = "@anthropic-ai/claude-code";

    /// <summary>Without <c>allowed_tools</c> the agent may read and search, and run yoi itself (tickets, peers, Pods).</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedTools = ["Bash(yoi *)", "Read", "Grep", "Glob"];

    public static AgentCommand Build(AgentOptions options)
    {
        var program = options.Executable ?? "claude";
        List<string> Turn(params string[] conversation)
        {
            var argv = new List<string> { program, "-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages" };
            argv.AddRange(conversation);
            if (options.Model is { } model) argv.AddRange(["--model", model]);
            if (options.PermissionMode is { } mode) argv.AddRange(["--permission-mode", mode]);
            argv.AddRange(options.ExtraArgs);
            var tools = options.AllowedTools ?? DefaultAllowedTools;
            if (tools.Count > 0)
            {
                argv.Add("--allowedTools");
                argv.AddRange(tools);
            }
            return argv;
        }
        return new AgentCommand("claude", Turn("--session-id", "{session_id}"), Turn("--resume", "{agent_session_id}"),
            options.Environment, sink => new ClaudeStreamParser(sink),
            $"install Claude Code with `npm install -g {Package}` (or set the profile's `executable`)");
    }
}
