using Yoi.Core.Hosting;
using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Tests.Support;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;
using static Yoi.Tests.Tui.Screens.Panel.PanelFrames;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelPainterTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    private static PanelScreenState Small()
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace));
        state.ApplyModel(PanelModels.Small(), Now);
        state.MoveSelection(Key.Of(KeyCode.Down), 20); // the first data selects nothing; the user's ↓ selects the first row
        return state;
    }

    [Test]
    public void The_first_frame_says_loading_before_any_data()
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace)) { Refreshing = true };
        var frame = Paint(state);
        Assert.That(frame.ToPlainText().Split('\n')[1], Is.EqualTo("⚠ Loading workspace dashboard…"));
        Assert.That(frame.ToPlainText(), Does.Not.Contain("no Tickets or Pods found"));
    }

    [Test]
    public void A_small_model_at_80x24()
    {
        var frame = Paint(Small());
        Snapshot.Match(frame.ToPlainText());
        Snapshot.Match(frame.ToStyleText(), suffix: "styles");
    }

    private static PanelColumns Columns(PanelScreenState state, int width = 80) => PanelColumns.For(state.Model, new Rect(0, 1, width, 10));

    [Test]
    public void The_selected_ticket_has_a_bold_magenta_marker_and_title()
    {
        var state = Small();
        state.Select(PanelRowKey.Ticket("00001KV09WYC6"));
        var frame = Paint(state);
        var title = Columns(state).TitleX;
        var y = LineOf(frame, "ワークスペース");
        Assert.That(frame.TextAt(0, y), Is.EqualTo("▶"));
        Assert.That(frame.StyleAt(0, y), Is.EqualTo(new Style(Color.Magenta, Attr: TextAttr.Bold)));
        Assert.That(frame.StyleAt(title, y), Is.EqualTo(new Style(Color.Magenta, Attr: TextAttr.Bold)), "selected title");
        Assert.That(frame.StyleAt(2, y), Is.EqualTo(new Style(Color.Green)), "a ready Ticket's state column is green");
        var other = LineOf(frame, "Fix the reload race");
        Assert.That(frame.TextAt(0, other), Is.EqualTo(" "));
        Assert.That(frame.StyleAt(title, other), Is.EqualTo(new Style(Color.Magenta)), "unselected title is not bold");
        Assert.That(frame.StyleAt(2, other), Is.EqualTo(new Style(Color.DarkGrey)), "a background Ticket's state is dark grey");
        Assert.That(frame.ToPlainText(), Does.Contain("── 00001KV09WYC6 ワークスペース一覧の表示を改善する ──"), "the details heading names the selection");
    }

    [Test]
    public void Pod_status_colours_follow_the_reference()
    {
        var frame = Paint(Small());
        var lines = frame.ToPlainText().Split('\n');
        var idle = LineStarting(frame, "  idle ");
        var running = LineStarting(frame, "  running ");
        Assert.That(frame.StyleAt(2, idle), Is.EqualTo(new Style(Color.Green, Attr: TextAttr.Bold)));
        Assert.That(frame.StyleAt(2, running), Is.EqualTo(new Style(Color.Yellow, Attr: TextAttr.Bold)));
        Assert.That(frame.StyleAt(2, LineStarting(frame, "  stopped ")), Is.EqualTo(new Style(Color.Yellow)));
        Assert.That(lines[idle], Does.Contain("yoi-demo").And.Contain("companion").And.EndWith("✉3"));
        Assert.That(lines[running], Does.Contain("⇄1"));
    }

    [Test]
    public void A_stale_claim_shows_in_its_row_in_needs_you_and_with_its_full_reason_in_the_details()
    {
        var state = Small();
        var frame = Paint(state);
        var cols = Columns(state);
        Assert.That(frame.ToPlainText().Split('\n').Count(l => l.Contains("日本語と English の混在したタイトル", StringComparison.Ordinal)), Is.EqualTo(2),
            "the Ticket shows once (in Needs you); the other line is the details heading");
        Assert.That(frame.ToPlainText(), Does.Not.Contain("  plan  00001KV0D"));
        _ = cols;
        var needs = LineStarting(frame, "▶ stale claim");
        Assert.That(frame.StyleAt(2, needs), Is.EqualTo(new Style(Color.Yellow)), "the Needs you row is first and selected");
        Assert.That(frame.ToPlainText(), Does.Contain("Needs you · 1"));
        Assert.That(Paint(state, 120, 40).ToPlainText(), Does.Contain("claim ticket-intake-gone (stale (no pod metadata)) · role intake · generation 1"),
            "a taller details pane has the claim line");
    }

    [Test]
    public void The_help_overlay_lists_the_panel_keys()
    {
        var state = Small();
        state.OpenOverlay(PanelOverlay.Help);
        var frame = Paint(state, 100, 30);
        Snapshot.Match(frame.ToPlainText());
        Assert.That(frame.Cursor, Is.Null, "no composer cursor under the overlay");
    }

    [Test]
    public void The_f2_popup_shows_the_full_error()
    {
        var state = Small();
        state.ShowNotice(PanelNotice.Error("Ticket Intake launch failed",
            "Ticket 00001KV0A1B2C is already claimed by local Intake Pod ticket-intake-00001kv0a1b2c (live); open that Pod instead of starting a second Intake."), Now);
        Assert.That(PanelFooterPainter.ActionbarLeft(state).Text, Does.EndWith("(F2 details)"));
        state.OpenOverlay(PanelOverlay.Details);
        var frame = Paint(state);
        Snapshot.Match(frame.ToPlainText());
    }

    [Test]
    public void The_reclaim_question_is_a_popup()
    {
        var state = Small();
        state.Select(PanelRowKey.Ticket("00001KV0D3E4F"));
        PanelKeys.Handle(state, Key.Ctrl('r'), Now, 20);
        var frame = Paint(state);
        Assert.That(frame.ToPlainText(), Does.Contain("Reclaim Ticket 00001KV0D3E4F from stale Pod ticket-intake-gone? y/n"));
    }

    [TestCase(59, 24)]
    [TestCase(80, 15)]
    public void A_terminal_below_60x16_shows_the_too_small_screen(int width, int height)
    {
        var frame = Paint(Small(), width, height);
        Snapshot.Match(frame.ToPlainText());
        Assert.That(frame.ToPlainText(), Does.Contain($"terminal too small ({width}×{height}); need 60×16"));
    }

    [Test]
    public void No_color_keeps_the_selection_marker_and_bold_but_drops_colours()
    {
        var frame = Paint(Small());
        var text = new Renderer(noColor: true).RenderText(frame);
        Assert.That(text, Does.Contain("▶"));
        Assert.That(text, Does.Contain("\e[0;1m"), "bold survives");
        Assert.That(text, Does.Not.Match(@"\e\[[0-9;]*;3[0-7]m"), "no foreground colour");
        Assert.That(new Renderer(noColor: false).RenderText(frame), Does.Match(@"\e\[0;1;35m"));
    }

    [Test]
    public void The_filter_line_shows_the_filter_and_the_match_count()
    {
        var state = Small();
        PanelKeys.Handle(state, Key.Char('/'), Now, 20);
        foreach (var c in "reload") PanelKeys.Handle(state, Key.Char(c), Now, 20);
        var frame = Paint(state);
        Assert.That(frame.ToPlainText().Split('\n')[1], Does.StartWith("/reload  2 matching rows · Enter keeps the filter · Esc clears"));
        Assert.That(frame.Cursor, Is.EqualTo((7, 1)), "the cursor is in the filter");
    }

    [Test]
    public void Nothing_is_drawn_past_the_right_edge_and_wide_characters_are_never_split()
    {
        foreach (var width in new[] { 60, 61, 80, 97 })
        {
            var frame = Paint(Small(), width, 20);
            foreach (var line in frame.ToPlainText().Split('\n'))
                Assert.That(CellWidth.Of(line), Is.LessThanOrEqualTo(width), line);
        }
    }

    private static IEnumerable<TestCaseData> CorpusSizes() => Corpora.BothWith([80, 24], [120, 40], [200, 60]);

    /// <summary>The generated corpus is a snapshot; the real one (third-party text, not in the repository) gets the same invariants.</summary>
    [TestCaseSource(nameof(CorpusSizes))]
    public async Task The_ticket_corpus(int width, int height, CorpusKind corpus)
    {
        var workspace = TestCorpus.Open(corpus);
        using var data = new TempDir("yoi-ps-fx");
        var loader = new PanelLoader(YoiProcess.Services(new YoiPaths(data.Combine("c"), data.Combine("d"), data.Combine("r"))), workspace.Path);
        var state = new PanelScreenState(PanelModel.LoadingModel(loader.Workspace));
        state.ApplyModel(await loader.ReloadAsync(PanelReloadMode.Observe), Now);
        state.MoveSelection(Key.Of(KeyCode.Down), PanelPainter.ListHeight(state, width, height));
        Assert.That(state.Model.TicketRows.Count(t => t.State != Yoi.Core.Tickets.TicketState.Closed), Is.EqualTo(workspace.Expect.Open), "the corpus's open Tickets");
        var frame = Paint(state, width, height);
        if (corpus == CorpusKind.Generated) Snapshot.Match(frame.ToPlainText());
        var text = frame.ToPlainText().Split('\n');
        foreach (var line in text) Assert.That(CellWidth.Of(line), Is.LessThanOrEqualTo(width), line);
        // Titles start in the same cell on every Ticket row, and the gate column too, whatever the script of the title.
        var cols = PanelColumns.For(state.Model, PanelPainter.Layout(state, width, height).List);
        var ticketLines = 0;
        for (var y = 0; y < frame.Height; y++)
        {
            if (frame.TextAt(0, y) is not ("▶" or " ") || frame.StyleAt(cols.TitleX, y).Fg != Color.Magenta) continue;
            ticketLines++;
            Assert.That(frame.IsContinuation(cols.TitleX, y), Is.False, $"line {y}: {text[y]}");
            if (frame.TextAt(cols.StateX, y) != "d" && frame.TextAt(cols.StateX, y) != "c")
                Assert.That(frame.TextAt(cols.GateX, y) + frame.TextAt(cols.GateX + 1, y), Is.AnyOf("cl", "wa", "ah"), $"gate column, line {y}: {text[y]}");
        }
        Assert.That(ticketLines, Is.GreaterThan(0), "open Tickets are on screen");
        Assert.That(Enumerable.Range(0, height).Count(y => frame.TextAt(0, y) == "▶"), Is.EqualTo(1), "one row is selected");

        for (var i = 0; i < 60; i++) PanelKeys.Handle(state, Key.Of(KeyCode.Down), Now, PanelPainter.ListHeight(state, width, height));
        var scrolled = Paint(state, width, height);
        var selected = Enumerable.Range(0, height).Where(y => scrolled.TextAt(0, y) == "▶").ToList();
        Assert.That(selected, Has.Count.EqualTo(1), "the selection scrolled into view:\n" + scrolled.ToPlainText());
        var lines = state.VisibleRows.Count;
        if (lines > PanelPainter.ListHeight(state, width, height)) Assert.That(state.List.Offset, Is.GreaterThan(0));
    }
}
