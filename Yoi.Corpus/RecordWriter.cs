using System.Text;
using Yoi.Core.Tickets;
using static Yoi.Corpus.CorpusText;

namespace Yoi.Corpus;

/// <summary>Writes one valid record: a thread that walks the lifecycle to its state, then item.md, resolution and artifacts.</summary>
internal sealed class RecordWriter(
    string root, string id, FrontmatterStyle style, TicketState state, RecordLanguage language, DateTime created,
    Random random, TicketCorpus.FactsBuilder facts, string? dependsOn = null)
{
    private readonly string _dir = Path.Combine(root, id);
    private readonly string _slug = Slug(random);
    private readonly bool _japanese = language == RecordLanguage.Japanese;
    private string? _queuedBy;
    private DateTime _queuedAt;
    private string? _resolution;
    private bool _reviewed;
    private bool _accepted;

    private bool Migrated => style is FrontmatterStyle.Legacy or FrontmatterStyle.Mixed;

    public void Write()
    {
        var title = style == FrontmatterStyle.Plain ? PlainTitle() : Title(random, language);
        var thread = new ThreadBuilder(created, random, facts);
        WriteThread(thread);
        Directory.CreateDirectory(Path.Combine(_dir, "artifacts"));
        File.WriteAllText(Path.Combine(_dir, "artifacts", ".gitkeep"), "");
        File.WriteAllText(Path.Combine(_dir, "thread.md"), thread.Text);
        File.WriteAllText(Path.Combine(_dir, "item.md"), Item(title, thread.Clock));
        if (_resolution is not null)
        {
            File.WriteAllText(Path.Combine(_dir, "resolution.md"), _resolution + "\n");
            facts.Resolutions++;
        }
        else if (state == TicketState.Closed) facts.ClosedWithoutResolution++;
        WriteArtifacts(thread.Clock);
        TicketCorpus.FactsBuilder.Count(facts.States, state.Name());
        TicketCorpus.FactsBuilder.Count(facts.Styles, style.ToString().ToLowerInvariant());
    }

    // ---- thread.md ----------------------------------------------------------------------------------------------

    private void WriteThread(ThreadBuilder t)
    {
        Start(t);
        // Most threads have a few remarks; one in ten is a long discussion (the real corpus's tail reaches 35 events).
        for (var i = random.Next(0, 4) + (random.Next(10) == 0 ? random.Next(5, 20) : 0); i > 0; i--) Remark(t);
        if (style == FrontmatterStyle.Legacy)
        {
            LegacyMiddle(t);
            if (state == TicketState.Closed) Close(t, direct: true);
            return;
        }
        if (state == TicketState.Closed && random.Next(10) < 2)
        {
            if (random.Next(2) == 0) Changed(t, "planning", "closed", "closed");
            Close(t, direct: true);
            return;
        }
        if (state == TicketState.Planning) return;
        if (random.Next(10) < 7)
            t.Event("intake_summary", Pick(random, ["ticket-intake", "intake", "Intake"]), "Intake summary", Sections(random, language, ItemHeadings, random.Next(1, 3)));
        Changed(t, "planning", "ready", Pick(random, ["intake_ready", "planning_ready", "intake_ready", "cli_state", "user_approved_intake_ready"]),
            author: Pick(random, ["intake", "ticket-intake", "\"yoi ticket\""]));
        if (state == TicketState.Ready) return;
        _queuedBy = Pick(random, ["workspace-panel", "yoi ticket", "workspace-panel", "orchestrator"]);
        Changed(t, "ready", "queued", "queued", author: ThreadBuilder.Quote(_queuedBy),
            body: _japanese ? $"Ticket を `{_queuedBy}` が queued にしました。" : "Ticket queued for Orchestrator routing.");
        _queuedAt = t.Clock;
        if (state == TicketState.Queued) return;
        t.Event("decision", Pick(random, ["orchestrator", "yoi-orchestrator"]), "Decision", Paragraph(random, language));
        Changed(t, "queued", "inprogress", Pick(random, ["orchestrator_acceptance", "orchestrator_acceptance", "orchestrator_acceptance_unblocked",
            "orchestrator_acceptance_after_preflight", "orchestrator_acceptance_parallel_capacity"]), author: Pick(random, ["orchestrator", "yoi-orchestrator"]));
        _accepted = true;
        t.Event("plan", Pick(random, ["orchestrator", "yoi-orchestrator"]), "Plan", Sections(random, language, ReportHeadings, random.Next(1, 3)));
        t.Event("implementation_report", $"yoi-coder-{id}", "Implementation report", Sections(random, language, ReportHeadings, random.Next(3, 8)));
        Reviews(t);
        if (state == TicketState.InProgress) return;
        t.Event("implementation_report", Pick(random, ["orchestrator", "yoi-orchestrator"]), "Implementation report", Sections(random, language, ReportHeadings, random.Next(1, 3)));
        Changed(t, "inprogress", "done", Pick(random, ["merged_and_validated", "merged_validated", "merged_validated_review_approved", "implementation_merged_and_validated"]),
            author: Pick(random, ["orchestrator", "yoi-orchestrator"]));
        if (state == TicketState.Done) return;
        Changed(t, "done", "closed", "closed", author: Pick(random, ["maintainer", "\"yoi ticket\"", "workspace-panel"]),
            body: _japanese ? "Ticket を closed にしました。" : "Ticket closed.");
        Close(t, direct: false);
    }

    private void Start(ThreadBuilder t)
    {
        if (Migrated && random.Next(10) < 8)
        {
            t.Event("migration", "tickets.sh-migration", "Migrated",
                $"Migrated from tickets/{_slug}.md. " + (random.Next(3) == 0 ? $"Legacy review file tickets/{_slug}.review.md was folded into this thread." : "No legacy review file was present at migration time."));
            facts.LegacyMigratedId ??= style == FrontmatterStyle.Legacy ? id : null;
            return;
        }
        if (Migrated)
        {
            t.Event("create", "tickets.sh", "Created", "Created by tickets.sh create.");
            return;
        }
        var author = random.Next(10) switch
        {
            < 5 => "LocalTicketBackend",
            < 7 => "intake",
            < 9 => "\"yoi ticket\"",
            _ => "yoi ticket", // legacy: unquoted, so readers see author `yoi` and skip `ticket`
        };
        t.Event("create", author, _japanese ? "作成" : "Created", _japanese ? "LocalTicketBackend によって作成されました。" : "Created by LocalTicketBackend create.");
    }

    private void Remark(ThreadBuilder t)
    {
        var (kind, heading) = Pick(random, [("comment", "Comment"), ("plan", "Plan"), ("decision", "Decision"), ("comment", "Comment")]);
        t.Event(kind, Pick(random, ["maintainer", "intake", "orchestrator", "\"yoi ticket\"", "reviewer"]), heading,
            random.Next(3) == 0 ? Paragraph(random, language) : Sections(random, language, ReportHeadings, random.Next(2, 5)));
    }

    /// <summary>What migrated records carry between migration and close: reports, old-style reviews, fixes, status changes.</summary>
    private void LegacyMiddle(ThreadBuilder t)
    {
        if (random.Next(4) == 0) t.Event("implementation_report", Pick(random, ["coder", "maintainer"]), "Implementation report", Sections(random, language, ReportHeadings, random.Next(1, 4)));
        if (random.Next(6) == 0) Reviews(t);
        if (random.Next(25) == 0)
            t.Event("status_changed", "tickets.sh", "Status changed", "Status open -> closed.", extra: [("from", "open"), ("to", "closed")]);
    }

    private void Reviews(ThreadBuilder t)
    {
        _reviewed = true;
        var reviewer = Pick(random, [$"yoi-reviewer-{id}", "reviewer", $"reviewer-{_slug}"]);
        switch (random.Next(100))
        {
            case < 6: // legacy: a review with no status and its own heading
                t.Event("review", $"review-{_slug}", "External review", Paragraph(random, language) + "\n\nArtifacts:\n- `artifacts/review.md`");
                facts.ReviewsWithoutValidStatus++;
                t.Event("fix", Pick(random, ["maintainer", "coder"]), "Parent-side validation fix", Paragraph(random, language));
                return;
            case < 10: // legacy: result instead of status, author with a colon
                t.Event("review", $"reviewer:yoi-reviewer-{_slug}", "Review: approve", "Review result: approve\n\n" + Bullets(random, language, 3), extra: [("result", "approve")]);
                facts.ReviewsWithoutValidStatus++;
                return;
            case < 30:
                t.Event("review", reviewer, "Review: request changes", Bullets(random, language, random.Next(2, 5)), extra: [("status", "request_changes")]);
                if (random.Next(3) == 0) t.Event("fix", $"yoi-coder-{id}", "Fix", Paragraph(random, language));
                else t.Event("implementation_report", $"yoi-coder-{id}", "Implementation report", Sections(random, language, ReportHeadings, random.Next(1, 3)));
                goto default;
            default:
                t.Event("review", reviewer, "Review: approve", "Review result: approve\n\n" + Bullets(random, language, random.Next(1, 4)), extra: [("status", "approve")]);
                return;
        }
    }

    private void Changed(ThreadBuilder t, string from, string to, string reason, string author = "maintainer", string? body = null)
    {
        var field = style == FrontmatterStyle.Current || random.Next(3) > 0 ? "state" : "workflow_state";
        t.Event("state_changed", author, "State changed", body ?? (_japanese ? $"state {from} -> {to}。" : $"State {from} -> {to}."),
            extra: [("from", from), ("to", to), ("reason", reason), ("field", field)]);
    }

    private void Close(ThreadBuilder t, bool direct)
    {
        var body = random.Next(4) == 0 ? Paragraph(random, language) : Sections(random, language, ReportHeadings, random.Next(2, 5));
        var roll = random.Next(100);
        if (roll < 2)
            t.Event("closed", "orchestrator", "Closed", body); // legacy kind name, no status
        else if (roll < 5 && direct)
        {
            // Legacy: an empty close followed by a pasted old header outside any event.
            t.Event("close", "maintainer", "Closed", "", extra: [("status", "closed")]);
            t.Outside($"id: {TicketCorpus.Stamp(created).Replace(":", "", StringComparison.Ordinal)}-{_slug}\nslug: {_slug}\ntitle: {_slug.Replace('-', ' ')}");
            body = "Closed.";
        }
        else t.Event("close", Pick(random, ["maintainer", "orchestrator", "\"yoi ticket\"", "workspace-panel"]), _japanese || (language == RecordLanguage.Mixed && random.Next(2) == 0) ? "完了" : "Closed",
            body, extra: [("status", "closed")]);
        if (random.Next(100) >= 2) _resolution = body;
    }

    // ---- item.md ------------------------------------------------------------------------------------------------

    private string Item(string title, DateTime updated)
    {
        var fm = new StringBuilder("---\n");
        void Line(string key, string value, char quote) => fm.Append(key).Append(": ").Append(Scalar(value, quote)).Append('\n');
        var (a, b) = style switch
        {
            FrontmatterStyle.Legacy or FrontmatterStyle.DoubleQuoted => ('"', '"'),
            FrontmatterStyle.Mixed => ('"', '\''), // migrated, then rewritten line by line by the new backend
            FrontmatterStyle.Current => ('\'', '\''),
            _ => (' ', ' '),
        };
        Line("title", title, a);
        Line("state", state.Name(), b);
        Line("created_at", TicketCorpus.Stamp(created), a);
        Line("updated_at", TicketCorpus.Stamp(updated), b);
        if (style is FrontmatterStyle.Current or FrontmatterStyle.Plain) fm.Append("assignee: null\n");
        if (style == FrontmatterStyle.Current && random.Next(10) < 4)
            Line("readiness", Pick(random, ["implementation_ready", "implementation_ready", "implementation_ready", "ready", "blocked", "spike_needed"]), '\'');
        if (style == FrontmatterStyle.Current && random.Next(10) < 4)
            fm.Append("risk_flags: [").Append(string.Join(", ", Enumerable.Range(0, random.Next(1, 7)).Select(_ => $"'{Pick(random, RiskFlags)}'").Distinct())).Append("]\n");
        if (_queuedBy is not null)
        {
            var q = style == FrontmatterStyle.Mixed ? Pick(random, ['"', '\'']) : b;
            Line("queued_by", _queuedBy, q);
            Line("queued_at", TicketCorpus.Stamp(_queuedAt), q);
        }
        fm.Append("---\n\n");
        return fm.Append(Body(title)).Append('\n').ToString();
    }

    private string Body(string title)
    {
        if (!Migrated && random.Next(20) == 0)
            return _japanese ? "## 背景\n\nLocalTicketBackend によって作成されました。\n\n## 受け入れ条件\n\n- 未定" : "## Background\n\nCreated by LocalTicketBackend.\n\n## Acceptance criteria\n\n- TBD";
        var body = Sections(random, language, ItemHeadings, random.Next(3, 9), level: "##");
        return Migrated
            ? $"## Migration reference\n\n- legacy_ticket: tickets/{_slug}.md\n- migrated_from: TODO.md / tickets directory migration on 2026-05-27\n\n# {title}\n\n{body}"
            : body;
    }

    private static string Scalar(string value, char quote) => quote switch
    {
        '"' => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        '\'' => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => value,
    };

    /// <summary>A title that is a valid plain YAML scalar (no <c>: </c>, quotes or leading indicator).</summary>
    private string PlainTitle()
    {
        while (true)
        {
            var title = Title(random, language == RecordLanguage.Mixed ? RecordLanguage.English : language);
            var colon = title.IndexOf(": ", StringComparison.Ordinal);
            if (colon >= 0) title = title[(colon + 2)..];
            if (title.IndexOfAny(['"', '\'', '#', ':']) < 0) return char.ToUpperInvariant(title[0]) + title[1..];
        }
    }

    private static readonly string[] RiskFlags =
        ["panel-ux", "tui-layout", "tui-input", "startup-latency", "ticket-backend", "partial-failure", "diagnostics", "prompt-context", "permission-scope", "plugin", "sandbox", "orchestrator", "e2e", "mouse-input"];

    // ---- artifacts ----------------------------------------------------------------------------------------------

    private void WriteArtifacts(DateTime last)
    {
        var artifacts = Path.Combine(_dir, "artifacts");
        void FreeForm(string name, string text)
        {
            File.WriteAllText(Path.Combine(artifacts, name), text + "\n");
            facts.FreeFormArtifacts++;
        }
        if (_reviewed && random.Next(10) < 3) FreeForm("review.md", "# Review\n\n" + Sections(random, language, ReportHeadings, 2, level: "##"));
        if (_reviewed && random.Next(12) == 0) FreeForm("rereview.md", "# Re-review\n\n" + Paragraph(random, language));
        if (_reviewed && random.Next(20) == 0) FreeForm($"review-{last:yyyyMMdd}.md", "# Review\n\n" + Paragraph(random, language));
        if (_accepted && random.Next(4) == 0) FreeForm("delegation-intent.md", "# Delegation intent\n\n" + Sections(random, language, ReportHeadings, 2, level: "##"));
        if (_accepted && random.Next(6) == 0) FreeForm("implementation-report.md", "# Implementation report\n\n" + Sections(random, language, ReportHeadings, 3, level: "##"));
        if (random.Next(40) == 0) FreeForm("decision.md", "# Decision\n\n" + Paragraph(random, language));
        if (random.Next(60) == 0) FreeForm($"{_slug}-survey.txt", Bullets(random, language, 4));
        if (state == TicketState.Closed && random.Next(50) == 0) FreeForm($"resolution-{last:yyyyMMdd}.md", Paragraph(random, language));

        var relations = Relations(last);
        if (relations.Count > 0)
        {
            File.WriteAllText(Path.Combine(artifacts, "relations.json"), ArtifactJson.Relations(relations));
            facts.WithRelations++;
        }
        var plans = Plans(last);
        if (plans.Count > 0)
        {
            File.WriteAllText(Path.Combine(artifacts, "orchestration-plan.jsonl"), string.Concat(plans.Select(ArtifactJson.PlanLine)));
            facts.WithPlans++;
        }
    }

    private List<TicketRelation> Relations(DateTime last)
    {
        var list = new List<TicketRelation>();
        if (dependsOn is not null) list.Add(new TicketRelation(id, "depends_on", dependsOn, "needs the queued work first", "intake", TicketCorpus.Stamp(last)));
        if (facts.Ids.Count < 3 || random.Next(100) >= 11) return list;
        var count = random.Next(1, 4);
        foreach (var target in Enumerable.Range(0, count).Select(_ => facts.Ids[random.Next(facts.Ids.Count)]).Where(t => t != dependsOn).Distinct().Order(StringComparer.Ordinal))
        {
            var kind = random.Next(20) switch { < 13 => "related", < 18 => "depends_on", 18 => "supersedes", _ => "duplicate_of" };
            var note = random.Next(5) == 0 ? null : Paragraph(random, language);
            list.Add(new TicketRelation(id, kind, target, note, Pick(random, ["orchestrator", "intake", "yoi ticket"]), TicketCorpus.Stamp(last)));
        }
        return [.. list.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal)];
    }

    private List<OrchestrationPlanRecord> Plans(DateTime last)
    {
        var plans = new List<OrchestrationPlanRecord>();
        string NextId() => $"orch-plan-{last:yyyyMMdd-HHmmss}-{plans.Count + 1}";
        var author = Pick(random, ["orchestrator", "yoi-orchestrator"]);
        var at = TicketCorpus.Stamp(last);
        if ((_queuedBy is not null && random.Next(5) == 0) || (_accepted && random.Next(6) == 0))
            plans.Add(new(NextId(), id, "waiting_capacity_note", null, Paragraph(random, language), null, author, at));
        if (_accepted && facts.Ids.Count > 0 && random.Next(8) == 0)
            plans.Add(new(NextId(), id, Pick(random, ["after", "before", "conflicts_with", "do_not_parallelize"]), facts.Ids[random.Next(facts.Ids.Count)],
                Paragraph(random, language), null, author, at));
        if (_accepted && random.Next(10) < 7)
        {
            var plan = new AcceptedPlan(Paragraph(random, language), $"ticket-{id}-{_slug}", $".worktree/{_slug}", Paragraph(random, language));
            plans.Add(new(NextId(), id, "accepted_plan", null, random.Next(20) == 0 ? Paragraph(random, language) : null, plan, author, at));
        }
        return plans;
    }
}
