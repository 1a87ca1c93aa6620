namespace Yoi.Core.Tickets;

/// <summary>
/// What a panel row (and its gates, relations and the details pane's header) needs of one Ticket: the typed frontmatter
/// fields, the relations, the plan kinds and the latest thread event, without the item body, the other events, the
/// resolution text or the artifact list. Loaded by <see cref="TicketRecordReader.Summary"/>; the full record
/// (<see cref="TicketRecord"/>) carries the same summary built from the whole parse.
/// </summary>
public sealed record TicketSummary(
    string Id,
    string Directory,
    TicketMetadata Meta,
    IReadOnlyList<TicketRelation> Relations,
    IReadOnlyList<string> PlanKinds,
    ThreadEventSummary? LatestEvent,
    bool HasResolution,
    RecordStamps Stamps);

/// <summary>The latest thread event as a row shows it: kind, heading, author, time, header line and a one-line excerpt.</summary>
public sealed record ThreadEventSummary(string Kind, string? Heading, string? Author, string? At, int Line, string Excerpt)
{
    public const int ExcerptLimit = 72;

    public static ThreadEventSummary Of(ThreadEvent ev) =>
        new(ev.Kind, ev.Heading, ev.Author, ev.At, ev.Line, TextExcerpt.Of(ev.Body, ExcerptLimit));
}

/// <summary>Either a summary or an invalid placeholder (the summary shape of <see cref="TicketLoadResult"/>).</summary>
public sealed record TicketSummaryLoad(TicketSummary? Summary, InvalidTicketRecord? Invalid);

/// <summary>The tolerant list in the summary shape: every record either summarised or an invalid placeholder.</summary>
public sealed record TicketSummaryListing(IReadOnlyList<TicketSummary> Summaries, IReadOnlyList<InvalidTicketRecord> Invalid);
