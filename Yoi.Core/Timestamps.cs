using System.Globalization;

namespace Yoi.Core;

/// <summary>
/// The one way yoi writes and reads timestamps: ISO 8601 in UTC with a <c>Z</c>. Logs, Pod metadata, claims and the
/// registry use milliseconds (<see cref="Millis(DateTimeOffset)"/>); Ticket files use whole seconds, as the original
/// wrote them (<see cref="Seconds"/>). Both sort as text in time order.
/// </summary>
public static class Timestamps
{
    public const string MillisFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    public const string SecondsFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Millis(DateTimeOffset instant) => instant.UtcDateTime.ToString(MillisFormat, CultureInfo.InvariantCulture);

    public static string Millis(TimeProvider time) => Millis(time.GetUtcNow());

    public static string Seconds(DateTimeOffset instant) => instant.UtcDateTime.ToString(SecondsFormat, CultureInfo.InvariantCulture);

    /// <summary>Any ISO 8601 time (a text without an offset counts as UTC), or null when it does not parse.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
