using Yoi.Corpus;

namespace Yoi.Tests.Support;

/// <summary>Which corpus a check runs on.</summary>
public enum CorpusKind
{
    /// <summary>The generated default corpus (<see cref="TestCorpus.Workspace()"/>); always present.</summary>
    Generated,

    /// <summary>The real 2026-06 corpus (<see cref="RealCorpus"/>); category <see cref="Corpora.RealCategory"/>, skipped when absent.</summary>
    Real,
}

/// <summary>What a check may expect of a corpus: for the generated one, what the generator wrote; for the real one, its known counts.</summary>
public sealed record CorpusExpectations(
    int Records,
    IReadOnlyDictionary<string, int> States,
    int Events,
    int WithRelations,
    int WithPlans,
    string LegacyMigratedId,
    IReadOnlyList<BrokenRecord> Broken)
{
    public int State(string name) => States.GetValueOrDefault(name);

    public int Open => Records - State("closed");

    public static CorpusExpectations Of(CorpusFacts facts) =>
        new(facts.Records, facts.States, facts.Events, facts.WithRelations, facts.WithPlans, facts.LegacyMigratedId, facts.Broken);
}

/// <summary>
/// Test case sources for checks that run on both corpora: <c>[TestCaseSource(typeof(Corpora), nameof(Corpora.Both))]</c>
/// with a <see cref="CorpusKind"/> parameter, then <see cref="TestCorpus.Open"/>. The real case is in the
/// <see cref="RealCategory"/> category (<c>--filter TestCategory=RealCorpus</c>).
/// </summary>
public static class Corpora
{
    public const string RealCategory = "RealCorpus";

    public static IEnumerable<TestCaseData> Both()
    {
        yield return new TestCaseData(CorpusKind.Generated);
        yield return new TestCaseData(CorpusKind.Real).SetCategory(RealCategory);
    }

    /// <summary><see cref="Both"/> with extra leading arguments, e.g. terminal sizes.</summary>
    public static IEnumerable<TestCaseData> BothWith(params object[][] arguments)
    {
        foreach (var args in arguments)
        {
            yield return new TestCaseData([.. args, CorpusKind.Generated]);
            yield return new TestCaseData([.. args, CorpusKind.Real]).SetCategory(RealCategory);
        }
    }
}
