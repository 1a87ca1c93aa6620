using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Registry;

public class RegistryLocationTests
{
    [Test]
    public void The_registry_is_workspace_scoped_under_the_data_directory()
    {
        var paths = new YoiPaths("/c", "/d", "/r");
        var yoi = RegistryLocation.ForWorkspace(paths, "/repo/yoi");
        var other = RegistryLocation.ForWorkspace(paths, "/repo/other");
        Assert.That(yoi.Directory, Is.EqualTo("/d/panel/workspaces/yoi-f442d89d9ee56182"));
        Assert.That(other.Directory, Is.EqualTo("/d/panel/workspaces/other-261e926704938743"));
        Assert.That(yoi.WorkspaceRoot, Is.EqualTo("/repo/yoi"));
        Assert.That(yoi.SessionsFile, Is.EqualTo("/d/panel/workspaces/yoi-f442d89d9ee56182/role-sessions.json"));
        Assert.That(yoi.LockFile, Does.EndWith("/role-sessions.lock"));
        Assert.That(yoi.HistoryFile, Does.EndWith("/ticket-claims/history.jsonl"));
    }

    [Test]
    public void A_symlinked_checkout_shares_the_registry_of_its_target()
    {
        using var dir = new TempDir();
        var real = dir.Combine("real-ws");
        Directory.CreateDirectory(real);
        var link = dir.Combine("link-ws");
        Directory.CreateSymbolicLink(link, real);
        var paths = new YoiPaths("/c", "/d", "/r");
        Assert.That(RegistryLocation.ForWorkspace(paths, link), Is.EqualTo(RegistryLocation.ForWorkspace(paths, real)));
    }

    [TestCase("00001KV09WYC6", "00001KV09WYC6")]
    [TestCase("a_b-C", "a_b-C")]
    [TestCase("a/b c", "a%2Fb%20c")]
    [TestCase("..", "%2E%2E")]
    [TestCase("é", "%C3%A9")]
    public void Ticket_ids_map_to_file_names_keeping_safe_characters_and_escaping_every_other_byte(string id, string name) =>
        Assert.That(RegistryLocation.EncodeTicketId(id), Is.EqualTo(name));
}
