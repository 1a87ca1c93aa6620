using System.Collections.Concurrent;
using System.Text;

namespace Yoi.Tui.Terminal;

/// <summary>Shares the string of each single-scalar grapheme so painting a frame does not allocate per cell and the
/// renderer's cell comparison is usually a reference check.</summary>
internal static class GraphemeCache
{
    private static readonly string[] AsciiStrings = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();
    private static readonly ConcurrentDictionary<int, string> Scalars = new();

    public static string Ascii(char c) => AsciiStrings[c];

    public static string Get(ReadOnlySpan<char> grapheme)
    {
        if (grapheme.Length <= 2 && Rune.DecodeFromUtf16(grapheme, out var rune, out var used) == System.Buffers.OperationStatus.Done
            && used == grapheme.Length)
        {
            if (rune.Value < 128) return AsciiStrings[rune.Value];
            if (Scalars.TryGetValue(rune.Value, out var cached)) return cached;
            if (Scalars.Count < 4096) return Scalars.GetOrAdd(rune.Value, grapheme.ToString());
        }
        return grapheme.ToString();
    }
}
