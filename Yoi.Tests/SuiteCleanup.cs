using Yoi.Tests.Support;

namespace Yoi.Tests;

/// <summary>What the whole suite shares is removed once its last test has run (every test is under this namespace).</summary>
[SetUpFixture]
public sealed class SuiteCleanup
{
    [OneTimeTearDown]
    public void RemoveSharedState() => TestCorpus.RemoveShared();
}
