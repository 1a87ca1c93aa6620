using System.Text;
using System.Text.Json;
using Yoi.Core.Storage;

namespace Yoi.Core.Registry;

/// <summary>
/// <c>role-sessions.json</c> of one workspace: tolerant reads, and upserts (docs/original-panel.md §3.3) under the flock
/// <c>role-sessions.lock</c> with atomic writes. A corrupt file is never overwritten: reads and updates
/// fail with a <see cref="RegistryException"/> naming the file and the reason.
/// </summary>
public sealed class RoleSessionRegistry(RegistryLocation location, TimeProvider time)
{
    public RegistryLocation Location => location;

    /// <summary>The document; empty (version 1, this workspace) when the file does not exist.</summary>
    public RoleSessionsDocument Read()
    {
        var path = location.SessionsFile;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException) { return Empty(); }
        catch (DirectoryNotFoundException) { return Empty(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException(path, ex.Message, "check the file's permissions");
        }
        return Parse(path, bytes);
    }

    /// <summary>Sessions in key (Pod name) order.</summary>
    public IReadOnlyList<RoleSessionRecord> Sessions() =>
        Read().Sessions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();

    /// <summary>
    /// Records or updates the session of <paramref name="podName"/>: <c>created_at</c> is kept, <c>updated_at</c> is now,
    /// role/origin/session_id are overwritten, related Tickets become the sorted union of old and new.
    /// </summary>
    public RoleSessionRecord Upsert(string podName, string role, SessionOrigin origin, string? sessionId,
        IEnumerable<RelatedTicket> related)
    {
        Paths.PodName.Validate(podName);
        using var held = RegistryLock.Take(location);
        var document = Read();
        var now = RegistryClock.Now(time);
        document.Sessions.TryGetValue(podName, out var old);
        var record = new RoleSessionRecord
        {
            Role = role,
            PodName = podName,
            Origin = origin,
            CreatedAt = old?.CreatedAt ?? now,
            UpdatedAt = now,
            SessionId = string.IsNullOrEmpty(sessionId) ? null : sessionId,
            RelatedTickets = RoleSessionRecord.MergeRelated(old?.RelatedTickets ?? [], related),
        };
        document.Sessions[podName] = record;
        Write(document);
        return record;
    }

    private void Write(RoleSessionsDocument document)
    {
        var sorted = new Dictionary<string, RoleSessionRecord>(StringComparer.Ordinal);
        foreach (var pair in document.Sessions.OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[pair.Key] = pair.Value;
        var output = document with
        {
            Version = RoleSessionsDocument.CurrentVersion,
            WorkspaceRoot = location.WorkspaceRoot,
            Sessions = sorted,
        };
        var json = JsonSerializer.Serialize(output, RolesJsonFiles.Pretty.RoleSessionsDocument) + "\n";
        AtomicFile.WriteAllText(location.SessionsFile, json, CrashPoint.RegistryBeforeRename, FaultPoint.RegistryWrite);
    }

    private RoleSessionsDocument Empty() => new() { WorkspaceRoot = location.WorkspaceRoot };

    private static RoleSessionsDocument Parse(string path, byte[] bytes)
    {
        RoleSessionsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, RolesJsonFiles.Pretty.RoleSessionsDocument);
        }
        catch (JsonException ex)
        {
            throw new RegistryException(path, OneLine(ex.Message), NextStep);
        }
        if (document is null) throw new RegistryException(path, "the file holds `null`", NextStep);
        if (document.Version != RoleSessionsDocument.CurrentVersion)
            throw new RegistryException(path, $"unsupported version {document.Version} (expected 1)", "upgrade yoi or move the file aside");
        var sessions = new Dictionary<string, RoleSessionRecord>(StringComparer.Ordinal);
        foreach (var (key, record) in document.Sessions ?? [])
        {
            if (record is null) throw new RegistryException(path, $"session `{key}` is null", NextStep);
            if (record.PodName != key)
                throw new RegistryException(path, $"session key `{key}` does not match its pod_name `{record.PodName}`", NextStep);
            sessions[key] = record;
        }
        return document with { Sessions = sessions };
    }

    private const string NextStep = "move it aside (the registry then starts empty) or repair it by hand";

    internal static string OneLine(string text) => new StringBuilder(text).Replace('\r', ' ').Replace('\n', ' ').ToString();
}

/// <summary>The registry's flock; a lock timeout becomes a <see cref="RegistryException"/>.</summary>
internal static class RegistryLock
{
    public static FileLock Take(RegistryLocation location, TimeSpan? budget = null)
    {
        try
        {
            return FileLock.Acquire(location.LockFile, budget);
        }
        catch (LockTimeoutException ex)
        {
            throw new RegistryException(location.LockFile, ex.Message, "another yoi process is updating the registry; retry in a moment");
        }
    }
}
