using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

public class PodDiscoveryTests
{
    /// <summary>
    /// Regression (reliability suite, names): restore_pod/inspect with `a/b`, `..` or an 81-character name answered
    /// "pod state missing", hiding that the name itself can never be valid.
    /// </summary>
    [TestCase("a/b", "path separator")]
    [TestCase("..", "reserved")]
    [TestCase("a\0b", "NUL")]
    [TestCase("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "longer than 80")]
    public void Inspecting_an_invalid_pod_name_is_refused_with_the_reason_before_any_lookup(string name, string reason)
    {
        using var dir = new TempDir();
        var store = new PodMetadataStore(new YoiPaths(dir.Combine("c"), dir.Combine("d"), dir.Combine("r")), TimeProvider.System);
        store.Update("self", _ => new PodMetadata { PodName = "self" });
        var discovery = new PodDiscovery(store, new PeerLinks(store), TimeSpan.FromMilliseconds(100));
        var ex = Assert.ThrowsAsync<DiscoveryException>(() => discovery.InspectAsync("self", name));
        Assert.That(ex!.Message, Does.StartWith("invalid pod name: ").And.Contain(reason));
    }
}
