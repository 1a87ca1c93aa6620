namespace Yoi.Core.Panel;

/// <summary>The shortest prefix length (at least <see cref="Minimum"/>) at which a set of Ticket ids stays unique, for the id column.</summary>
public static class TicketIdPrefix
{
    public const int Minimum = 4;

    public static int Length(IEnumerable<string> ids)
    {
        var sorted = ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var length = Minimum;
        for (var i = 1; i < sorted.Count; i++)
        {
            var a = sorted[i - 1];
            var b = sorted[i];
            var common = 0;
            while (common < a.Length && common < b.Length && a[common] == b[common]) common++;
            length = Math.Max(length, Math.Min(common + 1, Math.Max(a.Length, b.Length)));
        }
        return sorted.Count == 0 ? Minimum : Math.Min(length, sorted.Max(s => s.Length));
    }
}
