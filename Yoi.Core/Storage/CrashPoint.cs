using Yoi.Core.Interop;

namespace Yoi.Core.Storage;

/// <summary>
/// Test-only crash injection. Inert unless <c>YOI_TEST_CRASH_AT</c> names the point (a comma-separated
/// list is allowed); then the process SIGKILLs itself there, like a power cut at that instant.
/// </summary>
public static class CrashPoint
{
    public const string Variable = "YOI_TEST_CRASH_AT";

    public const string ClaimAfterTemp = "claim.after_temp";
    public const string ClaimAfterLink = "claim.after_link";
    public const string RegistryBeforeRename = "registry.before_rename";
    public const string MetadataBeforeRename = "metadata.before_rename";
    public const string PeerBetweenWrites = "peer.between_writes";
    public const string TicketEventMidAppend = "ticket.event_mid_append";
    public const string SessionLogMidAppend = "session_log.mid_append";

    private static readonly string[] Armed = Read();

    private static string[] Read()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrEmpty(value) ? [] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public static bool IsArmed(string point) => Armed.Length > 0 && Array.IndexOf(Armed, point) >= 0;

    /// <summary>Kills the current process with SIGKILL when <paramref name="point"/> is armed.</summary>
    public static void Hit(string point)
    {
        if (!IsArmed(point)) return;
        Libc.Kill(Environment.ProcessId, Libc.SIGKILL);
        Thread.Sleep(Timeout.Infinite);
    }
}
