using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Engines;

/// <summary>The recorded agent process group: its id and its leader's start time (so a reused id is never mistaken for it).</summary>
public sealed record AgentGroupRecord(int Pgid, long? LeaderStartTicks, string? StartedAt);

/// <summary>
/// The Pod's record of its engine's agent process group, <c>&lt;data&gt;/pods/&lt;name&gt;/agent-group.json</c>:
/// written (atomically) when an agent starts, removed when its turn ends with the group empty. A record that outlives
/// its daemon names leftover agent processes: a restore ends them before it starts anything, and <c>yoi doctor</c>
/// reports them (<c>--repair</c> ends them). The agent's own leader already dies with the daemon (parent-death signal);
/// this catches what it started.
/// </summary>
public sealed class AgentGroup(YoiPaths paths, string podName)
{
    public static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(3);

    public string PodName => podName;
    public string RecordPath => paths.PodAgentGroupPath(podName);

    public void Record(int pgid, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pgid", pgid);
            if (ProcessTree.StartTicks(pgid) is { } ticks) writer.WriteNumber("leader_start_ticks", ticks);
            writer.WriteString("started_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(RecordPath, [.. buffer.WrittenSpan, (byte)'\n']);
    }

    /// <summary>Removes the record once its group is empty (an agent's leftover background process keeps it).</summary>
    public void ClearIfEmpty(int pgid)
    {
        if (ProcessTree.GroupMembers(pgid).Count > 0) return;
        if (Read() is { } record && record.Pgid != pgid) return;
        try { File.Delete(RecordPath); }
        catch (IOException) { }
    }

    public AgentGroupRecord? Read()
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(RecordPath));
            var root = doc.RootElement;
            if (!root.TryGetProperty("pgid", out var pgid) || !pgid.TryGetInt32(out var id) || id <= 1) return null;
            long? ticks = root.TryGetProperty("leader_start_ticks", out var t) && t.TryGetInt64(out var v) ? v : null;
            var started = root.TryGetProperty("started_at", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new AgentGroupRecord(id, ticks, started);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The processes still in the recorded group. Empty when there is no record, or when the group id now belongs to a
    /// different process (the leader's start time differs), which the kernel allows only after the old group is gone.
    /// </summary>
    public IReadOnlyList<int> Leftovers()
    {
        if (Read() is not { } record) return [];
        if (ProcessTree.StartTicks(record.Pgid) is { } ticks && record.LeaderStartTicks is { } recorded && ticks != recorded) return [];
        return ProcessTree.GroupMembers(record.Pgid);
    }

    /// <summary>Ends every leftover process of the recorded group (SIGTERM, SIGKILL after the grace) and removes the record.</summary>
    public IReadOnlyList<int> EndLeftovers()
    {
        var leftovers = Leftovers();
        if (leftovers.Count > 0 && Read() is { } record)
        {
            Terminate(record.Pgid);
        }
        try { File.Delete(RecordPath); }
        catch (IOException) { }
        return leftovers;
    }

    /// <summary>SIGTERM to the group, then SIGKILL to what remains after <see cref="TerminateGrace"/>; waits until it is empty.</summary>
    public static void Terminate(int pgid)
    {
        Libc.KillGroup(pgid, Libc.SIGTERM);
        if (WaitEmpty(pgid, TerminateGrace)) return;
        Libc.KillGroup(pgid, Libc.SIGKILL);
        WaitEmpty(pgid, TimeSpan.FromSeconds(2));
    }

    private static bool WaitEmpty(int pgid, TimeSpan budget)
    {
        // Real processes end in real time: the budget is a timer, not a clock a test could fake.
        using var deadline = new CancellationTokenSource(budget);
        while (ProcessTree.GroupMembers(pgid).Count > 0)
        {
            if (deadline.IsCancellationRequested) return false;
            Thread.Sleep(50);
        }
        return true;
    }
}
