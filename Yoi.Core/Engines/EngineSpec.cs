using System.Text.Json;
using Yoi.Core.Paths;

namespace Yoi.Core.Engines;

/// <summary>
/// Who the engine runs for: the values behind the <c>YOI_*</c> environment and the argv placeholders;
/// <see cref="AgentSessionId"/> is the agent's conversation id from Pod metadata (null before the first turn),
/// <see cref="RecordAgentSession"/> stores a new one there, <see cref="ToolsDir"/> is put first on the agent's PATH
/// (it holds the <c>yoi</c> the agent runs), and <see cref="AgentGroup"/> records the agent's process group
/// (<see cref="AgentGroup"/>; null = not recorded).
/// </summary>
public sealed record EngineContext(string PodName, string SocketPath, string? Role, string WorkspaceRoot, string? Ticket, string SessionId,
    string? AgentSessionId = null, Action<string>? RecordAgentSession = null, string? ToolsDir = null, AgentGroup? AgentGroup = null,
    string? WorkDir = null, PodExecutable? Launcher = null)
{
    /// <summary>The <c>yoi</c> that starts the agent (<c>yoi __agent-exec</c>): <see cref="Launcher"/> when given (a test
    /// names the build it runs), else this process's own (<see cref="PodExecutable.Resolve"/>).</summary>
    public PodExecutable AgentLauncherExecutable => Launcher ?? PodExecutable.Resolve();

    /// <summary>Where the agent runs: the child's own worktree for a delegated child (<see cref="WorkDir"/>), else the workspace.</summary>
    public string AgentDirectory => WorkDir is { } own && Directory.Exists(own) ? own
        : Directory.Exists(WorkspaceRoot) ? WorkspaceRoot : Environment.CurrentDirectory;
}

/// <summary>Thrown for an engine spec that cannot be used; <see cref="Key"/> is the field (null: the whole spec).</summary>
public sealed class EngineSpecException(string message, string? key = null) : YoiException(message)
{
    public string? Key => key;
}

/// <summary>
/// The resolved engine of a profile, passed by the launcher as <c>--engine-spec-json</c>; the same object as the
/// profile in the config: <c>{"engine":"echo","delay_ms":N}</c>, <c>{"engine":"command","command":[…],
/// "resume_command":[…]}</c>, or a preset <c>{"engine":"claude"|"codex", "executable", "model", "args",
/// "allowed_tools", "permission_mode", "env"}</c>.
/// </summary>
public abstract record EngineSpec
{
    public static readonly EngineSpec Default = new EchoSpec(EchoEngine.DefaultDelay);
    public static readonly string[] Engines = ["echo", "command", "claude", "codex"];
    private static readonly string[] PresetKeys = ["engine", "executable", "model", "args", "allowed_tools", "permission_mode", "env"];

    public abstract IEngine Create(EngineContext context, TimeProvider time, TextWriter log);

    /// <summary>The program each turn runs (null for the built-in echo engine).</summary>
    public abstract string? Program { get; }

    /// <summary>How to install <see cref="Program"/> when it is missing (null: the user's own command).</summary>
    public virtual string? InstallHint => null;

