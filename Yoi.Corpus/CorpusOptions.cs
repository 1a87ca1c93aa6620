namespace Yoi.Corpus;

/// <summary>What to generate. The same options always give byte-identical files.</summary>
public sealed record CorpusOptions
{
    /// <summary>The seed of the default corpus (snapshots are taken of it).</summary>
    public const int DefaultSeed = 20260601;

    /// <summary>As many records as the real 2026-06 corpus has.</summary>
    public const int DefaultCount = 223;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Valid records to write.</summary>
    public int Count { get; init; } = DefaultCount;

    /// <summary>Also write one broken record of each <see cref="BrokenRecords.Kinds"/> after the valid ones.</summary>
    public bool Broken { get; init; }
}

/// <summary>A broken record that was written on purpose: its directory name under the root and what is wrong with it.</summary>
public sealed record BrokenRecord(string DirectoryName, string Kind);

/// <summary>
/// What the generator wrote, counted while writing (not by reading the files back), so tests can compare what the
/// product loads with what is on disk.
/// </summary>
public sealed record CorpusFacts(
    IReadOnlyList<string> Ids,
    IReadOnlyDictionary<string, int> States,
    IReadOnlyDictionary<string, int> Styles,
    IReadOnlyDictionary<string, int> EventKinds,
    int Events,
    int WithRelations,
    int WithPlans,
    int Resolutions,
    int ClosedWithoutResolution,
    int ReviewsWithoutValidStatus,
    int FreeFormArtifacts,
    string LegacyMigratedId,
    IReadOnlyList<BrokenRecord> Broken,
    long Bytes)
{
    public int Records => Ids.Count;

    public int State(string name) => States.GetValueOrDefault(name);
}
