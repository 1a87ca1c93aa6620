namespace Yoi.Core.Tickets;

/// <summary>
/// Published after every successful lifecycle mutation (comment, review, state change, mark-ready, close).
/// <see cref="EventKind"/> is <c>comment/&lt;role&gt;</c>, <c>review/&lt;approve|request_changes&gt;</c>,
/// <c>state/&lt;from&gt;-&gt;&lt;to&gt;</c> or <c>close/resolution</c>. <see cref="Summary"/> is the first
/// line of the body, whitespace-collapsed, at most 160 characters. <see cref="Ref"/> is the file to read
/// (workspace-relative when the store knows the workspace): <c>resolution.md</c> for close, <c>item.md</c>
/// for state changes, <c>thread.md</c> otherwise.
/// </summary>
public sealed record TicketLifecycleEvent(string Ticket, string Title, TicketState State, string EventKind, string Summary, string Ref);

/// <summary>Receives lifecycle events. Called after the lock is released, so the mutation is already durable; a throwing sink goes to TicketStoreOptions.OnSinkError when set.</summary>
public interface ITicketLifecycleSink
{
    void OnTicketLifecycleEvent(TicketLifecycleEvent lifecycleEvent);
}
