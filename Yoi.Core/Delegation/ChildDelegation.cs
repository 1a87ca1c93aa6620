namespace Yoi.Core.Delegation;

/// <summary>
/// (ours) What a delegated child Pod records about its delegation in its own metadata (<c>delegation</c>): the parent
/// Pod, and with <c>--worktree</c> the worktree path, its branch <c>work/&lt;child&gt;</c>, the main checkout's branch it
/// merges back into (<see cref="BaseBranch"/>) and the commit it started from (<see cref="BaseCommit"/>).
/// </summary>
public sealed record ChildDelegation(string Parent, string? Worktree = null, string? Branch = null, string? BaseBranch = null, string? BaseCommit = null)
{
    public bool HasWorktree => Worktree is { Length: > 0 } && Branch is { Length: > 0 };
}

/// <summary>A delegation step that was refused or failed, with the reason and the next step.</summary>
public class DelegationException(string message, Exception? inner = null) : YoiException(message, inner);
