using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Cli;

public class PeerCliTests
{
    [Test]
    public void Peer_register_links_both_pods_and_reports_the_pair()
    {
        using var dir = new TempDir();
        var store = new PodMetadataStore(YoiPaths.From(k => k == "YOI_HOME" ? dir.Path : null), TimeProvider.System);
        store.Update("a", _ => new PodMetadata { PodName = "a" });
        store.Update("b", _ => new PodMetadata { PodName = "b" });
        var result = InProcessYoi.Run(new Dictionary<string, string> { ["YOI_HOME"] = dir.Path }, "peer", "register", "b", "--as", "a");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Does.Contain("Peer metadata registered: `a` ↔ `b`"));
        Assert.That(store.Find("b")!.HasPeer("a"), Is.True);
    }

    [Test]
    public void Peer_commands_without_an_acting_pod_explain_how_to_name_one()
    {
        using var dir = new TempDir();
        var result = InProcessYoi.Run(new Dictionary<string, string> { ["YOI_HOME"] = dir.Path }, "peer", "register", "b");
        Assert.That(result.ExitCode, Is.EqualTo(2), "a missing acting Pod is a usage error");
        Assert.That(result.Stderr, Does.Contain("--as POD"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_registration_killed_between_the_two_writes_converges_after_one_discovery_call(bool targetSurvives)
    {
        using var dir = new TempDir();
        var store = new PodMetadataStore(YoiPaths.From(k => k == "YOI_HOME" ? dir.Path : null), TimeProvider.System);
        store.Update("a", _ => new PodMetadata { PodName = "a" });
        store.Update("b", _ => new PodMetadata { PodName = "b" });
        var result = YoiProcess.Run(["peer", "register", "b", "--as", "a"],
            new Dictionary<string, string> { ["YOI_HOME"] = dir.Path, [CrashPoint.Variable] = CrashPoint.PeerBetweenWrites });
        Assert.That(result.ExitCode, Is.Not.Zero, "the process was killed");
        Assert.That(store.Find("a")!.HasPeer("b"), Is.True, "first write happened");
        Assert.That(store.Find("b")!.HasPeer("a"), Is.False, "second write did not");
        if (!targetSurvives) Directory.Delete(store.Paths.PodDir("b"), recursive: true);

        var links = new PeerLinks(store);
        var visible = new PodDiscovery(store, links, TimeSpan.FromMilliseconds(100)).VisibleSet("a");

        if (targetSurvives)
        {
            Assert.That(store.Find("a")!.HasPeer("b") && store.Find("b")!.HasPeer("a"), Is.True, "both");
            Assert.That(visible.Select(v => (v.PodName, v.Visibility)), Does.Contain(("b", Visibility.Peer)));
        }
        else
        {
            Assert.That(store.Find("a")!.HasPeer("b"), Is.False, "neither");
            Assert.That(visible.Select(v => v.PodName), Is.EqualTo(new[] { "a" }));
        }
        Assert.That(links.PendingIntents(), Is.Empty);
        Assert.That(FileLock.IsFree(store.Paths.PodMetadataLockPath("a")), Is.True);
    }
}
