namespace Yoi.Core.Config;

/// <summary>The commented starter <c>.yoi/config.json</c> that <c>yoi init</c> writes.</summary>
public static class StarterConfig
{
    public const string Text = """
        // yoi workspace config. Comments and trailing commas are allowed; unknown keys are errors.
        // User-wide defaults may live in <config dir>/config.json; this file wins.
        {
          "tickets": {
            "root": ".yoi/tickets",
            // "language": "ja",   // record language for generated Ticket text (en when unset)
          },
          "orchestration": { "branch": "orchestration", "worktree": ".worktree/orchestration" },
          "profiles": {
            "default": { "engine": "echo" },
            // "claude": { "engine": "claude" },   // Claude Code; options: model, args, allowed_tools, permission_mode, env
            // "codex":  { "engine": "codex" },    // Codex CLI; the same options (docs/agents.md)
            // "mine":   { "engine": "command", "command": ["my-agent", "{session_id}"], "resume_command": ["my-agent", "--continue", "{agent_session_id}"] },
          },
          "roles": {
            "companion":    { "profile": "default" },
            "orchestrator": { "profile": "default", "workflow": "ticket-orchestrator-routing" },
            "intake":       { "profile": "default", "workflow": "ticket-intake-workflow" },
          },
          "panel": { "autostart": ["companion", "orchestrator"] },
        }

        """;
}
