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
            // "claude": { "engine": "command", "command": ["claude", "-p", "--session-id", "{session_id}"] },
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
