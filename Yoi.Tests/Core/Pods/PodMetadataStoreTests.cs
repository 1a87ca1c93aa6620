using System.Diagnostics;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

public class PodMetadataStoreTests
{
    private static PodMetadataStore Store(TempDir dir) => new(new YoiPaths(dir.Combine("c"), dir.Combine("d"), dir.Combine("r")), TimeProvider.System);

    [Test]
    public void Update_creates_missing_metadata_and_preserves_other_fields()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        store.Update("a", m => new PodMetadata { PodName = "a", WorkspaceRoot = "/w", Role = "companion" });
        var updated = store.Update("a", m => m! with { Active = new ActiveSession("s1") });
        Assert.That(updated.WorkspaceRoot, Is.EqualTo("/w"));
        Assert.That(updated.Role, Is.EqualTo("companion"));
        Assert.That(updated.Active, Is.EqualTo(new ActiveSession("s1")));
        Assert.That(updated.CreatedAt, Is.Not.Null);
        Assert.That(store.ListNames(), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Peers_are_written_sorted_and_unique_and_empty_lists_are_omitted()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        store.Update("a", _ => new PodMetadata { PodName = "a", Peers = [new("c"), new("b"), new("c")] });
        Assert.That(store.Find("a")!.Peers.Select(p => p.PodName), Is.EqualTo(new[] { "b", "c" }));
        var json = File.ReadAllText(store.Paths.PodMetadataPath("a"));
        Assert.That(json, Does.Not.Contain("spawned_children").And.Contain("\"peers\""));
        Assert.That(json, Does.StartWith("{\n  \"pod_name\": \"a\""));
    }

    [Test]
    public void Missing_and_corrupt_metadata_are_typed_results()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Assert.That(store.Read("nobody").State, Is.EqualTo(MetadataState.Missing));
        Directory.CreateDirectory(store.Paths.PodDir("bad"));
        File.WriteAllText(store.Paths.PodMetadataPath("bad"), "{ not json");
        var read = store.Read("bad");
        Assert.That(read.State, Is.EqualTo(MetadataState.Corrupt));
        Assert.That(read.Error, Does.Contain("metadata.json"));
        Assert.That(Assert.Throws<PodMetadataException>(() => store.Find("bad"))!.Message, Does.Contain("yoi doctor"));
    }

    [Test]
    public void Concurrent_updates_from_two_processes_lose_nothing()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        store.Update("a", _ => new PodMetadata { PodName = "a" });
        // Two writers in parallel threads each add 40 distinct peers; the per-Pod lock serialises them.
        Parallel.For(0, 2, w =>
        {
            for (var i = 0; i < 40; i++) store.Update("a", m => m!.WithPeer($"p{w}-{i:00}"));
        });
        Assert.That(store.Find("a")!.Peers, Has.Count.EqualTo(80));
    }

    [Test]
    public void A_writer_killed_while_holding_the_lock_does_not_block_the_next_update()
    {
        using var dir = new TempDir();
        var store = Store(dir);
        store.Update("a", _ => new PodMetadata { PodName = "a" });
        var lockPath = store.Paths.PodMetadataLockPath("a");
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", lockPath, "sleep", "30"]))!;
        Poll.Until(() => !Yoi.Core.Storage.FileLock.IsFree(lockPath), TimeSpan.FromSeconds(5), "the child to hold the lock");
        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        Assert.That(store.Update("a", m => m! with { Role = "intake" }).Role, Is.EqualTo("intake"));
    }

    [TestCase("a/b")]
    [TestCase("..")]
    public void Invalid_names_never_touch_the_file_system(string name)
    {
        using var dir = new TempDir();
        var store = Store(dir);
        Assert.Throws<ArgumentException>(() => store.Update(name, _ => new PodMetadata { PodName = name }));
        Assert.That(store.Read(name).State, Is.EqualTo(MetadataState.Corrupt));
        Assert.That(Directory.Exists(store.Paths.PodsDir), Is.False);
    }
}
