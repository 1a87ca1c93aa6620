namespace Yoi.Core.Panel;

/// <summary>The inline action of a row (docs/original-panel.md §2.8.3, plus Reclaim for stale claims).</summary>
public enum PanelAction
{
    /// <summary>No action (invalid rows, stale Intake children, section headers).</summary>
    None,
    /// <summary>Planning Ticket: start (or continue) Intake.</summary>
    Clarify,
    /// <summary>Ready Ticket: ready → queued.</summary>
    Queue,
    /// <summary>Done Ticket: done → closed with the deterministic resolution.</summary>
    Close,
    /// <summary>Nothing to do inline (queued, inprogress, blocked, overlay ahead).</summary>
    Wait,
    /// <summary>Open or attach a Pod (Pod rows, Intake children).</summary>
    Open,
    /// <summary>The Ticket's claim is stale: take it over and start Intake (confirmation first).</summary>
    Reclaim,
}

/// <summary>Labels of <see cref="PanelAction"/>, as drawn.</summary>
public static class PanelActionLabels
{
    public const string QueueDisabledLabel = "queue disabled";

    public static string Label(this PanelAction action) => action switch
    {
        PanelAction.Clarify => "Clarify",
        PanelAction.Queue => "Queue",
        PanelAction.Close => "Close",
        PanelAction.Wait => "Wait",
        PanelAction.Open => "Open",
        PanelAction.Reclaim => "Reclaim",
        _ => "",
    };
}
