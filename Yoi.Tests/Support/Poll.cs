using System.Diagnostics;

namespace Yoi.Tests.Support;

/// <summary>The one place tests may wait: poll a condition until a deadline.</summary>
public static class Poll
{
    public static void Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
            Thread.Sleep(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
            await Task.Delay(20);
        }
    }
}
