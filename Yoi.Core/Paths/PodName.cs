using System.Globalization;
using System.Text;

namespace Yoi.Core.Paths;

/// <summary>Pod name validation and the one name sanitizer (used for the Companion, the Orchestrator and role Pods).</summary>
public static class PodName
{
    public const int MaxLength = 80;
    public const string OrchestratorSuffix = "-orchestrator";
    public const string IntakePrefix = "ticket-intake-";

    /// <summary>Null when the name is valid, else the reason it is not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "pod name is empty";
        if (name.Length > MaxLength) return $"pod name is longer than {MaxLength} characters";
        if (name is "." or "..") return $"pod name `{name}` is reserved";
        foreach (var c in name)
        {
            if (c is '/' or '\\') return $"pod name `{Printable(name)}` contains a path separator";
            if (c == '\0') return "pod name contains a NUL character";
            if (char.IsControl(c)) return $"pod name `{Printable(name)}` contains a control character";
        }
        return null;
    }

    public static bool IsValid(string? name) => Problem(name) is null;

    /// <summary>Throws <see cref="ArgumentException"/> with the reason and a next step when the name is invalid.</summary>
    public static string Validate(string? name) => Problem(name) is { } problem
        ? throw new ArgumentException($"{problem}; use up to {MaxLength} characters without '/', '\\', NUL or control characters")
        : name!;

    /// <summary>
    /// ASCII letters/digits lower-cased, '_' and '.' kept, everything else '-', runs of '-' collapsed,
    /// leading/trailing '-', '_' and '.' trimmed, cut to 80, empty → "workspace".
    /// </summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            char mapped = rune.Value switch
            {
                >= 'A' and <= 'Z' => (char)(rune.Value + 32),
                >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' => (char)rune.Value,
                _ => '-',
            };
            if (mapped == '-' && (builder.Length == 0 || builder[^1] == '-')) continue;
            builder.Append(mapped);
        }
        var trimmed = builder.ToString().Trim('-', '_', '.');
        if (trimmed.Length > MaxLength) trimmed = trimmed[..MaxLength].TrimEnd('-', '_', '.');
        return trimmed.Length == 0 ? "workspace" : trimmed;
    }

    /// <summary>Hex digits of the workspace digest in Companion and Orchestrator names.</summary>
    public const int WorkspaceHashLength = 6;

    /// <summary>
    /// The Companion of a canonical workspace: <c>SanitizeName(basename)</c> (cut so the Orchestrator name fits in 80)
    /// plus <c>-</c> and the first 6 hex digits of FNV-1a-64 of the canonical path, so two clones with the same
    /// folder name (<c>~/src/app</c>, <c>~/work/app</c>) never share a Pod. <c>Pods.WorkspacePodNames</c> resolves
    /// the names actually used (a legacy Pod of the workspace keeps its name).
    /// </summary>
    public static string Companion(string canonicalWorkspace)
    {
        var room = MaxLength - OrchestratorSuffix.Length - 1 - WorkspaceHashLength;
        var leaf = Sanitize(BaseName(canonicalWorkspace));
        if (leaf.Length > room) leaf = leaf[..room].TrimEnd('-', '_', '.');
        return $"{leaf}-{WorkspaceKey.FromKey(canonicalWorkspace).Digest[..WorkspaceHashLength]}";
    }

    public static string Orchestrator(string canonicalWorkspace) => OrchestratorFor(Companion(canonicalWorkspace));

    /// <summary>The Orchestrator name that goes with a Companion name: cut to 67 + <c>-orchestrator</c>.</summary>
    public static string OrchestratorFor(string companion)
    {
        var room = MaxLength - OrchestratorSuffix.Length;
        return (companion.Length > room ? companion[..room] : companion) + OrchestratorSuffix;
    }

    /// <summary>The names before workspace hashing (folder name only); still used by a workspace whose Pods have them.</summary>
    public static string LegacyCompanion(string workspaceRoot) => Sanitize(BaseName(workspaceRoot));

    public static string LegacyOrchestrator(string workspaceRoot) => OrchestratorFor(LegacyCompanion(workspaceRoot));

    public static string IntakeForTicket(string ticketId) => IntakePrefix + Sanitize(ticketId.ToLowerInvariant());

    public static string IntakePreTicket(long unixNanoseconds) =>
        IntakePrefix + unixNanoseconds.ToString("x", CultureInfo.InvariantCulture);

    private static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }

    private static string Printable(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name) builder.Append(char.IsControl(c) ? '?' : c);
        return builder.ToString();
    }
}
