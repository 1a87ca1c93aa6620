namespace Yoi.Core.Tickets;

/// <summary>The lifecycle states, in progress order (planning 0 … closed 5).</summary>
public enum TicketState
{
    Planning = 0,
    Ready = 1,
    Queued = 2,
    InProgress = 3,
    Done = 4,
    Closed = 5,
}

public static class TicketStates
{
    public const string Expected = "expected planning, ready, queued, inprogress, done, or closed";

    public static string Name(this TicketState state) => state switch
    {
        TicketState.Planning => "planning",
        TicketState.Ready => "ready",
        TicketState.Queued => "queued",
        TicketState.InProgress => "inprogress",
        TicketState.Done => "done",
        _ => "closed",
    };

    public static TicketState? TryParse(string? text) => text switch
    {
        "planning" => TicketState.Planning,
        "ready" => TicketState.Ready,
        "queued" => TicketState.Queued,
        "inprogress" => TicketState.InProgress,
        "done" => TicketState.Done,
        "closed" => TicketState.Closed,
        _ => null,
    };

    public static TicketState Parse(string? text) => TryParse(text)
        ?? throw new TicketException(TicketErrorKind.Schema, $"invalid state '{text}': {Expected}");

    /// <summary>True when the target state counts as resolved for blockers.</summary>
    public static bool IsResolved(this TicketState state) => state is TicketState.Done or TicketState.Closed;

    /// <summary>The edges set-workflow-state may apply (gated edges go through mark-ready, queue and close).</summary>
    public static bool IsGenericEdge(TicketState from, TicketState to) => (from, to) switch
    {
        (TicketState.Queued, TicketState.InProgress) => true,
        (TicketState.InProgress, TicketState.Done) => true,
        (TicketState.Ready, TicketState.Planning) => true,
        (TicketState.Queued, TicketState.Planning) => true,
        _ => false,
    };

    /// <summary>The next step for an edge <see cref="IsGenericEdge"/> refuses, in command terms a user can type.</summary>
    public static string GatedHint(TicketState from, TicketState to) => (from, to) switch
    {
        (TicketState.Planning, TicketState.Ready) => "finish planning with `yoi ticket state <id> ready`",
        (TicketState.Ready, TicketState.Queued) => "queue it with `yoi ticket state <id> queued`",
        (_, TicketState.Closed) => "close it with `yoi ticket close <id> --resolution <text>`",
        _ => $"allowed moves are planning -> ready, ready -> queued, queued -> inprogress, inprogress -> done, ready/queued -> planning, and close from any state; it is {from.Name()} now",
    };
}
