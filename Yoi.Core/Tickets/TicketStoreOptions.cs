namespace Yoi.Core.Tickets;

/// <summary>Settings for a <see cref="TicketStore"/>.</summary>
public sealed record TicketStoreOptions
{
    /// <summary>Record language (config <c>tickets.language</c>); Japanese changes generated texts.</summary>
    public string? Language { get; init; }

    /// <summary>Workspace root; lifecycle refs are made relative to it.</summary>
    public string? WorkspaceRoot { get; init; }

    /// <summary>
    /// The clock of every timestamp and id this store writes (the process's one clock, from <c>YoiServices</c>). A store
    /// opened without one only reads; a write through it is refused.
    /// </summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Default author of events: <see cref="TicketAuthor.FromEnvironment"/> (the Pod, the role, or the user).</summary>
    public string DefaultAuthor { get; init; } = TicketAuthor.FromEnvironment();

    public TimeSpan LockBudget { get; init; } = Storage.FileLock.DefaultBudget;

    public IReadOnlyList<ITicketLifecycleSink> Sinks { get; init; } = [];

    /// <summary>Called when a sink throws (the mutation itself already succeeded).</summary>
    public Action<Exception>? OnSinkError { get; init; }
}
