using Yoi.Core.Panel;
using Yoi.Core.Tickets;
using Yoi.Tui.Terminal;
using Yoi.Tui.Widgets;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// The details and live-preview pane for the selected row: for a Ticket its state, gate and blockers, the Enter action
/// and why, the claim with its reason and generation, relations and the latest thread event; for a Pod its status,
/// last run, peers and pending notifications; then the preview lines (the selected Pod's transcript tail) when there
/// are any. Below the list on narrow terminals (heading on the separator line, one line per item, cut), on the
/// right at ≥ <see cref="WideWidth"/> columns (wrapped).
/// </summary>
public static class PanelDetailsPainter
{
    public const int WideWidth = 140;

    /// <summary>The pane's heading: id and title, or the Pod name.</summary>
    public static string Heading(PanelRow? row) => row switch
    {
        TicketRow t => $"{t.Id} {t.Title}",
        PodRow p => $"Pod {p.Name}",
        IntakeChildRow c => $"Intake Pod {c.PodName}",
        ChildPodRow c => PanelChildPainter.Heading(c),
        InvalidTicketRow r => r.Title,
        _ => "no row selected",
    };

    /// <summary>The pane's lines for the selected row, most important first.</summary>
    public static List<Span> Lines(PanelScreenState state, DateTimeOffset now)
    {
        var lines = new List<Span>();
        var selected = state.SelectedListRow;
        if (selected is NeedsYouRow n)
            lines.Add(new Span($"needs you: {n.Label} — {n.Why}{(PanelWords.Ago(n.Since, now) is { } ago ? " · " + ago : "")}", PanelRowPainter.NeedsYouStyle(n.Reason)));
        switch (state.SelectedRow)
        {
            case TicketRow t:
                TicketLines(lines, t, state.Model, now);
                break;
            case PodRow p:
                PodLines(lines, p, now);
                break;
            case IntakeChildRow c:
                lines.Add(new Span($"Intake Pod for Ticket {c.TicketId} · {(c.Source == IntakeSource.Claim ? "local claim" : "related session")} · {c.StatusLabel}", PanelRowPainter.ClaimStyle(c.Status)));
                lines.Add(new Span($"Enter: {(c.Action == PanelAction.Open ? "open/attach" : "unavailable")} — {c.DisabledReason ?? c.Hint}", PanelStyles.Hint));
                if (state.Model.Pod(c.PodName) is { } pod) PodLines(lines, pod, now);
                break;
            case ChildPodRow c:
                PanelChildPainter.DetailLines(lines, c);
                PodLines(lines, state.Model.Pod(c.PodName) ?? c.Pod, now);
                break;
            case InvalidTicketRow r:
                lines.Add(new Span("reason: " + r.Reason, PanelStyles.Warning));
                lines.Add(new Span(InvalidTicketRow.DisabledText + " " + InvalidTicketRow.HintText, PanelStyles.Hint));
                break;
            default:
                lines.Add(new Span("↑/↓ or a click selects a row; its details and the Pod's latest output show here.", PanelStyles.Hint));
                break;
        }
        return lines;
    }

    /// <summary>The preview: a heading naming the Pod (and, with no row selected, that it is the Companion the composer
    /// talks to), then the newest lines of its transcript; empty when there is nothing to show.</summary>
    public static List<Span> PreviewLines(PanelScreenState state)
    {
        if (state.Preview is not { Lines.Count: > 0 } preview || preview.PodName != PreviewPod(state)) return [];
        var who = state.SelectedRow is null ? $"Companion {preview.PodName} (the composer's target)" : preview.PodName;
        List<Span> lines = [new Span($"── {who}{(preview.Live ? " · live" : " · not connected")}", PanelStyles.Header)];
        foreach (var line in preview.Lines) lines.Add(new Span(line.Text, line.Style));
        return lines;
    }

    /// <summary>The Pod whose transcript the pane previews: the selected Pod, an Intake child's Pod, a Ticket's claimed
    /// Pod; with no row selected and the composer talking to the Companion, the Companion (its reply shows here).</summary>
    public static string? PreviewPod(PanelScreenState state) => state.SelectedRow switch
    {
        PodRow p => p.Name,
        IntakeChildRow c => c.PodName,
        ChildPodRow c => c.PodName,
        TicketRow { Claim: { Status: not null } claim } => claim.PodName,
        null when state.Target == ComposerTarget.Companion && state.Model.CompanionPod is { } companion => companion.Name,
        _ => null,
    };

    private static void TicketLines(List<Span> lines, TicketRow t, PanelModel model, DateTimeOffset now)
    {
        var state = t.Overlay is { } o ? $"{t.State.Name()} (orchestration: {o.Name()})" : t.State.Name();
        var updated = PanelWords.Ago(t.UpdatedAt, now) is { } ago ? $" · updated {ago}" : "";
        lines.Add(new Span($"state {state} · gate {(t.Gate is null ? "clear" : "waiting for " + t.Gate)}{updated}",
            t.Gate is null ? PanelRowPainter.PriorityStyle(t.Priority) : PanelStyles.Warning));
        var why = t.ReclaimOffered ? t.Hint : t.DisabledReason ?? t.Hint;
        // The same words as the footer's Enter hint (PanelKeys.EnterLabel: the one Enter table).
        var action = PanelKeys.EnterLabel(t) switch
        {
            "Reclaim" => "Reclaim (Ctrl+R)",
            null => t.ActionLabel,
            var label => label,
        };
        lines.Add(new Span($"Enter: {action}{(why is { Length: > 0 } ? " — " + why : "")}", t.ReclaimOffered ? PanelStyles.Warning : PanelStyles.Hint));
        if (t.Claim is { } claim)
            lines.Add(new Span($"claim {claim.PodName} ({claim.StatusLabel}) · role {claim.Role} · generation {claim.Generation}", PanelRowPainter.ClaimStyle(claim.Status)));
        foreach (var notice in t.RelationNotices) lines.Add(new Span("relation: " + notice, PanelStyles.Hint));
        if (t.Blockers.Count > 0) lines.Add(new Span("blocked by: " + string.Join(", ", t.Blockers.Select(b => b.ToString())), PanelStyles.Warning));
        if (t.LatestEventKind is { } kind) lines.Add(new Span($"latest {kind}: {t.LatestExcerpt}", PanelStyles.Hint));
        if (t.Claim is { } c && model.Pod(c.PodName) is { } pod) PodLines(lines, pod, now);
    }

