using System.Text;

namespace Yoi.Core.Paths;

/// <summary>64-bit FNV-1a (offset 0xcbf29ce484222325, prime 0x100000001b3), written as 16 lower-case hex digits.</summary>
public static class Fnv1a64
{
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 0x100000001b3UL;
        }
        return hash;
    }

    public static string Hex(string text) => Hash(Encoding.UTF8.GetBytes(text)).ToString("x16");
}
