using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Panel;

public sealed class PanelLoaderTests
{
    [Test]
    public async Task Fixture_workspace_of_223_records_renders_every_open_ticket_and_invalid_placeholders()
    {
        using var data = new TempDir("yoi-panel-fx");
        var paths = new YoiPaths(data.Combine("c"), data.Combine("d"), data.Combine("r"));
        var loader = new PanelLoader(RepoPaths.FixtureWorkspace, paths, TimeProvider.System);
        var model = await loader.ReloadAsync(PanelReloadMode.Observe);

        Assert.That(model.Header.TicketConfig, Is.EqualTo(TicketConfigState.Usable));
        Assert.That(model.Timing.TicketsParsed, Is.EqualTo(223));
        var listing = new TicketStore(Path.Combine(RepoPaths.FixtureWorkspace, ".yoi", "tickets")).ListTolerant();
        Assert.That(model.TicketRows.Count(), Is.EqualTo(listing.Records.Count(r => r.Meta.State != TicketState.Closed)));
        Snapshot.Match(PanelModelText.Render(model));
    }
}
