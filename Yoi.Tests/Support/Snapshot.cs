using System.Runtime.CompilerServices;

namespace Yoi.Tests.Support;

/// <summary>
/// <c>Snapshot.Match(text)</c>: compares with <c>snapshots/{Class}.{Method}_{param=value}[_{suffix}].verified.txt</c>
/// at the repository root (Verify's naming), failing with a DiffPlex diff on mismatch.
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string? suffix = null, Func<string, string>? scrub = null,
        [CallerFilePath] string sourceFile = "")
    {
        var text = scrub is null ? actual : scrub(actual);
        var verifier = new SnapshotVerifier(RepoPaths.Snapshots(sourceFile), Environment.GetEnvironmentVariable);
        var result = verifier.Verify(CurrentName(suffix), text);
        switch (result.Outcome)
        {
            case SnapshotOutcome.Matched:
                return;
            case SnapshotOutcome.Accepted:
                TestContext.Out.WriteLine(result.Message);
                return;
            default:
                Assert.Fail(result.Message);
                return;
        }
    }

    /// <summary><c>{Class}.{Method}</c> plus <c>_{param}=value</c> for each argument and an optional suffix.</summary>
    public static string CurrentName(string? suffix = null)
    {
        var test = TestContext.CurrentContext.Test;
        var name = $"{test.ClassName?.Split('.').Last()}.{test.MethodName}";
        var parameters = test.MethodInfo?.GetParameters().ToArray() ?? [];
        for (var i = 0; i < parameters.Length && i < test.Arguments.Length; i++)
            name += $"_{parameters[i].Name}={test.Arguments[i]}";
        return suffix is null ? name : $"{name}_{suffix}";
    }
}
