namespace Yoi.Core.Tickets;

/// <summary>
/// Ticket ids: the Unix time in milliseconds as 13 Crockford base32 digits (most significant first,
/// zero-padded), so string order is time order. Alphabet excludes I, L, O and U; only upper case is valid.
/// </summary>
public static class TicketId
{
    public const int Length = 13;
    public const int MaxAllocationTries = 1000;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Encode(ulong value)
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }

    /// <summary>Decodes an id, or null when it is not exactly 13 alphabet characters or overflows 64 bits.</summary>
    public static ulong? TryDecode(string? id)
    {
        if (id is null || id.Length != Length) return null;
        ulong value = 0;
        foreach (var c in id)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0) return null;
            if (value > (ulong.MaxValue >> 5)) return null;
            value = (value << 5) | (uint)digit;
        }
        return value;
    }

    public static bool IsValid(string? id) => TryDecode(id) is not null;

    /// <summary>
    /// Allocates a fresh id starting at <paramref name="unixMs"/>: +1 ms while a directory with that id
    /// exists, giving up after 1000 tries.
    /// </summary>
    public static string Allocate(string root, long unixMs)
    {
        var candidate = (ulong)Math.Max(0, unixMs);
        for (var i = 0; i < MaxAllocationTries; i++, candidate++)
        {
            var id = Encode(candidate);
            var path = Path.Combine(root, id);
            if (!Directory.Exists(path) && !File.Exists(path)) return id;
        }
        throw new TicketException(TicketErrorKind.Conflict,
            $"too many record id collisions after {MaxAllocationTries} tries under {root}; wait a moment and create again");
    }
}
