using System.Text.Json;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// Who the engine runs for: the values behind the <c>YOI_*</c> environment and the argv placeholders, and where the
/// agent's process group is recorded (<see cref="Pods.AgentGroup"/>; null = not recorded).
/// </summary>
public sealed record EngineContext(string PodName, string SocketPath, string? Role, string WorkspaceRoot, string? Ticket, string SessionId,
    Pods.AgentGroup? AgentGroup = null);

/// <summary>Thrown for an engine spec that cannot be used; the message names the field and the fix.</summary>
public sealed class EngineSpecException(string message) : Exception(message);

/// <summary>
/// The resolved engine of a profile, passed by the launcher as <c>--engine-spec-json</c>:
/// <c>{"engine":"echo","delay_ms":N}</c> or <c>{"engine":"command","command":["argv",...]}</c>.
/// </summary>
public abstract record EngineSpec
{
    public static readonly EngineSpec Default = new EchoSpec(EchoEngine.DefaultDelay);

    public abstract IEngine Create(EngineContext context, TimeProvider time, TextWriter log);

    public static EngineSpec Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Default;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException ex) { throw new EngineSpecException($"--engine-spec-json is not valid JSON: {ex.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new EngineSpecException("--engine-spec-json must be a JSON object like {\"engine\":\"echo\"}");
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("engine" or "delay_ms" or "command"))
                    throw new EngineSpecException($"--engine-spec-json has an unknown key `{property.Name}`; allowed: engine, delay_ms, command");
            }
            var engine = root.TryGetProperty("engine", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return engine switch
            {
                "echo" => new EchoSpec(ReadDelay(root)),
                "command" => new CommandSpec(ReadCommand(root)),
                null => throw new EngineSpecException("--engine-spec-json needs a string `engine`: \"echo\" or \"command\""),
                _ => throw new EngineSpecException($"--engine-spec-json names an unknown engine `{engine}`; use \"echo\" or \"command\""),
            };
        }
    }

    private static TimeSpan ReadDelay(JsonElement root)
    {
        if (!root.TryGetProperty("delay_ms", out var d)) return EchoEngine.DefaultDelay;
        if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var ms) || ms < 0 || ms > 60_000)
            throw new EngineSpecException("--engine-spec-json `delay_ms` must be an integer from 0 to 60000");
        return TimeSpan.FromMilliseconds(ms);
    }

    private static IReadOnlyList<string> ReadCommand(JsonElement root)
    {
        if (!root.TryGetProperty("command", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0
            || c.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String) || string.IsNullOrEmpty(c[0].GetString()))
            throw new EngineSpecException("--engine-spec-json `command` must be a non-empty array of strings (the argv; no shell)");
        return c.EnumerateArray().Select(x => x.GetString()!).ToList();
    }
}

public sealed record EchoSpec(TimeSpan Delay) : EngineSpec
{
    public override IEngine Create(EngineContext context, TimeProvider time, TextWriter log) => new EchoEngine(Delay, time);
}

public sealed record CommandSpec(IReadOnlyList<string> Command) : EngineSpec
{
    public override IEngine Create(EngineContext context, TimeProvider time, TextWriter log) => new CommandEngine(Command, context, time);

    public bool Equals(CommandSpec? other) => other is not null && Command.SequenceEqual(other.Command);
    public override int GetHashCode() => Command.Count;
}
