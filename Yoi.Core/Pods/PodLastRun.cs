using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

/// <summary>How a Pod's last run ended: when, and whether it errored (with the first line of the error).</summary>
public sealed record PodLastRun(string EndedAt, bool Errored, string? Error)
{
    /// <summary><c>finished</c> or <c>errored</c>.</summary>
    public string Outcome => Errored ? "errored" : "finished";

    /// <summary>The last run outcome in <paramref name="entries"/> (a snapshot or session log), and when the running turn started.</summary>
    public static (PodLastRun? Last, string? RunningSince) From(IReadOnlyList<LogEntry> entries)
    {
        PodLastRun? last = null;
        string? invoked = null;
        for (var i = entries.Count - 1; i >= 0 && (last is null || invoked is null); i--)
        {
            switch (entries[i])
            {
                case RunCompletedEntry c when last is null:
                    last = new PodLastRun(c.Ts, false, null);
                    break;
                case RunErroredEntry e when last is null:
                    last = new PodLastRun(e.Ts, true, FirstLine(e.Message));
                    break;
                case InvokeEntry v when invoked is null:
                    invoked = v.Ts;
                    break;
            }
        }
        var running = invoked is not null && (last is null || string.CompareOrdinal(invoked, last.EndedAt) > 0) ? invoked : null;
        return (last, running);
    }

    /// <summary>The one rule for "unseen": a run ended after the user last looked (or never looked), and no turn runs now.</summary>
    public static bool IsUnseen(PodLastRun? last, bool running, string? lastSeenAt) =>
        last is { } run && !running && (lastSeenAt is null || string.CompareOrdinal(run.EndedAt, lastSeenAt) > 0);

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return Text.TextBounds.Cut(line, 201);
    }
}
