using System.Text;
using Yoi.Core.Interop;

namespace Yoi.Core.Paths;

/// <summary>
/// The per-workspace registry key: the canonical workspace path (symlinks resolved, '\' → '/'),
/// its leaf, and the FNV-1a-64 digest, giving the directory name <c>&lt;leaf&gt;-&lt;digest&gt;</c>.
/// </summary>
public sealed record WorkspaceKey(string Key, string Leaf, string Digest)
{
    public string DirectoryName => $"{Leaf}-{Digest}";

    /// <summary>Resolves symlinks when the path exists, so a symlinked checkout shares one registry.</summary>
    public static string Canonicalize(string workspacePath)
    {
        var full = Path.GetFullPath(workspacePath);
        var real = Libc.RealPath(full) ?? full;
        return real.Length > 1 ? real.TrimEnd('/') : real;
    }

    public static WorkspaceKey ForCanonicalWorkspace(string workspacePath) => FromKey(Canonicalize(workspacePath));

    /// <summary>Builds the key from text as given (no canonicalisation); used for the original's test vectors (docs/original-panel.md §3.1).</summary>
    public static WorkspaceKey FromKey(string keyText)
    {
        var key = keyText.Replace('\\', '/');
        return new WorkspaceKey(key, LeafOf(key), Fnv1a64.Hex(key));
    }

    private static string LeafOf(string key)
    {
        var last = key.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var builder = new StringBuilder(last.Length);
        foreach (var c in last)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        var leaf = builder.ToString().Trim('-');
        return leaf.Length == 0 ? "workspace" : leaf;
    }
}
