using Yoi.Core.Panel;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The title line: "workspace dashboard", the workspace, the Companion and Orchestrator status (coloured by tone),
/// then the guidance. The statuses come before the guidance so a narrow terminal cuts the guidance, not them.
/// </summary>
public static class PanelHeaderPainter
{
    public const string Heading = "workspace dashboard";

    public static string Guidance(PanelModel model) => model.Header.TicketConfig switch
    {
        TicketConfigState.Usable => "Row selection: blank Enter opens/dispatches · text Enter uses target · Tab target · ? help",
        TicketConfigState.Unusable => "Row selection: blank Enter opens/dispatches · text Enter sends to Companion · ? help",
        _ => "Pod-centric view · Row selection: blank Enter opens · text Enter sends to Companion · ? help",
    };

    public static Style ToneStyle(LifecycleTone tone) => tone switch
    {
        LifecycleTone.Good => PanelStyles.Good,
        LifecycleTone.Attention => PanelStyles.Warning,
        _ => PanelStyles.Failed,
    };

    public static IReadOnlyList<Span> Spans(PanelModel model)
    {
        var header = model.Header;
        var spans = new List<Span> { new(Heading, PanelStyles.Bold) };
        if (header.WorkspaceLabel.Length > 0) spans.Add(new Span(" " + header.WorkspaceLabel, PanelStyles.Bold));
        if (!model.Loading)
        {
            spans.Add(new Span(" · companion ", PanelStyles.Hint));
            spans.Add(new Span(header.Companion.Label, ToneStyle(header.Companion.Tone)));
            if (header.Orchestrator is { } orchestrator)
            {
                spans.Add(new Span(" · orchestrator ", PanelStyles.Hint));
                spans.Add(new Span(orchestrator.Label, ToneStyle(orchestrator.Tone)));
            }
        }
        spans.Add(new Span("  " + Guidance(model), PanelStyles.Hint));
        return spans;
    }

    public static void Title(Frame frame, Rect line, PanelModel model) => StatusLine.Render(frame, line, Spans(model));
}
