using Yoi.Core.Delegation;

namespace Yoi.Core.Panel;

/// <summary>
/// A delegated child Pod (its metadata has <c>delegation.parent</c>) nested under its parent's Pod row, or under the
/// Ticket it claims (<see cref="UnderTicket"/>), indented like an Intake child (deeper for a child of a child,
/// <see cref="Depth"/>). It shows the child's state, its branch and the branch's <see cref="Summary"/> against the base
/// branch. Enter opens the child like its Pod row; <c>d</c> shows its diff and <c>F</c> finishes it (docs/delegation.md).
/// </summary>
public sealed record ChildPodRow(PodRow Pod, ChildSummary Summary, int Depth = 1, string? UnderTicket = null)
    : PanelRow(PanelRowKey.Child(Pod.Name, UnderTicket))
{
    public override PanelAction Action => Pod.Action;

    public string PodName => Pod.Name;

    public ChildDelegation Delegation => Pod.Delegation!;

    public string Parent => Delegation.Parent;

    /// <summary>The child's branch (<c>work/&lt;child&gt;</c>), or null without a worktree of its own.</summary>
    public string? Branch => Delegation.HasWorktree ? Delegation.Branch : null;

    /// <summary><c>d</c> and <c>F</c> apply: the child has a worktree and branch of its own.</summary>
    public bool CanReview => Delegation.HasWorktree;

    /// <summary>"child of boss · work/child-a → main", or "child of boss · no worktree".</summary>
    public string Subtitle => $"child of {Parent} · " + (Branch is { } branch ? $"{branch} → {Delegation.BaseBranch}" : ChildSummary.NoWorktree);
}
