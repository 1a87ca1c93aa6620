using Yoi.Core.Delegation;
using Yoi.Core.Panel;

namespace Yoi.Tui.Screens.Panel;

/// <summary><c>d</c> on a child row: load its branch's diff for the diff view.</summary>
public sealed record ShowChildDiffIntent(string Child) : PanelIntent
{
    public override string WorkingText => $"reading the diff of {Child}…";
}

/// <summary>Confirmed <c>F</c>: finish the child (merge into the base branch, stop it, remove its worktree and branch).</summary>
public sealed record FinishChildIntent(string Child) : PanelIntent
{
    public override string WorkingText => $"finishing {Child}…";
}

/// <summary>The delegated child <c>d</c> and <c>F</c> act on: its Pod, delegation record and branch summary (null when not known).</summary>
public sealed record ReviewTarget(string Pod, ChildDelegation Delegation, ChildSummary? Summary);

/// <summary>
/// The panel's delegation keys (docs/delegation.md, Panel): <c>d</c> opens the diff view of the selected child Pod,
/// <c>F</c> asks y/n and then finishes it. They are row commands only on a child row (elsewhere the letters type), a child row, or on a child's own Pod row (a child whose parent is
/// not shown, or one listed in Needs you); from the diff view they act on the child it shows.
/// </summary>
public static class PanelChildKeys
{
    /// <summary>The child the selection (or the open diff view) names, or null.</summary>
    public static ReviewTarget? Target(PanelScreenState state)
    {
        if (state.DiffView is { } view) return new ReviewTarget(view.Pod, view.Delegation, view.Summary);
        return state.SelectedRow switch
        {
            ChildPodRow c => new ReviewTarget(c.PodName, c.Delegation, c.Summary),
            PodRow { Delegation: { } d } p => new ReviewTarget(p.Name, d,
                state.Model.Rows.OfType<ChildPodRow>().FirstOrDefault(r => r.PodName == p.Name)?.Summary),
            _ => null,
        };
    }

    /// <summary>True when d and F apply to the selection: a child with a worktree of its own.</summary>
    public static bool Reviewable(PanelScreenState state) => Target(state) is { Delegation.HasWorktree: true };

    /// <summary>True when the workspace has any delegated child (the help overlay lists d and F then).</summary>
    public static bool AnyChild(PanelScreenState state) => state.Model.Pods.Any(p => p.Delegation is not null);

    public static PanelIntent? Diff(PanelScreenState state, DateTimeOffset now)
    {
        if (Usable(state, now) is not { } target) return null;
        state.OpenDiffView(new PanelDiffView(target.Pod, target.Delegation, target.Summary));
        return new ShowChildDiffIntent(target.Pod);
    }

    public static PanelIntent? Finish(PanelScreenState state, DateTimeOffset now)
    {
        if (Usable(state, now) is not { } target) return null;
        var d = target.Delegation;
        var counts = target.Summary?.Counts is { } c ? $" ({c.Ahead} commit{(c.Ahead == 1 ? "" : "s")}, +{c.Added} −{c.Removed})" : "";
        state.AskConfirm(new PendingConfirm("Finish child Pod",
            $"Finish child Pod {target.Pod}: merge {d.Branch}{counts} into {d.BaseBranch}, stop it, remove its worktree and branch? y/n",
            "finish", new FinishChildIntent(target.Pod), "Finish cancelled; nothing changed."));
        return null;
    }

    private static ReviewTarget? Usable(PanelScreenState state, DateTimeOffset now)
    {
        switch (Target(state))
        {
            case null:
                return null;
            case { Delegation.HasWorktree: false } t:
                state.Info($"Pod {t.Pod} has no worktree of its own (spawned without --worktree); there is no branch to diff or merge.", now);
                return null;
            case var t:
                return t;
        }
    }
}