    public static EngineSpec Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Default;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException ex) { throw new EngineSpecException($"--engine-spec-json is not valid JSON: {ex.Message}"); }
        using (doc)
        {
            try
            {
                return FromJson(doc.RootElement);
            }
            catch (EngineSpecException ex)
            {
                throw new EngineSpecException($"--engine-spec-json{(ex.Key is { } k ? $" `{k}`" : "")}: {ex.Message}", ex.Key);
            }
        }
    }

    /// <summary>Reads a profile object; errors name the key (<see cref="EngineSpecException.Key"/>) and the fix.</summary>
    public static EngineSpec FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new EngineSpecException("must be a JSON object like {\"engine\":\"echo\"}");
        var engine = root.TryGetProperty("engine", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        string[] allowed = engine switch
        {
            "echo" => ["engine", "delay_ms"],
            "command" => ["engine", "command", "resume_command"],
            "claude" or "codex" => PresetKeys,
            null => throw new EngineSpecException("is required: \"echo\", \"command\", \"claude\" or \"codex\"", "engine"),
            _ => throw new EngineSpecException($"names an unknown engine `{engine}`; use one of {string.Join(", ", Engines)}", "engine"),
        };
        foreach (var property in root.EnumerateObject())
            if (Array.IndexOf(allowed, property.Name) < 0)
                throw new EngineSpecException($"is not a key of engine \"{engine}\"; allowed: {string.Join(", ", allowed)}", property.Name);
        return engine switch
        {
            "echo" => new EchoSpec(ReadDelay(root)),
            "command" => new CommandSpec(ReadArgv(root, "command", required: true)!, ReadArgv(root, "resume_command", required: false)),
            _ => new PresetSpec(engine, new AgentOptions(
                ReadString(root, "executable"), ReadString(root, "model"), ReadStrings(root, "args"), ReadStrings(root, "allowed_tools"),
                ReadString(root, "permission_mode"), ReadEnv(root))),
        };
    }

    private static TimeSpan ReadDelay(JsonElement root)
    {
        if (!root.TryGetProperty("delay_ms", out var d)) return EchoEngine.DefaultDelay;
        if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var ms) || ms < 0 || ms > 60_000)
            throw new EngineSpecException("must be an integer from 0 to 60000", "delay_ms");
        return TimeSpan.FromMilliseconds(ms);
    }

    private static IReadOnlyList<string>? ReadArgv(JsonElement root, string key, bool required)
    {
        if (!root.TryGetProperty(key, out var c))
            return required ? throw new EngineSpecException("is required: the engine needs a non-empty array of strings (the argv; no shell)", key) : null;
        if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0
            || c.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String) || string.IsNullOrEmpty(c[0].GetString()))
            throw new EngineSpecException("must be a non-empty array of strings (the argv; no shell)", key);
        return c.EnumerateArray().Select(x => x.GetString()!).ToList();
    }

    private static string? ReadString(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length == 0) throw new EngineSpecException("must be a non-empty string", key);
        return v.GetString();
    }

    private static IReadOnlyList<string>? ReadStrings(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            throw new EngineSpecException("must be an array of strings", key);
        return v.EnumerateArray().Select(x => x.GetString()!).ToList();
    }

    private static IReadOnlyDictionary<string, string>? ReadEnv(JsonElement root)
    {
        if (!root.TryGetProperty("env", out var v)) return null;
        if (v.ValueKind != JsonValueKind.Object || v.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String || p.Name.Length == 0 || p.Name.Contains('=')))
            throw new EngineSpecException("must be an object of environment variables to strings, like {\"ANTHROPIC_API_KEY\": \"…\"}", "env");
        return v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}

public sealed record EchoSpec(TimeSpan Delay) : EngineSpec
{
    public override IEngine Create(EngineContext context, TimeProvider time, TextWriter log) => new EchoEngine(Delay, time);
    public override string? Program => null;
}

/// <summary>The generic engine: <see cref="Command"/> for the first turn, <see cref="ResumeCommand"/> (when set) after it.</summary>
public sealed record CommandSpec(IReadOnlyList<string> Command, IReadOnlyList<string>? ResumeCommand = null) : EngineSpec
{
    public override IEngine Create(EngineContext context, TimeProvider time, TextWriter log) =>
        new CommandEngine(AgentCommand.Plain(Command, ResumeCommand), context, time);

    public override string? Program => Command[0];

    public bool Equals(CommandSpec? other) => other is not null && Command.SequenceEqual(other.Command)
        && (ResumeCommand ?? []).SequenceEqual(other.ResumeCommand ?? []) && ResumeCommand is null == other.ResumeCommand is null;
    public override int GetHashCode() => Command.Count;
}

/// <summary>An agent preset (<c>claude</c>, <c>codex</c>) with the profile's options.</summary>
public sealed record PresetSpec(string Engine, AgentOptions Options) : EngineSpec
{
    public AgentCommand Command => Engine switch
    {
        "claude" => ClaudePreset.Build(Options),
        _ => CodexPreset.Build(Options),
    };

    public override IEngine Create(EngineContext context, TimeProvider time, TextWriter log) => new CommandEngine(Command, context, time);

    public override string? Program => Command.Program;

    public override string? InstallHint => Command.InstallHint;
}
