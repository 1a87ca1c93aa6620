namespace Yoi.Core.Engines;

/// <summary>
/// The built-in deterministic engine: "echo: received 1 message, 2 notifications: …", streamed in a few
/// deltas with <paramref name="delay"/> between them so that <c>running</c> is visible.
/// </summary>
public sealed class EchoEngine(TimeSpan delay, TimeProvider time) : IEngine
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(30);

    public string Name => "echo";
    public string Detail => $"echo (delay {(int)delay.TotalMilliseconds} ms)";

    public static string Answer(EngineTurn turn)
    {
        var messages = turn.UserText is null ? 0 : 1;
        var notes = turn.NotificationMessages.Count;
        var text = $"echo: received {messages} message{(messages == 1 ? "" : "s")}, {notes} notification{(notes == 1 ? "" : "s")}";
        var parts = new List<string>();
        if (turn.UserText is { } user) parts.Add(user);
        parts.AddRange(turn.NotificationMessages.Select(m => $"[{m}]"));
        return parts.Count == 0 ? text : text + ": " + string.Join(" ", parts);
    }

    public async Task<EngineResult> RunTurnAsync(EngineTurn turn, IEngineSink sink, CancellationToken cancellationToken)
    {
        foreach (var chunk in Chunks(Answer(turn), 3))
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return EngineResult.Cancelled;
            }
            sink.TextDelta(chunk);
        }
        return cancellationToken.IsCancellationRequested ? EngineResult.Cancelled : EngineResult.Finished;
    }

    private static IEnumerable<string> Chunks(string text, int count)
    {
        var size = Math.Max(1, (text.Length + count - 1) / count);
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
