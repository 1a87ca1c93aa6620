using Yoi.Core.Panel;
using Yoi.Core.Paths;
using Yoi.Tests.Support;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

public class PanelPainterTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 12, 0, 0, TimeSpan.Zero);

    private static PanelScreenState Small()
    {
        var state = new PanelScreenState(PanelModel.LoadingModel(PanelModels.Workspace));
        state.ApplyModel(PanelModels.Small(), Now);
        return state;
    }

    private static Frame Paint(PanelScreenState state, int width = 80, int height = 24)
    {
        var frame = new Frame(width, height);
        PanelPainter.Render(state, frame);
        return frame;
    }

    private static int LineOf(Frame frame, string text)
    {
        var lines = frame.ToPlainText().Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"\"{text}\" is on screen:\n{frame.ToPlainText()}");
        return index;
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

    [Test]
    public void The_selected_ticket_has_a_bold_magenta_marker_and_title()
    {
        var frame = Paint(Small());
        var y = LineOf(frame, "ワークスペース");
        Assert.That(frame.TextAt(0, y), Is.EqualTo("▶"));
        Assert.That(frame.StyleAt(0, y), Is.EqualTo(new Style(Color.Magenta, Attr: TextAttr.Bold)));
        Assert.That(frame.StyleAt(13, y), Is.EqualTo(new Style(Color.Magenta, Attr: TextAttr.Bold)), "selected title");
        Assert.That(frame.StyleAt(2, y), Is.EqualTo(new Style(Color.Green)), "a ready Ticket's state column is green");
        Assert.That(frame.TextAt(0, y + 1), Is.EqualTo("│"));
        var other = LineOf(frame, "Fix the reload race");
        Assert.That(frame.TextAt(0, other), Is.EqualTo(" "));
        Assert.That(frame.StyleAt(13, other), Is.EqualTo(new Style(Color.Magenta)), "unselected title is not bold");
        Assert.That(frame.StyleAt(2, other), Is.EqualTo(new Style(Color.DarkGrey)), "a background Ticket's state is dark grey");
    }

    [Test]
    public void Pod_status_colours_follow_the_reference()
    {
        var frame = Paint(Small());
        Assert.That(frame.StyleAt(2, LineOf(frame, "live idle")), Is.EqualTo(new Style(Color.Green, Attr: TextAttr.Bold)));
        Assert.That(frame.StyleAt(2, LineOf(frame, "live running")), Is.EqualTo(new Style(Color.Yellow, Attr: TextAttr.Bold)));
        Assert.That(frame.StyleAt(2, LineOf(frame, "stopped/restorable")), Is.EqualTo(new Style(Color.Yellow)));
        var idle = LineOf(frame, "live idle");
        Assert.That(frame.ToPlainText().Split('\n')[idle], Does.Contain("yoi-demo  ✉3  companion"));
        Assert.That(frame.ToPlainText().Split('\n')[LineOf(frame, "live running")], Does.Contain("⇄1"));
    }

    [Test]
    public void A_stale_claim_shows_its_reason_in_yellow()
    {
        var frame = Paint(Small());
        var y = LineOf(frame, "日本語と English") + 1;
        Assert.That(frame.ToPlainText().Split('\n')[y], Does.Contain("Claim: ticket-intake-gone (stale (no pod metadata))"));
        Assert.That(frame.StyleAt(8, y), Is.EqualTo(new Style(Color.Yellow)));
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
        var loader = new PanelLoader(workspace.Path, new YoiPaths(data.Combine("c"), data.Combine("d"), data.Combine("r")), TimeProvider.System);
        var state = new PanelScreenState(PanelModel.LoadingModel(loader.Workspace));
        state.ApplyModel(await loader.ReloadAsync(PanelReloadMode.Observe), Now);
        Assert.That(state.Model.TicketRows.Count(), Is.EqualTo(workspace.Expect.Open), "the corpus's open Tickets");
        var frame = Paint(state, width, height);
        if (corpus == CorpusKind.Generated) Snapshot.Match(frame.ToPlainText());
        var text = frame.ToPlainText().Split('\n');
        foreach (var line in text) Assert.That(CellWidth.Of(line), Is.LessThanOrEqualTo(width), line);
        // Titles start in the same cell on every Ticket row, whatever the width of the text before them.
        for (var y = 0; y < frame.Height; y++)
        {
            if (frame.TextAt(0, y) is "▶" or " " && frame.StyleAt(13, y).Fg == Color.Magenta)
                Assert.That(frame.IsContinuation(13, y), Is.False, $"line {y}: {text[y]}");
        }
        Assert.That(frame.TextAt(0, 2), Is.EqualTo("▶"), "the first Ticket is selected");

        for (var i = 0; i < 60; i++) PanelKeys.Handle(state, Key.Of(KeyCode.Down), Now, PanelPainter.ListHeight(state, width, height));
        var scrolled = Paint(state, width, height);
        var selected = Enumerable.Range(0, height).Where(y => scrolled.TextAt(0, y) == "▶").ToList();
        Assert.That(selected, Has.Count.EqualTo(1), "the selection scrolled into view:\n" + scrolled.ToPlainText());
        var lines = state.VisibleRows.Sum(PanelScreenState.RowHeight);
        if (lines > PanelPainter.ListHeight(state, width, height)) Assert.That(state.List.Offset, Is.GreaterThan(0));
    }
}
