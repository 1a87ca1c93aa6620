using Yoi.Core.Paths;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Paths;

public class WorkspaceKeyTests
{
    [TestCase("/home/hare/Projects/yoi", "yoi-98a7608c8d336caf")]
    [TestCase("/repo/yoi", "yoi-f442d89d9ee56182")]
    [TestCase("/repo/other", "other-261e926704938743")]
    public void Directory_name_matches_the_reference_vectors(string key, string expected) =>
        Assert.That(WorkspaceKey.FromKey(key).DirectoryName, Is.EqualTo(expected));

    [Test]
    public void Leaf_replaces_odd_characters_and_falls_back_to_workspace()
    {
        Assert.That(WorkspaceKey.FromKey("/tmp/My Repo.git").Leaf, Is.EqualTo("My-Repo-git"));
        Assert.That(WorkspaceKey.FromKey("/").Leaf, Is.EqualTo("workspace"));
        Assert.That(WorkspaceKey.FromKey("C:\\src\\proj").Key, Is.EqualTo("C:/src/proj"));
    }

    [Test]
    public void A_symlinked_checkout_shares_the_key_of_its_target()
    {
        using var dir = new TempDir();
        var real = Directory.CreateDirectory(dir.Combine("real")).FullName;
        var link = dir.Combine("link");
        Directory.CreateSymbolicLink(link, real);
        Assert.That(WorkspaceKey.ForCanonicalWorkspace(link), Is.EqualTo(WorkspaceKey.ForCanonicalWorkspace(real)));
        Assert.That(WorkspaceKey.ForCanonicalWorkspace(link + "/").Key, Does.EndWith("/real"));
    }
}
