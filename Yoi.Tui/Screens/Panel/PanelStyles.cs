using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>The panel's colours (docs/original-panel.md §5.3) in one place.</summary>
public static class PanelStyles
{
    public static readonly Style Hint = new(Color.DarkGrey);
    public static readonly Style Header = new(Color.DarkGrey, Attr: TextAttr.Bold);
    public static readonly Style Bold = new(Attr: TextAttr.Bold);
    public static readonly Style Warning = new(Color.Yellow);
    public static readonly Style Good = new(Color.Green);
    public static readonly Style Failed = new(Color.Red);
    public static readonly Style TicketTitle = new(Color.Magenta);
    public static readonly Style TicketTitleSelected = new(Color.Magenta, Attr: TextAttr.Bold);
    public static readonly Style PodName = new(Color.Cyan);
    public static readonly Style PodNameSelected = new(Color.Cyan, Attr: TextAttr.Bold);
    public static readonly Style ReadyForQueue = new(Color.Green);
    public static readonly Style ActiveWork = new(Color.Cyan);
    public static readonly Style Background = new(Color.DarkGrey);
    public static readonly Style TargetDraft = new(Color.Green, Attr: TextAttr.Bold);
    public static readonly Style TargetTicket = new(Color.Magenta, Attr: TextAttr.Bold);
    public static readonly Style TargetIntake = new(Color.Cyan, Attr: TextAttr.Bold);
    public static readonly Style Filter = new(Color.Yellow, Attr: TextAttr.Bold);
}
