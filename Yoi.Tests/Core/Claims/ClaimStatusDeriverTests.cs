using Yoi.Core.Pods;
using Yoi.Core.Claims;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Claims;

/// <summary>Status derivation for every case, observed from real metadata files and real Unix sockets.</summary>
public class ClaimStatusDeriverTests
{
    private const string Pod = "ticket-intake-a";

    private static ClaimStatus Derive(RolesWorld world) =>
        ClaimStatusDeriver.Derive(new FilePodStatusSource(new PodMetadataStore(world.Paths, TimeProvider.System)).Observe(Pod), world.Location.WorkspaceRoot);

    [Test]
    public void Metadata_of_this_workspace_and_a_listening_socket_is_live()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Pod);
        world.Listen(Pod);
        Assert.That(Derive(world), Is.EqualTo(new ClaimStatus(ClaimStatusKind.Live)));
    }

    [Test]
    public void Metadata_without_a_socket_is_restorable()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Pod);
        Assert.That(Derive(world), Is.EqualTo(new ClaimStatus(ClaimStatusKind.Restorable)));
    }

    [Test]
    public void Metadata_with_a_dead_socket_file_is_restorable()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Pod);
        world.LeaveDeadSocket(Pod);
        Assert.That(File.Exists(world.Paths.PodSocketPath(Pod)), Is.True);
        Assert.That(Derive(world).Kind, Is.EqualTo(ClaimStatusKind.Restorable));
    }

    [Test]
    public void No_metadata_is_stale_even_when_a_socket_answers()
    {
        using var world = new RolesWorld();
        world.Listen(Pod);
        var status = Derive(world);
        Assert.That(status.Kind, Is.EqualTo(ClaimStatusKind.Stale));
        Assert.That(status.Reason, Is.EqualTo(StaleReason.NoMetadata));
        Assert.That(status.ReasonCode, Is.EqualTo("no_metadata"));
    }

    [TestCase("{\"pod_name\": ")]
    [TestCase("[1,2]")]
    [TestCase("{\"workspace_root\": \"/x\"}")]
    [TestCase("{\"pod_name\": \"ticket-intake-a\", \"workspace_root\": 5}")]
    public void Corrupt_metadata_is_stale_with_the_reason(string text)
    {
        using var world = new RolesWorld();
        world.WriteMetadataText(Pod, text);
        var status = Derive(world);
        Assert.That(status.Reason, Is.EqualTo(StaleReason.MetadataCorrupt));
        Assert.That(status.Explanation, Does.Contain(world.Paths.PodMetadataPath(Pod)));
    }

    [Test]
    public void Metadata_of_another_workspace_is_stale_and_names_that_workspace()
    {
        using var world = new RolesWorld();
        world.WriteMetadata(Pod, "/repo/other");
        world.Listen(Pod);
        var status = Derive(world);
        Assert.That(status.Reason, Is.EqualTo(StaleReason.OtherWorkspace));
        Assert.That(status.Explanation, Does.Contain("/repo/other"));
    }

    [Test]
    public void Metadata_naming_the_workspace_through_a_symlink_belongs_to_this_workspace()
    {
        using var world = new RolesWorld();
        var link = Path.Combine(world.Root, "ws-link");
        Directory.CreateSymbolicLink(link, world.Workspace);
        world.WriteMetadata(Pod, link + "/");
        Assert.That(Derive(world).Kind, Is.EqualTo(ClaimStatusKind.Restorable));
    }

    [Test]
    public void Metadata_without_a_workspace_is_stale_as_another_workspace()
    {
        using var world = new RolesWorld();
        world.WriteMetadataText(Pod, "{\"pod_name\": \"ticket-intake-a\"}");
        var status = Derive(world);
        Assert.That(status.Reason, Is.EqualTo(StaleReason.OtherWorkspace));
        Assert.That(status.Explanation, Does.Contain("records no workspace"));
    }

    [Test]
    public void An_invalid_pod_name_in_a_claim_is_observed_as_corrupt_without_touching_the_file_system()
    {
        using var world = new RolesWorld();
        var observation = new FilePodStatusSource(new PodMetadataStore(world.Paths, TimeProvider.System)).Observe("../escape");
        Assert.That(observation.MetadataState, Is.EqualTo(PodMetadataState.Corrupt));
        Assert.That(observation.Live, Is.False);
    }

    [Test]
    public void A_registry_without_a_workspace_root_does_not_filter_by_workspace()
    {
        var pod = new PodObservation(Pod, PodMetadataState.Ok, "/anywhere", Live: true);
        Assert.That(ClaimStatusDeriver.Derive(pod, workspaceRoot: null).Kind, Is.EqualTo(ClaimStatusKind.Live));
    }
}
