using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

public class PeerLinksTests
{
    private static PodMetadataStore Store(TempDir dir) => new(new YoiPaths(dir.Combine("c"), dir.Combine("d"), dir.Combine("r")), TimeProvider.System);

    private static void Create(PodMetadataStore store, string name, params string[] peers) =>
        store.Update(name, _ => new PodMetadata { PodName = name, Peers = peers.Select(p => new PeerRef(p)).ToList() });

    private static string[] PeersOf(PodMetadataStore store, string name) => store.Find(name)!.Peers.Select(p => p.PodName).ToArray();

    [Test]
    public void Register_writes_both_metadata_files_and_is_idempotent()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Create(store, "a");
        Create(store, "b");
        var links = new PeerLinks(store);
        Assert.That(links.Register("a", "b"), Is.EqualTo(new PeerRegistration("a", "b")));
        Assert.That(links.Register("a", "b"), Is.EqualTo(new PeerRegistration("a", "b")));
        Assert.That(PeersOf(store, "a"), Is.EqualTo(new[] { "b" }));
        Assert.That(PeersOf(store, "b"), Is.EqualTo(new[] { "a" }));
        Assert.That(links.PendingIntents(), Is.Empty);
    }

    [Test]
    public void Self_registration_is_refused_before_any_store_access()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        var ex = Assert.Throws<DiscoveryException>(() => new PeerLinks(store).Register("a", "a"))!;
        Assert.That(ex.Message, Is.EqualTo("pod `a` cannot be registered as a peer of itself"));
        Assert.That(Directory.Exists(store.Paths.PodsDir), Is.False);
    }

    [Test]
    public void Missing_target_and_missing_self_fail_with_the_reference_texts_and_write_nothing()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Create(store, "a");
        var links = new PeerLinks(store);
        Assert.That(Assert.Throws<DiscoveryException>(() => links.Register("a", "ghost"))!.Message, Is.EqualTo("pod `ghost` does not exist"));
        Assert.That(links.EnsureExisting("a", "ghost"), Is.EqualTo(EnsurePeerResult.PeerMissing));
        Assert.That(PeersOf(store, "a"), Is.Empty);
        Assert.That(Assert.Throws<DiscoveryException>(() => links.Register("nobody", "a"))!.Message, Is.EqualTo("pod state missing for `nobody`"));
        Assert.That(Assert.Throws<DiscoveryException>(() => links.Register("a", "x/y"))!.Message, Does.StartWith("invalid pod name: x/y"));
    }

    [Test]
    public void A_failed_second_write_restores_the_source_prior_list_exactly()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Create(store, "a", "b", "c");   // a already lists b (one-sided) and c
        Create(store, "b");
        Create(store, "c", "a");
        var links = new PeerLinks(store) { BetweenWrites = (_, _) => throw new IOException("disk full") };
        var ex = Assert.Throws<IOException>(() => links.Register("a", "b"))!;
        Assert.That(ex.Message, Does.Contain("pod store error").And.Contain("disk full"));
        Assert.That(PeersOf(store, "a"), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(PeersOf(store, "b"), Is.Empty);
        Assert.That(links.PendingIntents(), Is.Empty);
    }

    [Test]
    public void A_leftover_intent_converges_to_both_when_both_pods_exist()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Create(store, "a", "b");   // the state right after a crash between the two writes
        Create(store, "b");
        WriteIntent(store, "a", "b");
        var links = new PeerLinks(store);
        Assert.That(links.RecoverIntents(), Is.EqualTo(1));
        Assert.That(PeersOf(store, "b"), Is.EqualTo(new[] { "a" }));
        Assert.That(PeersOf(store, "a"), Is.EqualTo(new[] { "b" }));
        Assert.That(links.PendingIntents(), Is.Empty);
    }

    [Test]
    public void A_leftover_intent_converges_to_neither_when_the_target_is_gone()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Create(store, "a", "b", "c");
        WriteIntent(store, "a", "b");
        new PeerLinks(store).RecoverIntents("a");
        Assert.That(PeersOf(store, "a"), Is.EqualTo(new[] { "c" }));
    }

    [Test]
    public void Names_containing_double_dashes_keep_their_intents_apart()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Create(store, "a--b");
        Create(store, "c");
        new PeerLinks(store).Register("a--b", "c");
        Assert.That(PeersOf(store, "c"), Is.EqualTo(new[] { "a--b" }));
    }

    /// <summary>The intent file exactly as a process killed between the two writes leaves it.</summary>
    private static void WriteIntent(PodMetadataStore store, string source, string peer)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new PeerIntent(source, peer, []), PodsJson.Info<PeerIntent>());
        AtomicFile.WriteAllText(Path.Combine(store.Paths.PeerIntentsDir, $"{source}--{peer}.json"), json);
    }
}
