using Microsoft.Extensions.Time.Testing;

namespace Yoi.Tests.Support;

/// <summary>The tests' predictable clock: a <see cref="FakeTimeProvider"/> one second further at every reading, so Ticket ids and timestamps are distinct and the same in every run.</summary>
public static class TickingClock
{
    public static readonly DateTimeOffset Start = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
}
