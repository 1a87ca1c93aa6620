namespace Yoi.Tests.Support;

/// <summary>
/// The real 2026-06 corpus (223 records of third-party text, never copied into the repository): the folder named by
/// <c>YOI_FIXTURES</c> (the corpus folder itself, holding <c>.yoi/tickets</c>, or a folder holding
/// <c>yoi-tickets-2026-06</c>), else <c>../shared/fixtures/yoi-tickets-2026-06</c> next to the repository.
/// </summary>
public static class RealCorpus
{
    public const string FolderName = "yoi-tickets-2026-06";
    public const string Variable = "YOI_FIXTURES";

    /// <summary>What the real corpus is known to hold (counted once from the files; they never change).</summary>
    public static readonly CorpusExpectations Expect = new(
        Records: 223,
        States: new Dictionary<string, int>(StringComparer.Ordinal) { ["closed"] = 213, ["planning"] = 10 },
        Events: 1934,
        WithRelations: 25,
        WithPlans: 53,
        LegacyMigratedId: "00001KSKBP8Z8",
        Broken: []);

    /// <summary>Where the corpus is, or null with the reason it is not there.</summary>
    public static (string? Path, string Reason) Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
        {
            foreach (var candidate in new[] { named, Path.Combine(named, FolderName) })
                if (Directory.Exists(Path.Combine(candidate, ".yoi", "tickets"))) return (Path.GetFullPath(candidate), "");
            return (null, $"{Variable}={named} holds no .yoi/tickets (nor {FolderName}/.yoi/tickets)");
        }
        var beside = Path.GetFullPath(Path.Combine(RepoPaths.Root(), "..", "shared", "fixtures", FolderName));
        return Directory.Exists(Path.Combine(beside, ".yoi", "tickets"))
            ? (beside, "")
            : (null, $"real corpus not present: no {beside} and {Variable} is not set");
    }

    /// <summary>
    /// The real corpus, or: skipped (<see cref="Assert.Ignore(string)"/>) when it is simply absent; failed when
    /// <c>YOI_FIXTURES</c> names a folder that does not hold it (an explicit request that cannot be met).
    /// </summary>
    public static CorpusWorkspace OpenOrIgnore()
    {
        var (path, reason) = Locate();
        if (path is not null) return new CorpusWorkspace(CorpusKind.Real, path, Expect);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }) Assert.Fail(reason);
        Assert.Ignore(reason);
        throw new InvalidOperationException("unreachable");
    }
}
