using System.Text;

namespace Yoi.Core.Panel;

/// <summary>
/// A plain-text rendering of a <see cref="PanelModel"/>, one line per row with its key fields, for snapshot
/// tests and debugging. Columns are separated by " | "; absent fields are omitted. Timing is left out (it varies).
/// </summary>
public static class PanelModelText
{
    public static string Render(PanelModel model)
    {
        var text = new StringBuilder();
        var h = model.Header;
        text.Append("workspace: ").Append(h.WorkspaceLabel).Append(" | tickets: ").Append(h.TicketConfig.ToString().ToLowerInvariant()).Append('\n');
        text.Append("companion: ").Append(Lifecycle(h.Companion)).Append('\n');
        if (h.Orchestrator is { } o) text.Append("orchestrator: ").Append(Lifecycle(o)).Append('\n');
        text.Append("targets: ").Append(string.Join(", ", model.Targets.Select(t => t.Label()))).Append('\n');
        foreach (var d in model.Diagnostics) text.Append("⚠ ").Append(d).Append('\n');
        if (model.Notice is { } n) text.Append("notice[").Append(n.Level.ToString().ToLowerInvariant()).Append("]: ").Append(n.Text).Append('\n');
        foreach (var row in model.Rows)
        {
            text.Append(Row(row)).Append('\n');
            if (row is NeedsYouRow { Target: TicketRow t }) text.Append("  ").Append(Row(t)).Append('\n'); // listed only here
        }
        return text.ToString().TrimEnd('\n');
    }

    public static string Row(PanelRow row) => row switch
    {
        SectionHeaderRow s => s.Label,
        NeedsYouRow n => Join("N", n.Label, n.Target.Key.Value, n.Why, n.Since),
        TicketRow t => Join("T", t.Id, t.StateLabel, t.Kind.ToString(), t.Priority.ToString(), t.ActionLabel, t.Title,
            t.Gate is null ? null : "gate: " + t.Gate, t.DisabledReason is null ? null : "reason: " + t.DisabledReason,
            t.Hint is null ? null : "hint: " + t.Hint, t.Claim is null ? null : $"claim: {t.Claim.PodName} ({t.Claim.StatusLabel})",
            t.ReclaimOffered ? "reclaim offered" : null, t.RelationNotices.Count == 0 ? null : "notices: " + string.Join("; ", t.RelationNotices),
            t.LatestEventKind is null ? null : $"latest: {t.LatestEventKind}: {t.LatestExcerpt}"),
        IntakeChildRow c => Join("  └", c.Title, c.StatusLabel, c.Action.Label(), c.Subtitle, c.DisabledReason is null ? null : "reason: " + c.DisabledReason,
            "hint: " + c.Hint),
        ChildPodRow c => Join(new string(' ', 2 * c.Depth) + "└", "child " + c.PodName, c.Pod.StatusLabel, c.Subtitle, c.Summary.ToString(),
            c.UnderTicket is null ? null : "claims " + c.UnderTicket, c.Pod.CanOpen ? "open" : "cannot open"),
        InvalidTicketRow i => Join("!", i.Title, InvalidTicketRow.StatusLabel, "reason: " + i.Reason, InvalidTicketRow.DisabledText),
        PodRow p => Join("P", p.Name, p.StatusLabel, p.Role is null ? null : "role: " + p.Role, p.PendingMarker.Length > 0 ? p.PendingMarker : null,
            p.Peers.Count > 0 ? $"{p.PeerMarker} peers: {string.Join(", ", p.Peers)}" : null,
            p.IsCompanion ? "companion" : p.IsOrchestrator ? "orchestrator" : null, p.CanOpen ? "open" : "cannot open"),
        _ => row.Key.Value,
    };

    private static string Lifecycle(LifecycleStatus s) =>
        $"{s.PodName} {s.Label}{(s.Detail is null ? "" : " — " + s.Detail)}{(s.Remembered ? " (remembered)" : "")}";

    private static string Join(params string?[] parts) => string.Join(" | ", parts.Where(p => p is not null));
}
