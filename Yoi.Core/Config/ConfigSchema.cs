using System.Text.Json;
using System.Text.Json.Nodes;
using Yoi.Core.Engines;

namespace Yoi.Core.Config;

/// <summary>
/// Validates one config file against the schema in storage.md, naming the JSON path of every problem. An unknown key
/// (a typo like <c>"pannel"</c>) is not an error: it is removed and reported in <see cref="Warnings"/>, so the rest
/// of the config still applies (docs/tickets.md, "Workspace config").
/// </summary>
internal sealed class ConfigSchema(string file)
{
    private readonly List<string> _warnings = [];

    /// <summary>One line per ignored unknown key: file, JSON path, the allowed keys.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Validate(JsonObject root)
    {
        Keys(root, "$", "tickets", "orchestration", "profiles", "roles", "panel", "worktree");
        if (Obj(root, "tickets", "$") is { } tickets)
        {
            Keys(tickets, "$.tickets", "root", "language");
            NonEmpty(tickets, "root", "$.tickets");
            NonEmpty(tickets, "language", "$.tickets");
        }
        if (Obj(root, "orchestration", "$") is { } orchestration)
        {
            Keys(orchestration, "$.orchestration", "branch", "worktree");
            if (NonEmpty(orchestration, "branch", "$.orchestration") is { } branch && BranchProblem(branch) is { } problem)
                throw Error("$.orchestration.branch", $"'{branch}' is not a valid branch name: {problem}");
            if (NonEmpty(orchestration, "worktree", "$.orchestration") is { } worktree
                && (Path.IsPathRooted(worktree) || worktree.Split('/').Any(p => p is "." or ".." or "")))
                throw Error("$.orchestration.worktree", $"'{worktree}' must be a relative path without '.', '..' or empty components");
        }
        if (Obj(root, "profiles", "$") is { } profiles)
            foreach (var (name, value) in profiles)
            {
                var path = $"$.profiles.{name}";
                if (value is not JsonObject profile) throw Error(path, "must be an object like {\"engine\": \"echo\"}");
                ValidateEngine(file, path, profile.ToJsonString());
            }
        if (Obj(root, "roles", "$") is { } roles)
        {
            Keys(roles, "$.roles", WorkspaceConfig.RoleNames);
            foreach (var (name, value) in roles)
            {
                var path = $"$.roles.{name}";
                if (value is not JsonObject role) throw Error(path, "must be an object like {\"profile\": \"default\"}");
                Keys(role, path, "profile", "workflow");
                NonEmpty(role, "profile", path);
                NonEmpty(role, "workflow", path);
            }
        }
        if (Obj(root, "worktree", "$") is { } worktreeConfig)
        {
            Keys(worktreeConfig, "$.worktree", "setup");
            if (worktreeConfig["setup"] is { } setup)
            {
                if (setup is not JsonArray commands) throw Error("$.worktree.setup", "must be an array of shell command lines");
                for (var i = 0; i < commands.Count; i++)
                    if (commands[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Trim().Length == 0)
                        throw Error($"$.worktree.setup[{i}]", "must be a non-empty shell command line");
            }
        }
        if (Obj(root, "panel", "$") is { } panel)
        {
            Keys(panel, "$.panel", "autostart", "notify", "mouse");
            if (panel["mouse"] is { } mouse && mouse.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                throw Error("$.panel.mouse", "must be true or false");
            if (panel["notify"] is { } notify)
            {
                JsonNode?[] values = notify is JsonArray list ? [.. list] : [notify];
                for (var i = 0; i < values.Length; i++)
                    if (values[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String
                        || v.GetValue<string>() is not (WorkspaceConfig.NotifyBell or WorkspaceConfig.NotifyDesktop or WorkspaceConfig.NotifyNone))
                        throw Error(notify is JsonArray ? $"$.panel.notify[{i}]" : "$.panel.notify", "must be \"bell\", \"desktop\" or \"none\" (or an array of them)");
            }
            if (panel["autostart"] is { } autostart)
            {
                if (autostart is not JsonArray array) throw Error("$.panel.autostart", "must be an array of role names");
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String
                        || v.GetValue<string>() is not (WorkspaceConfig.Companion or WorkspaceConfig.Orchestrator))
                        throw Error($"$.panel.autostart[{i}]", "must be \"companion\" or \"orchestrator\"");
            }
        }
    }

    /// <summary>A profile is an engine spec: one reader (EngineSpec) validates it, errors carry the profile's JSON path.</summary>
    public static void ValidateEngine(string file, string path, string profileJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(profileJson);
            Engines.EngineSpec.FromJson(doc.RootElement);
        }
        catch (Engines.EngineSpecException ex)
        {
            throw new ConfigException(file, ex.Key is { } key ? $"{path}.{key}" : path, ex.Message);
        }
    }

    /// <summary>Git short branch name rules (docs/original-panel.md §1.11); null when valid.</summary>
    public static string? BranchProblem(string b)
    {
        if (b.StartsWith('-')) return "must not start with '-'";
        if (b.StartsWith("refs/", StringComparison.Ordinal)) return "use a short name, not refs/…";
        if (b.StartsWith('/') || b.EndsWith('/') || b.Contains("//", StringComparison.Ordinal)) return "bad '/' placement";
        if (b.Contains("..", StringComparison.Ordinal) || b.Contains("@{", StringComparison.Ordinal) || b == "@") return "contains '..', '@{' or is '@'";
        if (b.EndsWith('.')) return "must not end with '.'";
        if (b.Split('/').Any(c => c.StartsWith('.') || c.EndsWith(".lock", StringComparison.Ordinal))) return "a component starts with '.' or ends with '.lock'";
        if (b.Any(c => char.IsControl(c) || c == ' ' || "~^:?*[\\".Contains(c, StringComparison.Ordinal))) return "contains a space, control character or one of ~^:?*[\\";
        return null;
    }

    private void Keys(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => Array.IndexOf(allowed, k) < 0).ToList())
        {
            obj.Remove(key);
            _warnings.Add($"{file}: {path}.{key}: unknown key, ignored; allowed keys here: {string.Join(", ", allowed)}");
        }
    }

    private JsonObject? Obj(JsonObject parent, string key, string path) => parent[key] switch
    {
        null when !parent.ContainsKey(key) => null,
        JsonObject o => o,
        _ => throw Error($"{path}.{key}", "must be an object"),
    };

    private string? NonEmpty(JsonObject obj, string key, string path)
    {
        if (!obj.ContainsKey(key)) return null;
        if (obj[key] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            throw Error($"{path}.{key}", "must be a string");
        var s = v.GetValue<string>();
        return s.Trim().Length == 0 ? throw Error($"{path}.{key}", "must not be empty") : s;
    }

    private ConfigException Error(string path, string reason) => new(file, path, reason);
}
