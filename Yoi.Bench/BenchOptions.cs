namespace Yoi.Bench;

/// <summary>How big a run is: <see cref="Quick"/> shrinks every count so the smoke test runs in seconds.</summary>
internal sealed record BenchOptions(bool Quick, int? Tickets = null)
{
    /// <summary>Generated Tickets for reload and memory: 10,000, 60 when quick, or <c>--tickets=N</c> (for profiling).</summary>
    public int TicketCount => Tickets ?? Pick(10_000, 60);

    /// <summary>Measured runs after the warm-up: ≥ 5 for real figures, 1 in quick mode.</summary>
    public int Runs => Quick ? 1 : 5;

    /// <summary>
    /// Unmeasured runs before the measured ones where each run starts a process (a <c>yoi</c> CLI call, a panel): one,
    /// none in quick mode, whose figures are not compared with anything and whose smoke runs beside the whole suite.
    /// </summary>
    public int WarmUps => Quick ? 0 : 1;

    public int Pick(int full, int quick) => Quick ? quick : full;
}
