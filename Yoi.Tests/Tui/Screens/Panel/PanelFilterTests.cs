using Yoi.Core.Panel;
using Yoi.Tui.Screens.Panel;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelFilterTests
{
    private static IEnumerable<PanelRowKey> Keys(string filter) =>
        PanelFilter.Apply(PanelModels.Small(needsYou: false).Rows, filter).Select(r => r.Key);

    [Test]
    public void A_ticket_id_match_keeps_the_ticket_its_intake_child_and_the_section_header()
    {
        Assert.That(Keys("kv0a1b2c"), Is.EqualTo(new[]
        {
            PanelRowKey.Section(PanelSection.Tickets),
            PanelRowKey.Ticket("00001KV0A1B2C"),
            PanelRowKey.Intake("00001KV0A1B2C", "ticket-intake-00001kv0a1b2c"),
            PanelRowKey.Section(PanelSection.Working),
            PanelRowKey.Pod("ticket-intake-00001kv0a1b2c"),
        }));
    }

    [Test]
    public void A_pod_name_match_keeps_only_that_pod_under_its_header()
    {
        Assert.That(Keys("YOI-DEMO"), Is.EqualTo(new[] { PanelRowKey.Section(PanelSection.Pending), PanelRowKey.Pod("yoi-demo") }));
    }

    [Test]
    public void A_japanese_title_fragment_matches_and_a_blank_filter_keeps_everything()
    {
        Assert.That(Keys("一覧"), Is.EqualTo(new[] { PanelRowKey.Section(PanelSection.Tickets), PanelRowKey.Ticket("00001KV09WYC6") }));
        Assert.That(Keys("  ").Count(), Is.EqualTo(PanelModels.Small(needsYou: false).Rows.Count));
        Assert.That(Keys("nothing-like-this"), Is.Empty);
    }

    [Test]
    public void The_filter_matches_the_words_the_rows_show_state_role_and_pod_status()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Keys("ready").Where(k => k.Value.StartsWith("ticket:", StringComparison.Ordinal)), Is.EqualTo(new[] { PanelRowKey.Ticket("00001KV09WYC6") }), "Ticket state");
            Assert.That(Keys("plan").Count(k => k.Value.StartsWith("ticket:", StringComparison.Ordinal)), Is.EqualTo(2), "the short state word");
            Assert.That(Keys("companion"), Does.Contain(PanelRowKey.Pod("yoi-demo")), "role");
            Assert.That(Keys("idle"), Is.EqualTo(new[] { PanelRowKey.Section(PanelSection.Pending), PanelRowKey.Pod("yoi-demo") }), "Pod status word");
            Assert.That(Keys("stopped"), Is.EqualTo(new[] { PanelRowKey.Section(PanelSection.Closed), PanelRowKey.Pod("old-helper") }), "Pod status word");
            Assert.That(Keys("stale"), Does.Contain(PanelRowKey.Ticket("00001KV0D3E4F")), "claim status");
            Assert.That(Keys("wait"), Is.Empty, "no gate is waiting in this model");
        });
    }
}
