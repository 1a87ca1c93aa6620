using Yoi.Core.Storage;

namespace Yoi.Core.Tickets;

public enum DoctorSeverity
{
    Error,
    Warning,
}

/// <param name="Fix">The next step when the check knows one (otherwise the caller's default for Ticket records).</param>
public sealed record DoctorDiagnostic(DoctorSeverity Severity, string Message, string? Path, string? Fix = null)
{
    public string SeverityName => Severity == DoctorSeverity.Error ? "error" : "warning";
}

public sealed record DoctorReport(IReadOnlyList<DoctorDiagnostic> Diagnostics)
{
    public int ErrorCount => Diagnostics.Count(d => d.Severity == DoctorSeverity.Error);

    public bool Ok => ErrorCount == 0;
}

/// <summary>Consistency checks over the whole Ticket root (docs/original-panel.md §1.10, plus legacy intake and leftover temp files).</summary>
public static class TicketDoctor
{
    public static readonly string[] ObsoleteKeys = ["id", "slug", "status", "workflow_state", "kind", "labels", "action_required", "attention_required"];
    private const int MaxCycleDepth = 64;
    private const int MaxCycles = 32;

    public static DoctorReport Run(TicketStore store)
    {
        var d = new List<DoctorDiagnostic>();
        var root = store.Root;
        if (!Directory.Exists(root))
            return new DoctorReport([new(DoctorSeverity.Error, $"ticket root does not exist; run `yoi ticket init`", root, "run `yoi ticket init`")]);
        foreach (var bucket in new[] { "open", "pending", "closed" }.Select(b => Path.Combine(root, b)).Where(Directory.Exists))
            d.Add(new(DoctorSeverity.Error, $"legacy ticket bucket remains: {bucket}", bucket));
        foreach (var entry in Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
            if (AtomicFile.IsTempFileName(Path.GetFileName(entry)))
                d.Add(new(DoctorSeverity.Warning, "leftover temp file from an interrupted write; delete it", entry));

        var records = new List<TicketRecord>();
        foreach (var dir in store.RecordDirectories())
        {
            var name = Path.GetFileName(dir);
            if (!TicketId.IsValid(name))
            {
                d.Add(new(DoctorSeverity.Error, $"invalid ticket id directory '{name}'", dir));
                continue;
            }
            if (!File.Exists(Path.Combine(dir, "thread.md"))) d.Add(new(DoctorSeverity.Error, $"missing thread.md: {dir}", dir));
            if (!Directory.Exists(Path.Combine(dir, "artifacts"))) d.Add(new(DoctorSeverity.Error, $"missing artifacts/: {dir}", dir));
            var result = store.LoadRecord(dir);
            if (result.Record is not { } record)
            {
                d.Add(new(DoctorSeverity.Error, result.Invalid!.Detail, dir));
                continue;
            }
            records.Add(record);
            CheckItem(record, d);
            CheckThread(root, record, d);
        }
        CheckRelations(records, d);
        CheckLeftovers(root, d);
        return new DoctorReport(d);
    }

    private static void CheckItem(TicketRecord record, List<DoctorDiagnostic> d)
    {
        var item = Path.Combine(record.Directory, "item.md");
        foreach (var key in new[] { "title", "state", "created_at", "updated_at" })
            if (string.IsNullOrEmpty(record.Frontmatter.Text(key)))
            {
                if (key == "state" && record.Meta.LegacyIntake) continue;
                d.Add(new(DoctorSeverity.Error, $"missing required field '{key}': {item}", item));
            }
        foreach (var key in ObsoleteKeys.Where(record.Frontmatter.Has))
        {
            if (key == "workflow_state" && record.Meta.LegacyIntake)
                d.Add(new(DoctorSeverity.Warning,
                    $"legacy 'workflow_state: intake' is read as planning; replace that line with \"state: 'planning'\": {item}", item));
            else d.Add(new(DoctorSeverity.Error, $"obsolete current frontmatter field '{key}': {item}", item));
        }
        if (record.Meta.State == TicketState.Closed && record.Resolution is null)
            d.Add(new(DoctorSeverity.Warning, "closed ticket missing resolution.md", record.Directory));
    }

    private static void CheckThread(string root, TicketRecord record, List<DoctorDiagnostic> d)
    {
        var path = Path.Combine(record.Directory, "thread.md");
        if (!File.Exists(path)) return;
        var lines = TicketRecordLoader.ReadText(root, path, TicketRecordLoader.MaxThreadBytes).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("<!-- event:", StringComparison.Ordinal) && !line.TrimEnd().EndsWith("-->", StringComparison.Ordinal))
                d.Add(new(DoctorSeverity.Error, $"malformed thread event comment at {path}:{i + 1}", path));
        }
        foreach (var ev in record.Events)
        {
            var where = $"{path}:{ev.Line}";
            if (string.IsNullOrEmpty(ev.At)) d.Add(new(DoctorSeverity.Error, $"thread event missing at: {where}", path));
            if (ev.Kind == "review" && ev.Status is not ("approve" or "request_changes"))
                d.Add(new(DoctorSeverity.Warning, $"legacy review event missing valid status: {where}", path));
            if (ev.Kind == "state_changed")
                foreach (var key in new[] { "from", "to", "reason", "author" })
                    if (string.IsNullOrEmpty(ev.Attribute(key))) d.Add(new(DoctorSeverity.Error, $"state_changed event missing {key}: {where}", path));
            if (ev.Kind == "intake_summary")
            {
                if (string.IsNullOrEmpty(ev.Author)) d.Add(new(DoctorSeverity.Error, $"intake_summary event missing author: {where}", path));
                if (ev.Body.Trim().Length == 0) d.Add(new(DoctorSeverity.Error, $"intake_summary event missing body: {where}", path));
            }
        }
    }

    private static void CheckRelations(List<TicketRecord> records, List<DoctorDiagnostic> d)
    {
        var ids = records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Edge(string a, string b)
        {
            if (!edges.TryGetValue(a, out var set)) edges[a] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(b);
        }
        foreach (var record in records)
            foreach (var r in record.Relations)
            {
                var path = Path.Combine(record.Directory, "artifacts", TicketRelations.FileName);
                if (!ids.Contains(r.Target) && !Directory.Exists(Path.Combine(Path.GetDirectoryName(record.Directory)!, r.Target)))
                    d.Add(new(DoctorSeverity.Error, $"ticket relation has dangling target: {r.TicketId} {r.Kind} {r.Target}", path));
                if (r.Kind == "depends_on") Edge(r.TicketId, r.Target);
                if (r.Kind == "blocks") Edge(r.Target, r.TicketId);
            }
        var cycles = new SortedSet<string>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            var stack = new List<string> { start };
            Walk(start, stack);
        }
        foreach (var cycle in cycles) d.Add(new(DoctorSeverity.Error, $"ticket relation dependency/blocking cycle: {cycle}", null));
        if (truncated) d.Add(new(DoctorSeverity.Warning, $"ticket relation cycle report truncated after {MaxCycles} cycles", null));

        void Walk(string node, List<string> stack)
        {
            if (stack.Count > MaxCycleDepth || truncated || !edges.TryGetValue(node, out var next)) return;
            foreach (var n in next)
            {
                if (n == stack[0])
                {
                    // Only record a cycle from its smallest member so each distinct cycle appears once.
                    if (stack.All(s => string.CompareOrdinal(s, stack[0]) >= 0))
                    {
                        cycles.Add(string.Join(" -> ", stack.Append(stack[0])));
                        if (cycles.Count >= MaxCycles) truncated = true;
                    }
                }
                else if (!stack.Contains(n) && string.CompareOrdinal(n, stack[0]) > 0)
                {
                    stack.Add(n);
                    Walk(n, stack);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
    }

    private static void CheckLeftovers(string root, List<DoctorDiagnostic> d)
    {
        var parent = Path.GetDirectoryName(root);
        if (parent is null) return;
        var todo = Path.Combine(parent, "TODO.md");
        if (File.Exists(todo))
        {
            var text = File.ReadAllText(todo);
            if (text.Contains("tickets/", StringComparison.Ordinal) && text.Contains(".md", StringComparison.Ordinal))
                d.Add(new(DoctorSeverity.Error, "TODO.md still references legacy tickets/*.md", todo));
        }
        var legacy = Path.Combine(parent, "tickets");
        if (Directory.Exists(legacy))
            foreach (var file in Directory.EnumerateFiles(legacy, "*.md").Order(StringComparer.Ordinal))
                d.Add(new(DoctorSeverity.Error, "legacy ticket file remains", file));
    }
}
