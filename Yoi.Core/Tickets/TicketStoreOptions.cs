namespace Yoi.Core.Tickets;

/// <summary>Settings for a <see cref="TicketStore"/>.</summary>
public sealed record TicketStoreOptions
{
    /// <summary>Record language (config <c>tickets.language</c>); Japanese changes generated texts.</summary>
    public string? Language { get; init; }

    /// <summary>Workspace root; lifecycle refs are made relative to it.</summary>
    public string? WorkspaceRoot { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Default author for events other than create: <c>$USER</c>, or <c>unknown</c>.</summary>
    public string DefaultAuthor { get; init; } = Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "unknown";

    public TimeSpan LockBudget { get; init; } = Storage.FileLock.DefaultBudget;

    public IReadOnlyList<ITicketLifecycleSink> Sinks { get; init; } = [];

    /// <summary>Called when a sink throws (the mutation itself already succeeded).</summary>
    public Action<Exception>? OnSinkError { get; init; }
}
