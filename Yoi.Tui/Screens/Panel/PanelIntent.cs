using Yoi.Core.Panel;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// What a key asked the panel to do beyond its own state: the screen carries each intent out through
/// <c>Yoi.Core.Panel</c> (never by itself) and reports the result as a notice.
/// </summary>
public abstract record PanelIntent
{
    /// <summary>The actionbar text while the intent runs.</summary>
    public virtual string WorkingText => "working…";
}

/// <summary>Ctrl+C, Ctrl+D or <c>q</c> on a blank composer: leave the panel; every Pod keeps running.</summary>
public sealed record QuitIntent : PanelIntent;

/// <summary>Open (attach, or restore then attach) the Pod of the selected Pod row, Intake child or Ticket's claim.</summary>
public sealed record OpenPodIntent(PanelRowKey Row, string PodName) : PanelIntent
{
    public override string WorkingText => $"opening {PodName}…";
}

/// <summary>Confirmed blank Enter on a Ticket whose action is Queue or Close.</summary>
public sealed record TicketActionIntent(string TicketId, PanelAction Action) : PanelIntent
{
    public override string WorkingText => $"{Action.Label()} {TicketId}…";
}

/// <summary>Blank Enter on a planning Ticket (Clarify): start Intake for it (docs/original-panel.md §2.15 B).</summary>
public sealed record StartIntakeIntent(string TicketId) : PanelIntent
{
    public override string WorkingText => "launching Ticket Intake…";
}

/// <summary>Text with the Ticket Planning target and no ready Ticket selected (docs/original-panel.md §2.15 A).</summary>
public sealed record PreTicketIntakeIntent(string Text) : PanelIntent
{
    public override string WorkingText => "launching Ticket Intake…";
}

/// <summary>Text with the Ticket Planning target on a ready Ticket (docs/original-panel.md §2.15 C).</summary>
public sealed record ReturnToPlanningIntent(string TicketId, string Text) : PanelIntent
{
    public override string WorkingText => $"returning {TicketId} to planning…";
}

/// <summary>Text with the Companion target.</summary>
public sealed record CompanionSendIntent(string Text) : PanelIntent
{
    public override string WorkingText => "sending to Companion…";
}

/// <summary>Confirmed Ctrl+R: take the Ticket's claim from its stale Pod, then start Intake as usual.</summary>
public sealed record ReclaimIntent(string TicketId, string StalePod) : PanelIntent
{
    public override string WorkingText => $"reclaiming {TicketId}…";
}

/// <summary>A second Delete on a stopped Pod row: remove that Pod (its metadata; the session log stays).</summary>
public sealed record RemovePodIntent(string PodName) : PanelIntent
{
    public override string WorkingText => $"removing {PodName}…";
}

/// <summary><c>v</c>: load the selected Ticket's full record for the Ticket view.</summary>
public sealed record ShowTicketIntent(string TicketId) : PanelIntent
{
    public override string WorkingText => $"reading {TicketId}…";
}

/// <summary>Confirmed <c>r</c>: planning → ready through the same gate as <c>yoi ticket state ID ready</c>.</summary>
public sealed record MarkReadyIntent(string TicketId) : PanelIntent
{
    public override string WorkingText => $"marking {TicketId} ready…";
}

/// <summary>Ctrl+Z: hand the terminal back to the shell until <c>fg</c>.</summary>
public sealed record SuspendIntent : PanelIntent;
