using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>What is drawn over the panel: nothing, the help, the F2 details popup, a y/n confirmation, or the Ticket view.</summary>
public enum PanelOverlay { None, Help, Details, Confirm, TicketView }

/// <summary>The text the F2 popup shows.</summary>
public sealed record PanelDetails(string Title, string Body);

/// <summary>
/// An action waiting for y/n (Queue, Close, Mark ready, Reclaim): the popup's title and question, the y key's label,
/// the intent y runs, and the notice n/Esc leaves.
/// </summary>
public sealed record PendingConfirm(string Title, string Question, string YesLabel, PanelIntent Intent, string CancelledText);

/// <summary>The Ticket view: the row it was opened from, the record once loaded (null while loading), and its scroll offset.</summary>
public sealed class PanelTicketView(TicketRow ticket)
{
    public TicketRow Ticket { get; } = ticket;

    public TicketRecord? Record { get; set; }

    public int Offset { get; private set; }

    /// <summary>How many scroll positions the view had when last drawn (the painter sets it; scrolling stops at the end).</summary>
    public int LineCount { get; set; }

    public void Scroll(Yoi.Tui.Terminal.Key key, int viewHeight)
    {
        var page = Math.Max(1, viewHeight - 1);
        Offset = key.Code switch
        {
            Yoi.Tui.Terminal.KeyCode.Up => Offset - 1,
            Yoi.Tui.Terminal.KeyCode.Down => Offset + 1,
            Yoi.Tui.Terminal.KeyCode.PageUp => Offset - page,
            Yoi.Tui.Terminal.KeyCode.PageDown => Offset + page,
            Yoi.Tui.Terminal.KeyCode.Home => 0,
            Yoi.Tui.Terminal.KeyCode.End => int.MaxValue,
            _ => Offset,
        };
        Offset = Math.Clamp(Offset, 0, Math.Max(0, LineCount - 1));
    }

    /// <summary>Scrolls by <paramref name="lines"/> (the mouse wheel).</summary>
    public void ScrollBy(int lines) => Offset = Math.Clamp(Offset + lines, 0, Math.Max(0, LineCount - 1));
}
