using System.Text;
using Yoi.Core.Paths;

namespace Yoi.Core.Registry;

/// <summary>
/// Where one workspace's role-session registry and Ticket claims live:
/// <c>&lt;data&gt;/panel/workspaces/&lt;leaf&gt;-&lt;fnv64&gt;/</c>, keyed by the canonical workspace path.
/// </summary>
public sealed record RegistryLocation(string Directory, string? WorkspaceRoot)
{
    public const string SessionsFileName = "role-sessions.json";
    public const string LockFileName = "role-sessions.lock";
    public const string ClaimsDirName = "ticket-claims";
    public const string HistoryFileName = "history.jsonl";

    /// <summary>The registry of <paramref name="workspacePath"/> (symlinks resolved) under the data directory.</summary>
    public static RegistryLocation ForWorkspace(YoiPaths paths, string workspacePath)
    {
        var key = WorkspaceKey.ForCanonicalWorkspace(workspacePath);
        return new RegistryLocation(Path.Combine(paths.PanelWorkspacesDir, key.DirectoryName), key.Key);
    }

    /// <summary>A store at an explicit directory (tests); it records no workspace root.</summary>
    public static RegistryLocation AtDirectory(string directory) => new(directory, null);

    public string SessionsFile => Path.Combine(Directory, SessionsFileName);
    public string LockFile => Path.Combine(Directory, LockFileName);
    public string ClaimsDir => Path.Combine(Directory, ClaimsDirName);
    public string HistoryFile => Path.Combine(ClaimsDir, HistoryFileName);
    public string ClaimPath(string ticketId) => Path.Combine(ClaimsDir, EncodeTicketId(ticketId) + ".json");

    /// <summary>Keeps <c>[A-Za-z0-9_-]</c>; every other UTF-8 byte becomes <c>%XX</c> (upper-case hex), as the original (docs/original-panel.md §3.1).</summary>
    public static string EncodeTicketId(string ticketId)
    {
        var builder = new StringBuilder(ticketId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(ticketId))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or (byte)'-')
                builder.Append((char)b);
            else
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
