
namespace Yoi.Core.Runtime;

/// <summary>Timestamped diagnostic lines to the Pod's stderr (which the spawner points at <c>stderr.log</c>).</summary>
public static class PodLog
{
    private static readonly Lock Gate = new();

    public static void Write(TextWriter writer, TimeProvider time, string line)
    {
        var ts = Timestamps.Millis(time);
        lock (Gate)
        {
            try
            {
                writer.WriteLine($"{ts} {line}");
                writer.Flush();
            }
            catch (IOException)
            {
                // stderr is gone (the spawner closed it); diagnostics are best effort.
            }
        }
    }
}
