namespace Yoi.Core.Panel;

/// <summary>
/// A row's stable identity across reloads, used to keep the selection: <c>ticket:&lt;id&gt;</c>,
/// <c>intake:&lt;id&gt;:&lt;pod&gt;</c>, <c>child:[&lt;id&gt;:]&lt;pod&gt;</c>, <c>invalid:&lt;label&gt;</c>, <c>pod:&lt;name&gt;</c>, <c>section:&lt;name&gt;</c>.
/// </summary>
public readonly record struct PanelRowKey(string Value)
{
    public static PanelRowKey Ticket(string id) => new($"ticket:{id}");

    public static PanelRowKey Intake(string ticketId, string podName) => new($"intake:{ticketId}:{podName}");

    public static PanelRowKey Invalid(string label) => new($"invalid:{label}");

    public static PanelRowKey Pod(string name) => new($"pod:{name}");

    /// <summary>A delegated child Pod nested under its parent Pod (<c>child:&lt;pod&gt;</c>) or under the Ticket it claims (<c>child:&lt;id&gt;:&lt;pod&gt;</c>).</summary>
    public static PanelRowKey Child(string podName, string? ticketId = null) => new(ticketId is null ? $"child:{podName}" : $"child:{ticketId}:{podName}");

    public static PanelRowKey Section(PanelSection section) => new($"section:{section.ToString().ToLowerInvariant()}");

    /// <summary>A "Needs you" row pointing at the row with key <paramref name="target"/>.</summary>
    public static PanelRowKey NeedsYou(PanelRowKey target) => new($"needs:{target.Value}");

    public override string ToString() => Value;
}

/// <summary>
/// The list's sections. Shown top to bottom as: Needs you, Working Pods, open Tickets, Idle Pods (<see cref="Pending"/>),
/// Stopped Pods (<see cref="Closed"/>), Closed Tickets.
/// </summary>
public enum PanelSection { Tickets, Pending, Working, Closed, NeedsYou, ClosedTickets }
