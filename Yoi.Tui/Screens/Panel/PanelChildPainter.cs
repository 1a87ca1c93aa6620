using Yoi.Core.Delegation;
using Yoi.Core.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tui.Screens.Panel;

/// <summary>
/// A delegated child Pod's row and details (docs/delegation.md, Panel): <c>└ idle</c> indented under its parent Pod or
/// its Ticket, the child's name and branch, then <c>↑ahead ↓behind</c> and <c>+added −removed</c> (green and red) against
/// the base branch in the claim and gate columns, or the word saying why there are no counts (<c>worktree gone</c>).
/// </summary>
public static class PanelChildPainter
{
    public static void Draw(Frame frame, int y, ChildPodRow c, bool selected, PanelColumns cols, DateTimeOffset now)
    {
        var indent = new string(' ', 2 * (c.Depth - 1));
        PanelColumns.Cell(frame, cols.StateX, y, cols.StatusSpan, $"{indent}└ {PanelWords.PodState(c.Pod, now)}", PanelRowPainter.PodStatusStyle(c.Pod));
        var right = cols.TitleX + cols.Title;
        var x = frame.Write(cols.TitleX, y, CellWidth.Truncate(c.PodName, cols.Title), selected ? PanelStyles.PodNameSelected : PanelStyles.PodName, right);
        if (c.Branch is { } branch && x + 3 < right) frame.Write(x, y, CellWidth.Truncate(" · " + branch, right - x), PanelStyles.Hint, right);
        var summaryRight = cols.GateX + cols.Gate;
        frame.Write(cols.ClaimX, y, SummarySpans(c.Summary), summaryRight);
        if (c.Pod.PendingNotifications > 0)
            PanelColumns.Cell(frame, cols.MailX, y, cols.Mail, c.Pod.PendingMarker, PanelStyles.Warning, alignRight: true);
    }

    /// <summary><c>↑1 ↓0 +12 −3</c> with the added count green and the removed count red, or the problem word in yellow.</summary>
    public static IReadOnlyList<Span> SummarySpans(ChildSummary summary) => summary.Counts is null
        ? [new Span(summary.Problem ?? "", PanelStyles.Warning)]
        : [new Span(summary.AheadBehind + " ", PanelStyles.Hint), new Span($"+{summary.Counts.Added}", PanelStyles.Good),
            new Span(" ", default), new Span($"−{summary.Counts.Removed}", PanelStyles.Failed)];

    public static string Heading(ChildPodRow c) => $"Child Pod {c.PodName}";

    /// <summary>The details pane: parent, branch and base with the counts, what d and F do, then the child's Pod lines.</summary>
    public static void DetailLines(List<Span> lines, ChildPodRow c)
    {
        var summary = c.Summary.Counts is { } n
            ? $"{n.Ahead} commit{(n.Ahead == 1 ? "" : "s")} ahead, {n.Behind} behind · +{n.Added} −{n.Removed} in {n.Files} file{(n.Files == 1 ? "" : "s")}"
            : c.Summary.Problem;
        lines.Add(new Span($"{c.Subtitle} · {summary}", c.Summary.Counts is null ? PanelStyles.Warning : PanelStyles.ActiveWork));
        if (c.UnderTicket is { } ticket) lines.Add(new Span($"works on Ticket {ticket} (its claim)", PanelStyles.Hint));
        lines.Add(new Span(c.CanReview
            ? $"d: diff against {c.Delegation.BaseBranch} · F: finish — merge {c.Branch} into {c.Delegation.BaseBranch}, stop the child, remove its worktree and branch (asks y/n)"
            : "d/F: unavailable — the child has no worktree of its own (spawned without --worktree)", PanelStyles.Hint));
    }
}
