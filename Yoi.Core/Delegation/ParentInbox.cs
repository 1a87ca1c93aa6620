using System.Text;
using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Protocol;
using Yoi.Core.Storage;

namespace Yoi.Core.Delegation;

/// <summary>
/// A stopped parent's durable inbox <c>&lt;data&gt;/pods/&lt;parent&gt;/inbox.jsonl</c>: a child whose
/// <c>turn_ended</c> / <c>errored</c> / <c>shut_down</c> cannot reach the parent's socket appends it here (one PodEvent
/// JSON per line, under <c>inbox.lock</c>, fsync'd). The parent drains it once when it starts: each event goes through
/// the same path as a live one (notification queued in its session log, wake when idle), then the file is removed.
/// </summary>
public sealed class ParentInbox(YoiPaths paths, string parent)
{
    public string FilePath => Path.Combine(paths.PodDir(parent), "inbox.jsonl");
    private string LockPath => Path.Combine(paths.PodDir(parent), "inbox.lock");

    public void Append(PodEvent podEvent)
    {
        var line = JsonSerializer.Serialize(podEvent, ProtocolJson.Context.PodEvent) + "\n";
        using var held = FileLock.Acquire(LockPath);
        AtomicFile.AppendDurably(FilePath, Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Appends, logging what happened; never throws (the child goes on either way).</summary>
    public void Keep(PodEvent podEvent, Action<string> log)
    {
        try
        {
            Append(podEvent);
            log($"kept `{podEvent.GetType().Name}` in the parent's inbox {FilePath}");
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            log($"warn: could not keep `{podEvent.GetType().Name}` in the parent's inbox {FilePath}: {ex.Message}");
        }
    }

    /// <summary>
    /// Hands every queued event to <paramref name="deliver"/> in order (it returns once the event is durable in the
    /// parent's session), then removes the file. A line that is not a PodEvent (a torn last line) is skipped and
    /// reported through <paramref name="warn"/>.
    /// </summary>
    public async Task<int> DrainAsync(Func<PodEvent, Task> deliver, Action<string> warn)
    {
        if (!File.Exists(FilePath)) return 0;
        using var held = FileLock.Acquire(LockPath);
        var delivered = 0;
        foreach (var line in await File.ReadAllLinesAsync(FilePath).ConfigureAwait(false))
        {
            if (line.Trim().Length == 0) continue;
            PodEvent? podEvent;
            try { podEvent = JsonSerializer.Deserialize(line, ProtocolJson.Context.PodEvent); }
            catch (JsonException ex) { podEvent = null; warn($"{FilePath}: skipped an unreadable line ({ex.Message.Split('.')[0]})"); }
            if (podEvent is null) continue;
            await deliver(podEvent).ConfigureAwait(false);
            delivered++;
        }
        File.Delete(FilePath);
        return delivered;
    }
}
