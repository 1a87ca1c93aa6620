namespace Yoi.Bench;

/// <summary>How big a run is: <see cref="Quick"/> shrinks every count so the smoke test runs in seconds.</summary>
internal sealed record BenchOptions(bool Quick)
{
    /// <summary>Measured runs after the warm-up: ≥ 5 for real figures, 1 in quick mode.</summary>
    public int Runs => Quick ? 1 : 7;

    public int Pick(int full, int quick) => Quick ? quick : full;
}
