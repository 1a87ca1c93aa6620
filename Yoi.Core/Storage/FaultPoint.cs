using System.Globalization;

namespace Yoi.Core.Storage;

/// <summary>
/// Test-only write-fault injection, the sibling of <see cref="CrashPoint"/>. Inert unless <c>YOI_TEST_FAULT_AT</c> is
/// set to <c>&lt;point&gt;:&lt;n&gt;[+]:&lt;enospc|eio&gt;</c> (comma-separated for several): then the n-th durable write at
/// that point in this process fails like the kernel would fail it (half of the bytes reach the file, then the error),
/// and with <c>+</c> every later write there fails too (a disk that stays full until the process is told otherwise).
/// Every durable write of the product names its point; <see cref="AtomicFile"/> consults this class.
/// </summary>
public static class FaultPoint
{
    public const string Variable = "YOI_TEST_FAULT_AT";

    public const string SessionLogAppend = "session_log.append";
    public const string MetadataWrite = "metadata.write";
    public const string PeerIntentWrite = "peer.intent_write";
    public const string ClaimWrite = "claim.write";
    public const string ClaimHistoryAppend = "claim.history_append";
    public const string RegistryWrite = "registry.write";
    public const string TicketItemWrite = "ticket.item_write";
    public const string TicketThreadWrite = "ticket.thread_write";

    /// <summary>Every named point (the fault-trial test runs each of them).</summary>
    public static readonly IReadOnlyList<string> All =
        [SessionLogAppend, MetadataWrite, PeerIntentWrite, ClaimWrite, ClaimHistoryAppend, RegistryWrite, TicketItemWrite, TicketThreadWrite];

    public const int Enospc = 28;
    public const int Eio = 5;

    private static readonly Fault[] Armed = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>
    /// Counts one write at <paramref name="point"/>; returns the errno to fail it with (<see cref="Enospc"/> or
    /// <see cref="Eio"/>) or 0 to let it through.
    /// </summary>
    public static int Next(string? point)
    {
        if (point is null || Armed.Length == 0) return 0;
        foreach (var fault in Armed)
        {
            if (fault.Point != point) continue;
            var count = Interlocked.Increment(ref fault.Seen);
            if (count == fault.Nth || fault.AndLater && count > fault.Nth) return fault.Errno;
        }
        return 0;
    }

    /// <summary>The exception the kernel's error becomes in .NET (an <see cref="IOException"/> whose HResult is the errno).</summary>
    public static IOException Error(int errno, string path) =>
        new($"{(errno == Enospc ? "No space left on device" : "Input/output error")} : '{path}'", errno);

    internal static Fault[] Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return [];
        var faults = new List<Fault>();
        foreach (var spec in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = spec.Split(':');
            if (parts.Length != 3) throw new ArgumentException($"{Variable}: `{spec}` is not <point>:<n>[+]:<enospc|eio>");
            var andLater = parts[1].EndsWith('+');
            if (!int.TryParse(parts[1].TrimEnd('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth < 1)
                throw new ArgumentException($"{Variable}: `{parts[1]}` in `{spec}` is not a write number (1, 2, …, optionally followed by +)");
            var errno = parts[2].ToUpperInvariant() switch
            {
                "ENOSPC" => Enospc,
                "EIO" => Eio,
                _ => throw new ArgumentException($"{Variable}: `{parts[2]}` in `{spec}` is not enospc or eio"),
            };
            faults.Add(new Fault(parts[0], nth, andLater, errno));
        }
        return [.. faults];
    }

    internal sealed class Fault(string point, int nth, bool andLater, int errno)
    {
        public string Point => point;
        public int Nth => nth;
        public bool AndLater => andLater;
        public int Errno => errno;
        public int Seen;
    }
}
