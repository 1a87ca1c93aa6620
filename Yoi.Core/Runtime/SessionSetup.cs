using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// Opens the session log for a starting Pod: a fresh session (UUIDv7 ids, <c>segment_start</c>), or a restore of
/// <c>metadata.active</c> replaying the segment (a torn tail is cut off and reported once; a turn that was running when the
/// Pod died is closed with <c>run_errored</c>).
/// </summary>
public sealed record SessionSetup(string SessionId, string SegmentId, SessionLog Log, IReadOnlyList<LogEntry> Entries, IReadOnlyList<string> Warnings)
{
    public static SessionSetup Open(YoiPaths paths, TimeProvider time, string podName, ActiveSession? active)
    {
        string NewId() => Guid.CreateVersion7(time.GetUtcNow()).ToString();
        var warnings = new List<string>();
        var sessionId = active?.SessionId ?? NewId();
        var segmentId = active?.SegmentId ?? NewId();
        var path = paths.SessionLogPath(sessionId, segmentId);
        var log = new SessionLog(path, time);
        var entries = new List<LogEntry>();
        if (active?.SegmentId is not null)
        {
            if (File.Exists(path))
            {
                var read = SessionLog.Read(path);
                entries.AddRange(read.Entries);
                if (read.Damage is { } damage)
                {
                    warnings.Add(damage);
                    SessionLog.TruncateTo(path, read.GoodLength);
                }
            }
            else
            {
                segmentId = NewId();
                warnings.Add($"session log {path} is missing; pod `{podName}` started a new segment {segmentId} in session {sessionId}");
                path = paths.SessionLogPath(sessionId, segmentId);
                log = new SessionLog(path, time);
            }
        }

        void Commit(LogEntry entry)
        {
            log.Append(entry);
            entries.Add(entry);
        }

        if (entries.Count == 0) Commit(new SegmentStartEntry(sessionId, segmentId, podName) { Ts = log.Now() });
        else if (InterruptedTurn(entries)) Commit(new RunErroredEntry(true, "the Pod stopped while this turn was running") { Ts = log.Now() });
        return new SessionSetup(sessionId, segmentId, log, entries, warnings);
    }

    /// <summary>True when the last <c>invoke</c> has no closing <c>run_completed</c>/<c>run_errored</c> after it.</summary>
    private static bool InterruptedTurn(IReadOnlyList<LogEntry> entries)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            switch (entries[i])
            {
                case RunCompletedEntry or RunErroredEntry: return false;
                case InvokeEntry: return true;
            }
        }
        return false;
    }
}
