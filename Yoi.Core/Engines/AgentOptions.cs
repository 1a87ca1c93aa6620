namespace Yoi.Core.Engines;

/// <summary>
/// What a profile sets for an agent preset: the program (default: the preset's own name on PATH), the model, extra
/// arguments appended to every turn, the tools the agent may use without asking (null = the preset's default, which
/// lets it run <c>yoi …</c>), the permission mode, and extra environment.
/// </summary>
public sealed record AgentOptions(
    string? Executable = null,
    string? Model = null,
    IReadOnlyList<string>? Args = null,
    IReadOnlyList<string>? AllowedTools = null,
    string? PermissionMode = null,
    IReadOnlyDictionary<string, string>? Env = null)
{
    public IReadOnlyList<string> ExtraArgs => Args ?? [];
    public IReadOnlyDictionary<string, string> Environment => Env ?? new Dictionary<string, string>();

    public bool Equals(AgentOptions? other) => other is not null && Executable == other.Executable && Model == other.Model
        && ExtraArgs.SequenceEqual(other.ExtraArgs) && (AllowedTools ?? []).SequenceEqual(other.AllowedTools ?? [])
        && AllowedTools is null == other.AllowedTools is null && PermissionMode == other.PermissionMode
        && Environment.OrderBy(e => e.Key, StringComparer.Ordinal).SequenceEqual(other.Environment.OrderBy(e => e.Key, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Executable, Model, PermissionMode);
}
