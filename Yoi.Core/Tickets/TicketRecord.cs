namespace Yoi.Core.Tickets;

/// <summary>The typed current fields of <c>item.md</c>.</summary>
public sealed record TicketMetadata(
    string Title,
    TicketState State,
    bool StatePresent,
    bool LegacyIntake,
    string CreatedAt,
    string UpdatedAt,
    string? Assignee,
    string? Readiness,
    IReadOnlyList<string> RiskFlags,
    string? QueuedBy,
    string? QueuedAt,
    string? Priority)
{
    /// <summary>
    /// Reads the typed fields. State falls back to <c>workflow_state</c> (legacy <c>intake</c> reads as
    /// planning), then <c>status</c> (closed → closed, else planning), then planning.
    /// </summary>
    public static TicketMetadata From(Frontmatter fm)
    {
        if (fm["labels"] is { List: null, IsNull: false }) throw ListError("labels");
        var legacyIntake = false;
        TicketState state;
        if (fm.Has("state")) state = TicketStates.Parse(fm.Text("state"));
        else if (fm.Has("workflow_state"))
        {
            legacyIntake = fm.Text("workflow_state") == "intake";
            state = legacyIntake ? TicketState.Planning : TicketStates.Parse(fm.Text("workflow_state"));
        }
        else if (fm.Has("status")) state = fm.Text("status") == "closed" ? TicketState.Closed : TicketState.Planning;
        else state = TicketState.Planning;
        return new TicketMetadata(
            Scalar(fm, "title") ?? "", state, fm.Has("state"), legacyIntake,
            Scalar(fm, "created_at") ?? "", Scalar(fm, "updated_at") ?? "",
            Scalar(fm, "assignee"), Scalar(fm, "readiness"),
            fm["risk_flags"]?.List ?? (fm["risk_flags"] is { IsNull: false } ? throw ListError("risk_flags") : []),
            Scalar(fm, "queued_by"), Scalar(fm, "queued_at"), Scalar(fm, "priority"));
    }

    private static string? Scalar(Frontmatter fm, string key) =>
        fm[key] is { List: not null } ? throw new TicketException(TicketErrorKind.Schema, $"frontmatter field `{key}` must be a YAML string or null, found sequence") : fm.Text(key);

    private static TicketException ListError(string key) =>
        new(TicketErrorKind.Schema, $"frontmatter field `{key}` must be a YAML sequence or null, found string");
}

/// <summary>Modification stamp of one file (null fields when absent), used to decide whether to re-parse a record.</summary>
public sealed record FileStamp(long MtimeUtcTicks, long Size);

/// <summary>Stamps of the files a record load depends on. Equal stamps mean the cached record is still good.</summary>
public sealed record RecordStamps(FileStamp? Item, FileStamp? Thread, FileStamp? Relations, FileStamp? Plan, FileStamp? Resolution);

/// <summary>
/// One fully loaded Ticket record: its <see cref="Summary"/> (what rows need) plus the frontmatter with the item body,
/// every thread event, the artifact list, the plans and the resolution text.
/// </summary>
public sealed record TicketRecord(
    TicketSummary Summary,
    Frontmatter Frontmatter,
    IReadOnlyList<ThreadEvent> Events,
    IReadOnlyList<string> Artifacts,
    IReadOnlyList<OrchestrationPlanRecord> Plans,
    string? Resolution)
{
    public string Id => Summary.Id;

    public string Directory => Summary.Directory;

    public TicketMetadata Meta => Summary.Meta;

    public IReadOnlyList<TicketRelation> Relations => Summary.Relations;

    public RecordStamps Stamps => Summary.Stamps;
}

/// <summary>
/// A record that could not be loaded. <see cref="Label"/> is the id (or "invalid ticket record" for a bad
/// directory name) and <see cref="Reason"/> is from a fixed, redacted set; <see cref="Detail"/> is the full
/// message for doctor and logs, never for the panel.
/// </summary>
public sealed record InvalidTicketRecord(string Label, string Directory, TicketErrorKind Kind, string Detail)
{
    public string Reason => TicketException.Redact(Kind);
}

/// <summary>Either a record or an invalid placeholder.</summary>
public sealed record TicketLoadResult(TicketRecord? Record, InvalidTicketRecord? Invalid);

/// <summary>The tolerant list: every record either loaded or became an invalid placeholder.</summary>
public sealed record TicketListing(IReadOnlyList<TicketRecord> Records, IReadOnlyList<InvalidTicketRecord> Invalid);
