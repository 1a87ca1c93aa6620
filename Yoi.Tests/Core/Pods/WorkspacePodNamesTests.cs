using Yoi.Core.Workflows;
using Yoi.Core.Hosting;
using Yoi.Core.Config;
using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

/// <summary>Companion and Orchestrator names per workspace, with real panel startups spawning real Pods.</summary>
[Category("Integration")]
public class WorkspacePodNamesTests
{
    private static string Clone(YoiWorld world, string relative)
    {
        var ws = world.Workspace(relative);
        WorkspaceInit.Run(ws, null);
        return ws;
    }

    private static PanelLoader Loader(YoiWorld world, string ws) =>
        new(world.Services(), ws, new PanelLoaderOptions { ProbeBudget = TimeSpan.FromSeconds(2) });

    [Test]
    public async Task Two_clones_with_the_same_folder_name_each_get_their_own_companion_and_orchestrator()
    {
        using var world = new YoiWorld();
        var first = Clone(world, "src/app");
        var second = Clone(world, "work/app");

        var one = await Loader(world, first).ReloadAsync(PanelReloadMode.Ensure);
        var two = await Loader(world, second).ReloadAsync(PanelReloadMode.Ensure);

        var names = new[] { one.Header.Companion.PodName, one.Header.Orchestrator!.PodName, two.Header.Companion.PodName, two.Header.Orchestrator!.PodName };
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.StartWith("app-"));
        foreach (var (model, ws) in new[] { (one, first), (two, second) })
        {
            Assert.That(model.Header.Companion.State, Is.EqualTo(RoleState.Spawned), model.Header.Companion.Detail);
            Assert.That(model.Header.Orchestrator!.State, Is.EqualTo(RoleState.Spawned), model.Header.Orchestrator.Detail);
            Assert.That(world.Store.Find(model.Header.Companion.PodName)!.WorkspaceRoot, Is.EqualTo(ws));
            Assert.That(world.Store.Find(model.Header.Orchestrator.PodName)!.WorkspaceRoot, Is.EqualTo(ws));
        }

        // The first panel's Pods stop; opening the second panel again adopts nothing of the first.
        foreach (var pod in new[] { one.Header.Companion.PodName, one.Header.Orchestrator.PodName }) await world.Control().StopAsync(pod);
        var again = await Loader(world, second).ReloadAsync(PanelReloadMode.Ensure);
        Assert.That(again.Header.Companion.State, Is.EqualTo(RoleState.Live));
        Assert.That(world.Store.Find(one.Header.Companion.PodName)!.WorkspaceRoot, Is.EqualTo(first));
        var reopened = await Loader(world, first).ReloadAsync(PanelReloadMode.Ensure);
        Assert.That(reopened.Header.Companion.State, Is.EqualTo(RoleState.Restored), reopened.Header.Companion.Detail);
        Assert.That(reopened.Header.Orchestrator!.State, Is.EqualTo(RoleState.Restored), reopened.Header.Orchestrator.Detail);
    }

    [Test]
    public async Task A_workspace_whose_pods_have_the_old_folder_name_keeps_them_and_another_clone_does_not_take_them()
    {
        using var world = new YoiWorld();
        var old = Clone(world, "src/app");
        var other = Clone(world, "work/app");
        // Pods made before workspace hashing: named after the folder only.
        var control = world.Control();
        await control.StartAsync(new PodLaunchRequest(old, "app", Role: WorkspaceConfig.Companion));
        await control.StartAsync(new PodLaunchRequest(old, "app-orchestrator", Role: WorkspaceConfig.Orchestrator));
        var session = world.Store.Find("app")!.Active!.SessionId;
        await control.StopAsync("app");

        var mine = await Loader(world, old).ReloadAsync(PanelReloadMode.Ensure);
        Assert.That((mine.Header.Companion.PodName, mine.Header.Orchestrator!.PodName), Is.EqualTo(("app", "app-orchestrator")));
        Assert.That(mine.Header.Companion.State, Is.EqualTo(RoleState.Restored), mine.Header.Companion.Detail);
        Assert.That(mine.Header.Orchestrator.State, Is.EqualTo(RoleState.Live));
        Assert.That(world.Store.Find("app")!.Active!.SessionId, Is.EqualTo(session), "the existing conversation continues");

        var theirs = WorkspacePodNames.Resolve(world.Store, other);
        Assert.That(theirs, Is.EqualTo(new WorkspacePodNames(PodName.Companion(other), PodName.Orchestrator(other))));
        var refused = Assert.ThrowsAsync<PodLaunchException>(() => control.StartAsync(new PodLaunchRequest(other, "app")));
        Assert.That(refused!.Message, Does.Contain($"belongs to workspace {old}, not {other}"));
    }
}