    private static void PodLines(List<Span> lines, PodRow p, DateTimeOffset now)
    {
        var role = p.IsCompanion ? "companion" : p.IsOrchestrator ? "orchestrator" : p.Role ?? "no role";
        var extras = new List<string> { role };
        if (p.PendingNotifications > 0) extras.Add($"✉{p.PendingNotifications} pending notification{(p.PendingNotifications == 1 ? "" : "s")}");
        if (p.Peers.Count > 0) extras.Add($"peers {string.Join(", ", p.Peers)}");
        extras.Add($"profile {p.Profile ?? "default"}");
        lines.Add(new Span($"Pod {p.Name}: {PanelWords.PodState(p, now)} · {string.Join(" · ", extras)}", PanelRowPainter.PodStatusStyle(p)));
        if (p.ProfileOnRestore is { } next)
            lines.Add(new Span($"the config now gives this role profile {next}: it applies on the next restore (stop, then restore)", PanelStyles.Warning));
        if (p.LastRun is { } run)
            lines.Add(new Span($"last run {run.Outcome} {PanelWords.Ago(run.EndedAt, now) ?? run.EndedAt}{(run.Error is { } e ? ": " + e : "")}" +
                (p.LastSeenAt is { } seen ? $" · looked at {PanelWords.Ago(seen, now)}" : " · never opened"), run.Errored ? PanelStyles.Failed : PanelStyles.Hint));
        lines.Add(new Span("Enter: " + p.OpenHint, PanelStyles.Hint));
    }

    /// <summary>Narrow: the heading on the separator line, then one cut line per item.</summary>
    public static void RenderBelow(Frame frame, Rect area, PanelScreenState state, DateTimeOffset now)
    {
        var heading = "── " + Heading(state.SelectedRow) + " ";
        var x = frame.Write(area.X, area.Y, CellWidth.Truncate(heading, area.Width), PanelStyles.Hint, area.Right);
        if (x < area.Right) frame.Write(x, area.Y, new string('─', area.Right - x), PanelStyles.Hint, area.Right);
        var body = area.Height - 1;
        var shown = Compose(state, Lines(state, now), PreviewLines(state), body);
        for (var i = 0; i < shown.Count && i < body; i++)
            frame.Write(area.X, area.Y + 1 + i, CellWidth.Truncate(shown[i].Text, area.Width), shown[i].Style, area.Right);
    }

    /// <summary>Wide: a bordered column on the right, heading and items wrapped.</summary>
    public static void RenderRight(Frame frame, Rect area, PanelScreenState state, DateTimeOffset now)
    {
        for (var y = area.Y; y < area.Bottom; y++) frame.Write(area.X, y, "│", PanelStyles.Hint, area.Right);
        var inner = new Rect(area.X + 2, area.Y, Math.Max(0, area.Width - 2), area.Height);
        var details = new List<Span>();
        foreach (var line in CellWidth.Wrap(Heading(state.SelectedRow), inner.Width)) details.Add(new Span(line, PanelStyles.Bold));
        var shown = Compose(state, Wrap(Lines(state, now), inner.Width, details), Wrap(PreviewLines(state), inner.Width, []), inner.Height);
        for (var i = 0; i < shown.Count && i < inner.Height; i++)
            frame.Write(inner.X, inner.Y + i, CellWidth.Truncate(shown[i].Text, inner.Width), shown[i].Style, inner.Right);
    }

    private static List<Span> Wrap(List<Span> items, int width, List<Span> into)
    {
        foreach (var item in items)
            foreach (var line in CellWidth.Wrap(item.Text, width)) into.Add(new Span(line, item.Style));
        return into;
    }

    /// <summary>
    /// What fits in <paramref name="height"/> lines: the details (at most half when a preview follows, the rest cut),
    /// then the preview's heading and its newest lines — or older ones while the wheel scrolled the pane back
    /// (<see cref="PanelScreenState.DetailsScroll"/>). Records how many preview lines did not fit, so scrolling back
    /// stops at the oldest. A pane too small for a heading and one line shows only details.
    /// </summary>
    private static List<Span> Compose(PanelScreenState state, List<Span> details, List<Span> preview, int height)
    {
        state.DetailsHidden = 0;
        if (height <= 0) return [];
        if (details.Count + preview.Count <= height) return [.. details, .. preview];
        var keep = preview.Count == 0 ? height : Math.Min(details.Count, Math.Max(1, height / 2));
        var room = height - keep;
        if (room < 2) return [.. details.Take(height)];
        var tail = preview.Count - 1; // lines under the heading
        var shownTail = Math.Min(tail, room - 1);
        var hidden = tail - shownTail;
        state.DetailsHidden = hidden;
        var back = Math.Clamp(state.DetailsScroll, 0, hidden);
        return [.. details.Take(keep + (room - 1 - shownTail)), preview[0], .. preview.Skip(1 + tail - back - shownTail).Take(shownTail)];
    }
}
