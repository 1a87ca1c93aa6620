using System.Text;
using Yoi.Core.Storage;

namespace Yoi.Core.Tickets;

/// <summary>What <see cref="TicketStore.Create"/> needs.</summary>
public sealed record NewTicket(string Title, string? Body = null, TicketState State = TicketState.Planning,
    string? Assignee = null, string? Readiness = null, IReadOnlyList<string>? RiskFlags = null);

public sealed partial class TicketStore
{
    /// <summary>Creates a record atomically (built in a hidden temp directory, then renamed into place). Returns the id.</summary>
    public string Create(NewTicket ticket, string? author = null)
    {
        var title = ticket.Title;
        if (string.IsNullOrWhiteSpace(title)) throw new TicketException(TicketErrorKind.Invalid, "ticket title must not be empty");
        if (title.Contains('\n', StringComparison.Ordinal) || title.Contains('\r', StringComparison.Ordinal))
            throw new TicketException(TicketErrorKind.Invalid, "ticket title must be a single line");
        var now = Now();
        var createEvent = ThreadEvents.Render(new NewThreadEvent("create",
            [new("author", author ?? _options.DefaultAuthor), new("at", now)], ThreadEvents.Heading("create", _texts.Japanese), _texts.CreateBody), first: true);
        var fields = new List<KeyValuePair<string, FrontmatterValue>>
        {
            new("title", FrontmatterValue.Of(title)),
            new("state", FrontmatterValue.Of(ticket.State.Name())),
            new("created_at", FrontmatterValue.Of(now)),
            new("updated_at", FrontmatterValue.Of(now)),
            new("assignee", ticket.Assignee is null ? FrontmatterValue.Null : FrontmatterValue.Of(ticket.Assignee)),
        };
        if (ticket.Readiness is not null) fields.Add(new("readiness", FrontmatterValue.Of(ticket.Readiness)));
        if (ticket.RiskFlags is { Count: > 0 } flags) fields.Add(new("risk_flags", FrontmatterValue.Of(flags)));
        var item = Frontmatter.Render(fields, ticket.Body ?? _texts.DefaultBody);

        using var held = Lock();
        var id = TicketId.Allocate(Root, Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var staging = Path.Combine(Root, $".{id}.{Environment.ProcessId}{AtomicFile.TempSuffix}");
        try
        {
            Directory.CreateDirectory(Path.Combine(staging, "artifacts"));
            AtomicFile.WriteAllText(Path.Combine(staging, "artifacts", ".gitkeep"), "");
            AtomicFile.WriteAllText(Path.Combine(staging, "item.md"), item, faultPoint: FaultPoint.TicketItemWrite);
            AtomicFile.WriteAllText(Path.Combine(staging, "thread.md"), createEvent, faultPoint: FaultPoint.TicketThreadWrite);
            Directory.Move(staging, Path.Combine(Root, id));
            Interop.Libc.FsyncDirectory(Root);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        return id;
    }

    /// <summary>Appends a comment, plan, decision or implementation_report event.</summary>
    public void Comment(string id, string role, string body, string? author = null)
    {
        if (Array.IndexOf(ThreadEvents.CommentRoles, role) < 0)
            throw new TicketException(TicketErrorKind.Invalid, $"comment role '{role}' is not one of {string.Join(", ", ThreadEvents.CommentRoles)}");
        RequireBody(body, "comment");
        var record = Mutate(id, (record, now) =>
        {
            AppendEvents(record, now, new NewThreadEvent(role, [new("author", author ?? _options.DefaultAuthor), new("at", now)], ThreadEvents.Heading(role), body));
            return record;
        });
        Publish(record, record.Meta.State, $"comment/{role}", body, "thread.md");
    }

    /// <summary>Appends a review with status approve or request_changes.</summary>
    public void Review(string id, string status, string body, string? author = null)
    {
        if (status is not ("approve" or "request_changes"))
            throw new TicketException(TicketErrorKind.Invalid, $"review status '{status}' must be approve or request_changes");
        RequireBody(body, "review");
        var record = Mutate(id, (record, now) =>
        {
            AppendEvents(record, now, new NewThreadEvent("review",
                [new("author", author ?? _options.DefaultAuthor), new("at", now), new("status", status)], ThreadEvents.Heading("review", status: status), body));
            return record;
        });
        Publish(record, record.Meta.State, $"review/{status}", body, "thread.md");
    }

    /// <summary>planning → ready: appends the intake summary and the state change, then sets the state.</summary>
    public void MarkReady(string id, string intakeSummary, string? author = null, string reason = "planning_ready", string? stateChangeBody = null)
    {
        var who = author ?? _options.DefaultAuthor;
        var record = Mutate(id, (record, now) =>
        {
            ExpectState(record, TicketState.Planning);
            AppendEvents(record, now,
                new NewThreadEvent("intake_summary", [new("author", who), new("at", now)], ThreadEvents.Heading("intake_summary"), intakeSummary),
                StateEvent(who, now, TicketState.Planning, TicketState.Ready, reason, stateChangeBody ?? _texts.ReadyBody(TicketState.Planning)));
            SetFields(record, [new("state", FrontmatterValue.Of("ready"))]);
            return record;
        });
        Publish(record, TicketState.Ready, "state/planning->ready", intakeSummary, "item.md");
    }

    /// <summary>ready → queued; refused while a blocker is unresolved. Records queued_by/queued_at.</summary>
    public void Queue(string id, string actor)
    {
        var body = _texts.QueuedBody(actor);
        var record = Mutate(id, (record, now) =>
        {
            ExpectState(record, TicketState.Ready);
            RefuseBlocked(record.Id);
            AppendEvents(record, now, StateEvent(actor, now, TicketState.Ready, TicketState.Queued, "queued", body));
            SetFields(record, [new("state", FrontmatterValue.Of("queued")), new("queued_by", FrontmatterValue.Of(actor)), new("queued_at", FrontmatterValue.Of(now))]);
            return record;
        });
        Publish(record, TicketState.Queued, "state/ready->queued", body, "item.md");
    }

    /// <summary>
    /// The generic edges (queued→inprogress, inprogress→done, ready/queued→planning) with compare-and-set on
    /// <paramref name="from"/>. queued→inprogress is refused while a blocker is unresolved.
    /// </summary>
    public void SetWorkflowState(string id, TicketState from, TicketState to, string reason, string body, string? author = null)
    {
        if (from == to) throw new TicketException(TicketErrorKind.Conflict, "state transition must change state");
        if (!TicketStates.IsGenericEdge(from, to))
            throw new TicketException(TicketErrorKind.Conflict,
                $"a Ticket cannot move from {from.Name()} to {to.Name()} this way; {TicketStates.GatedHint(from, to)}");
        var who = author ?? _options.DefaultAuthor;
        var record = Mutate(id, (record, now) =>
        {
            ExpectState(record, from);
            if (to == TicketState.InProgress) RefuseBlocked(record.Id);
            AppendEvents(record, now, StateEvent(who, now, from, to, reason, body));
            SetFields(record, [new("state", FrontmatterValue.Of(to.Name()))]);
            return record;
        });
        Publish(record, to, $"state/{from.Name()}->{to.Name()}", body, "item.md");
    }

    /// <summary>ready/queued → planning.</summary>
    public void ReturnToPlanning(string id, string body, string reason = "panel_return_to_planning", string? author = null)
    {
        var current = Show(id).Meta.State;
        if (current is not (TicketState.Ready or TicketState.Queued))
            throw new TicketException(TicketErrorKind.Conflict, $"ticket {id} is {current.Name()}; only ready or queued Tickets return to planning");
        SetWorkflowState(id, current, TicketState.Planning, reason, body, author);
    }

    /// <summary>Any state → closed: state change (unless already closed), resolution.md, then the close event.</summary>
    public void Close(string id, string resolution, string? author = null)
    {
        RequireBody(resolution, "resolution");
        var who = author ?? _options.DefaultAuthor;
        var record = Mutate(id, (record, now) =>
        {
            var closeEvent = new NewThreadEvent("close", [new("author", who), new("at", now), new("status", "closed")],
                ThreadEvents.Heading("close", _texts.Japanese), resolution.TrimEnd('\n'));
            if (record.Meta.State != TicketState.Closed)
                AppendEvents(record, now, StateEvent(who, now, record.Meta.State, TicketState.Closed, "closed", _texts.ClosedBody), closeEvent);
            else AppendEvents(record, now, closeEvent);
            SetFields(record, [new("state", FrontmatterValue.Of("closed"))]);
            AtomicFile.WriteAllText(Path.Combine(record.Directory, "resolution.md"), resolution.EndsWith('\n') ? resolution : resolution + "\n");
            return record;
        });
        Publish(record, TicketState.Closed, "close/resolution", resolution, "resolution.md");
    }

    private T Mutate<T>(string id, Func<TicketRecord, string, T> change)
    {
        var dir = RecordDir(id);
        using var held = Lock();
        var record = TicketRecordLoader.LoadStrict(Root, dir);
        // A change writes thread.md, item.md and maybe resolution.md one atomic write at a time; should one of them fail
        // (a full disk, an I/O error), the snapshot puts the others back, so the record is never half-changed.
        using var snapshot = FileSnapshot.Take(Path.Combine(dir, "item.md"), Path.Combine(dir, "thread.md"), Path.Combine(dir, "resolution.md"));
        var result = change(record, Now());
        snapshot.Commit();
        return result;
    }

    private static void ExpectState(TicketRecord record, TicketState expected)
    {
        if (record.Meta.State != expected)
            throw new TicketException(TicketErrorKind.Conflict, $"state changed concurrently: expected `{expected.Name()}`, found `{record.Meta.State.Name()}`");
    }

    private void RefuseBlocked(string id)
    {
        var blockers = RelationsFrom(id, ListSummaries().Summaries).Blockers;
        if (blockers.Count > 0)
            throw new TicketException(TicketErrorKind.Conflict,
                $"ticket {id} has unresolved blocking relation(s): {string.Join(", ", blockers)}");
    }

    private static NewThreadEvent StateEvent(string author, string now, TicketState from, TicketState to, string reason, string body) =>
        new("state_changed", [new("author", author), new("at", now), new("from", from.Name()), new("to", to.Name()), new("reason", reason), new("field", "state")],
            ThreadEvents.Heading("state_changed"), body);

    /// <summary>
    /// Renders (validating) every event first, then replaces thread.md atomically with the old content plus the new
    /// events (temp + fsync + rename), then bumps updated_at. An in-place append could leave half an event behind on a
    /// crash, which no later append can tell from a real one; a replaced file is either the old or the new thread.
    /// </summary>
    private static void AppendEvents(TicketRecord record, string now, params NewThreadEvent[] events)
    {
        var text = string.Concat(events.Select(e => ThreadEvents.Render(e, first: false)));
        var threadPath = Path.Combine(record.Directory, "thread.md");
        byte[] existing = [];
        if (File.Exists(threadPath)) existing = File.ReadAllBytes(threadPath);
        else text = text.TrimStart('\n');
        AtomicFile.WriteAllBytes(threadPath, [.. existing, .. Encoding.UTF8.GetBytes(text)], CrashPoint.TicketEventMidAppend, FaultPoint.TicketThreadWrite);
        SetFields(record, [new("updated_at", FrontmatterValue.Of(now))]);
    }

    private static void SetFields(TicketRecord record, IReadOnlyList<KeyValuePair<string, FrontmatterValue>> updates)
    {
        var itemPath = Path.Combine(record.Directory, "item.md");
        var text = TicketRecordLoader.ReadText(record.Directory, itemPath, TicketRecordLoader.MaxItemBytes);
        AtomicFile.WriteAllText(itemPath, Frontmatter.Update(text, updates), faultPoint: FaultPoint.TicketItemWrite);
    }

    private static void RequireBody(string body, string what)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new TicketException(TicketErrorKind.Invalid, $"{what} text must not be empty");
    }

    private void Publish(TicketRecord record, TicketState state, string kind, string body, string file)
    {
        var path = Path.Combine(record.Directory, file);
        var reference = _options.WorkspaceRoot is { } ws ? Path.GetRelativePath(ws, path) : path;
        var ev = new TicketLifecycleEvent(record.Id, Bound(record.Meta.Title, 96), state, Bound(kind, 80), Summary(body), reference);
        foreach (var sink in _options.Sinks)
        {
            try { sink.OnTicketLifecycleEvent(ev); }
            catch (Exception ex) when (_options.OnSinkError is not null) { _options.OnSinkError(ex); }
        }
    }

    private static string Summary(string body)
    {
        var line = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l != "---") ?? "";
        return Bound(line, 160);
    }

    internal static string Bound(string text, int max) => Text.TextBounds.OneLine(text, max);
}
