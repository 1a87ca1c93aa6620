using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Cli;

/// <summary>The read-only commands: <c>list</c>, <c>show</c> and <c>doctor</c> (text or <c>--json</c>).</summary>
internal sealed class TicketListCommands(YoiServices services, WorkspaceOption workspace)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    private static readonly string[] HiddenShowKeys = ["legacy_ticket", "needs_preflight", "action_required", "attention_required"];

    /// <summary>Exit code of <c>list --strict</c> when some records are invalid (the valid ones are still listed).</summary>
    public const int InvalidRecordsExitCode = 3;

    public Command List()
    {
        var state = new Option<string>("--state") { Description = "planning|ready|queued|inprogress|done|closed|all", DefaultValueFactory = _ => "all" };
        state.AcceptOnlyFromAmong("planning", "ready", "queued", "inprogress", "done", "closed", "all");
        var limit = new Option<int>("--limit") { Description = $"Rows to show (default {DefaultLimit}, at most {MaxLimit}; --all for every row)", DefaultValueFactory = _ => DefaultLimit };
        var all = new Option<bool>("--all") { Description = "Show every matching row (no limit)" };
        var strict = new Option<bool>("--strict") { Description = $"Exit {InvalidRecordsExitCode} when any record is invalid (they are listed either way)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List Tickets; invalid records are reported after the rows (run doctor)") { state, limit, all, strict, json };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var requested = parse.GetValue(limit);
            if (requested < 1) throw new TicketUsageException("--limit must be at least 1");
            if (parse.GetValue(all) && parse.GetResult(limit) is { Implicit: false }) throw new TicketUsageException("use either --limit or --all, not both");
            var max = parse.GetValue(all) ? int.MaxValue : Math.Min(requested, MaxLimit);
            var filter = parse.GetValue(state)!;
            var listing = c.Store().ListSummaries();
            var matching = listing.Summaries.Where(r => filter == "all" || r.Meta.State.Name() == filter).ToList();
            var rows = matching.Take(max).ToList();
            var exit = parse.GetValue(strict) && listing.Invalid.Count > 0 ? InvalidRecordsExitCode : 0;
            if (parse.GetValue(json))
            {
                c.Out.WriteLine(TicketJson.List(filter, matching.Count, rows, max == int.MaxValue ? matching.Count : max, listing.Invalid));
                return exit;
            }
            c.Out.WriteLine("state\tid\ttitle\tupdated_at\thints");
            foreach (var r in rows)
                c.Out.WriteLine($"{r.Meta.State.Name()}\t{r.Id}\t{Cut(TicketRelationCommands.OneLine(r.Meta.Title), 96)}\t{r.Meta.UpdatedAt}\t{Hints(r)}");
            if (rows.Count < matching.Count)
                c.Out.WriteLine($"# truncated: returned {rows.Count} of {matching.Count}; use --all, --limit up to {MaxLimit} or a narrower --state, then yoi ticket show <id> for details");
            foreach (var bad in listing.Invalid)
                c.Out.WriteLine($"# invalid record {bad.Label}: {TicketRelationCommands.OneLine(bad.Detail)}");
            if (listing.Invalid.Count > 0)
                c.Out.WriteLine($"# {listing.Invalid.Count} invalid record(s) not listed; run `yoi ticket doctor` for the details and the fix");
            return exit;
        }));
        return command;
    }

    public Command Show()
    {
        var id = new Argument<string>("id");
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("show", "Show one Ticket: frontmatter, body, thread, relations, artifacts, resolution") { id, json };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var store = c.Store();
            var record = store.Show(parse.GetValue(id)!);
            var view = store.Relations(record.Id);
            c.Out.Write(parse.GetValue(json) ? TicketJson.Show(record, view) + "\n" : ShowText(record, view));
            return 0;
        }));
        return command;
    }

    public Command Doctor()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("doctor", "Check every Ticket record; exit 1 when there are errors") { json };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var report = TicketDoctor.Run(c.Store());
            if (parse.GetValue(json))
            {
                c.Out.WriteLine(TicketJson.Doctor(report));
                return report.Ok ? 0 : 1;
            }
            foreach (var d in report.Diagnostics)
                c.Out.WriteLine($"doctor: {d.SeverityName}: {d.Message}{(d.Path is null ? "" : $" ({d.Path})")}");
            c.Out.WriteLine(report.Ok ? "doctor: ok" : $"doctor: {report.ErrorCount} error(s)");
            return report.Ok ? 0 : 1;
        }));
        return command;
    }

    internal static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    internal static string Hints(TicketSummary r) => r.Meta.Readiness is { Length: > 0 } readiness ? $"readiness:{Cut(readiness, 80)}" : "";

    private static string ShowText(TicketRecord r, RelationView view)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append($"# {r.Meta.Title}\n\nState: {r.Meta.State.Name()}\nID: {r.Id}\nUpdated: {r.Meta.UpdatedAt}\n\n## item.md\n\n");
        foreach (var (key, value) in r.Frontmatter.Fields.Where(f => Array.IndexOf(HiddenShowKeys, f.Key) < 0).OrderBy(f => f.Key, StringComparer.Ordinal))
            sb.Append($"{key}: {value.Display()}\n");
        sb.Append('\n').Append(r.Frontmatter.Body.TrimEnd('\n')).Append("\n\n## thread.md\n\n");
        if (r.Events.Count == 0) sb.Append("(no events)\n");
        foreach (var e in r.Events)
        {
            sb.Append($"- {e.Kind}{(e.Status is null ? "" : $" [{e.Status}]")} by {e.Author ?? "unknown"} at {e.At ?? "?"}\n");
            if (e.Heading is not null) sb.Append($"  ## {e.Heading}\n");
            foreach (var line in e.Body.Split('\n')) sb.Append(line.Length == 0 ? "\n" : $"  {line}\n");
        }
        if (view.Outgoing.Count + view.Incoming.Count + view.Blockers.Count + view.Notices.Count > 0)
        {
            sb.Append("\n## relations\n\n### outgoing\n");
            foreach (var o in view.Outgoing) sb.Append($"- {o.Kind} {o.Target} by {o.Author} at {o.At}{(o.Note is null ? "" : $": {TicketRelationCommands.OneLine(o.Note)}")}\n");
            sb.Append("\n### incoming / derived inverse\n");
            foreach (var i in view.Incoming) sb.Append($"- {i.InverseKind} {i.Source} by {i.Author} at {i.At}\n");
            sb.Append("\n### unresolved queue blockers\n");
            foreach (var b in view.Blockers) sb.Append($"- {b}\n");
            if (view.Notices.Count > 0) sb.Append("\n### notices\n");
            foreach (var n in view.Notices) sb.Append($"- {n}\n");
        }
        sb.Append("\n## artifacts\n\n");
        if (r.Artifacts.Count == 0) sb.Append("(none)\n");
        foreach (var a in r.Artifacts) sb.Append($"- {a}\n");
        if (r.Resolution is not null) sb.Append("\n## resolution.md\n\n").Append(r.Resolution.TrimEnd('\n')).Append('\n');
        return sb.ToString();
    }
}
