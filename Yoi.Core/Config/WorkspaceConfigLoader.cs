using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Yoi.Core.Config;

/// <summary>
/// Loads <c>.yoi/config.json</c> and the user's <c>&lt;config&gt;/config.json</c> (comments and trailing commas
/// allowed), validates each against the schema (type errors are errors, with their JSON path; unknown keys are
/// ignored with a warning in <see cref="WorkspaceConfig.Warnings"/>), merges them over the defaults (workspace wins;
/// objects merge, arrays and scalars replace) and checks references.
/// </summary>
public static class WorkspaceConfigLoader
{
    public const string DefaultTicketsRoot = ".yoi/tickets";

    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static string WorkspaceFile(string workspaceRoot) => Path.Combine(workspaceRoot, ".yoi", "config.json");

    /// <summary>The defaults as JSON (echo engine for every role).</summary>
    public static JsonObject Defaults() => new()
    {
        ["tickets"] = new JsonObject { ["root"] = DefaultTicketsRoot },
        ["orchestration"] = new JsonObject { ["branch"] = "orchestration", ["worktree"] = ".worktree/orchestration" },
        ["profiles"] = new JsonObject { ["default"] = new JsonObject { ["engine"] = "echo" } },
        ["roles"] = new JsonObject
        {
            ["companion"] = new JsonObject { ["profile"] = "default" },
            ["orchestrator"] = new JsonObject { ["profile"] = "default", ["workflow"] = "ticket-orchestrator-routing" },
            ["intake"] = new JsonObject { ["profile"] = "default", ["workflow"] = "ticket-intake-workflow" },
        },
        ["panel"] = new JsonObject { ["autostart"] = new JsonArray("companion", "orchestrator") },
    };

    /// <summary>Loads the merged config. <paramref name="userConfigFile"/> may be null or missing.</summary>
    public static WorkspaceConfig Load(string workspaceRoot, string? userConfigFile)
    {
        var root = Path.GetFullPath(workspaceRoot);
        var merged = Defaults();
        var warnings = new List<string>();
        if (userConfigFile is not null) Merge(merged, ReadFile(userConfigFile, warnings));
        var workspaceFile = WorkspaceFile(root);
        Merge(merged, ReadFile(workspaceFile, warnings));
        var source = File.Exists(workspaceFile) ? workspaceFile : userConfigFile ?? workspaceFile;
        return Build(root, merged, source) with { Warnings = warnings };
    }

    /// <summary>Parses and validates one file (a missing file is an empty object); ignored unknown keys go to <paramref name="warnings"/>.</summary>
    private static JsonObject ReadFile(string file, List<string> warnings)
    {
        if (Directory.Exists(file)) throw new ConfigException(file, "$", "is a directory, not a JSON file; remove it or move it away");
        if (!File.Exists(file)) return [];
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new ConfigException(file, "$", $"cannot be read: {ex.Message}");
        }
        return Parse(file, text, warnings);
    }

    private static JsonObject Parse(string file, string text, List<string> warnings)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, NodeOptions, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigException(file, ex.Path ?? "$", $"invalid JSON at line {ex.LineNumber + 1}: {ex.Message.Split('.')[0]}");
        }
        if (node is not JsonObject obj) throw new ConfigException(file, "$", "must be a JSON object");
        var schema = new ConfigSchema(file);
        schema.Validate(obj);
        warnings.AddRange(schema.Warnings);
        return obj;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            if (value is JsonObject sourceObj && target[key] is JsonObject targetObj && key != "command")
                Merge(targetObj, sourceObj);
            else target[key] = value?.DeepClone();
        }
    }

    private static WorkspaceConfig Build(string root, JsonObject merged, string source)
    {
        string Str(JsonNode? n) => n!.GetValue<string>();
        var tickets = merged["tickets"]!.AsObject();
        var orchestration = merged["orchestration"]!.AsObject();
        var profiles = merged["profiles"]!.AsObject().ToDictionary(p => p.Key, p => new ProfileConfig(
            Str(p.Value!["engine"]), p.Value!["command"]?.AsArray().Select(Str).ToList() ?? [],
            p.Value!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = Protocol.ProtocolJson.Encoder })), StringComparer.Ordinal);
        var roles = merged["roles"]!.AsObject().ToDictionary(r => r.Key, r => new RoleConfig(
            Str(r.Value!["profile"] ?? "default"), r.Value!["workflow"] is { } w ? Str(w) : null), StringComparer.Ordinal);
        foreach (var (name, role) in roles)
            if (!profiles.ContainsKey(role.Profile))
                throw new ConfigException(source, $"$.roles.{name}.profile", $"profile '{role.Profile}' is not defined under \"profiles\"; define it or use \"default\"");
        foreach (var (name, profile) in profiles) ConfigSchema.ValidateEngine(source, $"$.profiles.{name}", profile.SpecJson);
        var ticketsRoot = Str(tickets["root"]);
        return new WorkspaceConfig(root,
            Path.GetFullPath(Path.IsPathRooted(ticketsRoot) ? ticketsRoot : Path.Combine(root, ticketsRoot)),
            tickets["language"] is { } lang ? Str(lang) : null,
            Str(orchestration["branch"]), Str(orchestration["worktree"]),
            profiles, roles, merged["panel"]!["autostart"]!.AsArray().Select(Str).ToList())
        {
            Notify = merged["panel"]!["notify"] switch
            {
                null => [WorkspaceConfig.NotifyBell, WorkspaceConfig.NotifyDesktop],
                JsonArray list => list.Select(Str).Where(v => v != WorkspaceConfig.NotifyNone).ToList(),
                var one => Str(one) == WorkspaceConfig.NotifyNone ? [] : [Str(one)],
            },
            Mouse = merged["panel"]!["mouse"]?.GetValue<bool>() ?? true,
            WorktreeSetup = merged["worktree"]?["setup"]?.AsArray().Select(Str).ToList() ?? [],
        };
    }
}
