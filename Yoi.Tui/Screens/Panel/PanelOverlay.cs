using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>What is drawn over the panel: nothing, the help, the F2 details popup, a y/n confirmation, the Ticket view, or a child's diff view.</summary>
public enum PanelOverlay { None, Help, Details, Confirm, TicketView, Diff }

/// <summary>The text the F2 popup shows.</summary>
public sealed record PanelDetails(string Title, string Body);

/// <summary>
/// An action waiting for y/n (Queue, Close, Mark ready, Reclaim, Finish child): the popup's title and question, the y key's label,
/// the intent y runs, and the notice n/Esc leaves.
/// </summary>
public sealed record PendingConfirm(string Title, string Question, string YesLabel, PanelIntent Intent, string CancelledText);

/// <summary>The Ticket view: the row it was opened from, the record once loaded (null while loading), and its scroll offset.</summary>
public sealed class PanelTicketView(TicketRow ticket) : PanelScrolledView
{
    public TicketRow Ticket { get; } = ticket;

    public TicketRecord? Record { get; set; }
}
