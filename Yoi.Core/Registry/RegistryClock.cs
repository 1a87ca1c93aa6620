namespace Yoi.Core.Registry;

/// <summary>Registry timestamps: ISO-8601 UTC with milliseconds (ours; the original wrote nanoseconds).</summary>
public static class RegistryClock
{
    public static string Now(TimeProvider time) => Timestamps.Millis(time);

    /// <summary><c>pid@host</c> of this process, recorded as <c>claimed_by</c>.</summary>
    public static string ProcessIdentity() => $"{Environment.ProcessId}@{Environment.MachineName}";
}
