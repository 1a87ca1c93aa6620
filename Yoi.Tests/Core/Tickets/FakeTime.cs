namespace Yoi.Tests.Core.Tickets;

/// <summary>A clock that advances one second per reading, so ids and timestamps are distinct and predictable.</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public static FakeTime Default() => new(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now = _now.AddSeconds(1);
        return now;
    }
}
