using System.Globalization;
using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Pods;

/// <summary>
/// When the user last looked at a Pod (opened it in the panel or with <c>yoi attach</c>): one small file per Pod,
/// <c>&lt;data&gt;/pods/&lt;name&gt;/seen.json</c> = <c>{"last_seen_at":"…"}</c>, local only (never in git). Written
/// atomically under the Pod's metadata lock; an unreadable file counts as never seen.
/// </summary>
public sealed class PodSeenStore(YoiPaths paths)
{
    public string PathOf(string podName) => Path.Combine(paths.PodDir(podName), "seen.json");

    /// <summary>The stored time (ISO 8601 UTC, milliseconds), or null when never seen or unreadable.</summary>
    public string? LastSeenAt(string podName)
    {
        var path = PathOf(podName);
        if (!File.Exists(path)) return null; // the common case (never looked at): no exception per Pod and reload
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.TryGetProperty("last_seen_at", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Marks the Pod seen now. Does nothing for a Pod without a stored directory.</summary>
    public void MarkSeen(string podName, DateTimeOffset now)
    {
        var dir = paths.PodDir(podName);
        if (!Directory.Exists(dir)) return;
        var stamp = Format(now);
        using var _ = FileLock.Acquire(paths.PodMetadataLockPath(podName));
        // Never move backwards (two panels, clock skew between writers).
        if (LastSeenAt(podName) is { } previous && string.CompareOrdinal(previous, stamp) >= 0) return;
        AtomicFile.WriteAllText(PathOf(podName), $"{{\"last_seen_at\":\"{stamp}\"}}\n");
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
