using System.Text.Json.Serialization;
using Yoi.Core.Claims;

namespace Yoi.Core.Registry;

/// <summary>How a role session came about (docs/original-panel.md §3.2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionOrigin>))]
public enum SessionOrigin
{
    [JsonStringEnumMemberName("pre_ticket_intake")] PreTicketIntake,
    [JsonStringEnumMemberName("ticket_claim")] TicketClaim,
    [JsonStringEnumMemberName("role_launch")] RoleLaunch,
}

/// <summary>A Ticket a role session works on; the slug is optional.</summary>
public sealed record RelatedTicket(string Id, string? Slug = null);

/// <summary>One role session: which Pod runs which role, since when, for which Tickets (zero, one or many).</summary>
public sealed record RoleSessionRecord
{
    private readonly IReadOnlyList<RelatedTicket> _relatedTickets = [];

    public required string Role { get; init; }
    public required string PodName { get; init; }
    public required SessionOrigin Origin { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public string? SessionId { get; init; }

    /// <summary>Sorted by id then slug, unique; an absent list reads as empty.</summary>
    public IReadOnlyList<RelatedTicket> RelatedTickets { get => _relatedTickets; init => _relatedTickets = value ?? []; }

    public bool Equals(RoleSessionRecord? other) => other is not null && Role == other.Role && PodName == other.PodName
        && Origin == other.Origin && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt
        && SessionId == other.SessionId && RelatedTickets.SequenceEqual(other.RelatedTickets);

    public override int GetHashCode() => HashCode.Combine(PodName, Role, Origin, UpdatedAt);

    /// <summary>Union of both lists, sorted by id then slug (ordinal), duplicates removed.</summary>
    public static IReadOnlyList<RelatedTicket> MergeRelated(IEnumerable<RelatedTicket> old, IEnumerable<RelatedTicket> added) =>
        old.Concat(added)
            .Select(t => string.IsNullOrEmpty(t.Slug) ? t with { Slug = null } : t)
            .Distinct()
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ThenBy(t => t.Slug ?? "", StringComparer.Ordinal)
            .ToList();
}

/// <summary>The whole <c>role-sessions.json</c>: <c>{version, workspace_root, sessions}</c>.</summary>
public sealed record RoleSessionsDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public string? WorkspaceRoot { get; init; }
    public Dictionary<string, RoleSessionRecord> Sessions { get; init; } = new(StringComparer.Ordinal);
}
