namespace Yoi.Core.Engines;

/// <summary>
/// Codex CLI (<c>codex</c>, npm package <c>@openai/codex</c>): <c>exec --json</c> with the input on stdin (<c>-</c>).
/// Codex picks its own conversation id and reports it (<c>thread.started</c>); yoi stores it in Pod metadata and
/// later turns and restores continue exactly that one (<c>exec resume &lt;id&gt;</c>). <c>allowed_tools</c> has no
/// Codex equivalent; <c>permission_mode</c> is passed as <c>--sandbox</c> (default <c>workspace-write</c>). Commands run in a
/// non-login shell (<c>allow_login_shell=false</c>) so the Pod's PATH, with its <c>yoi</c>, reaches them.
/// </summary>
public static class CodexPreset
{
    public const string Package = "@openai/codex";

    public static AgentCommand Build(AgentOptions options)
    {
        var program = options.Executable ?? "codex";
        List<string> Options()
        {
            // A login shell resets PATH from the system profile, which would hide the Pod's `yoi` from the agent.
            var argv = new List<string> { "--json", "--skip-git-repo-check", "-c", "allow_login_shell=false" };
            if (options.Model is { } model) argv.AddRange(["--model", model]);
            argv.AddRange(["--sandbox", options.PermissionMode ?? "workspace-write"]);
            argv.AddRange(options.ExtraArgs);
            return argv;
        }
        List<string> first = [program, "exec", .. Options(), "-"];
        List<string> later = [program, "exec", .. Options(), "resume", "{agent_session_id}", "-"];
        return new AgentCommand("codex", first, later, options.Environment, sink => new CodexJsonParser(sink),
            $"install Codex with `npm install -g {Package}` (or set the profile's `executable`)");
    }
}
