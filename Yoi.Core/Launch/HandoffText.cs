using System.Text;

namespace Yoi.Core.Launch;

/// <summary>The Orchestrator an Intake hands off to, and whether it is live enough to be registered as a peer first.</summary>
public sealed record IntakeHandoff(string WorkspaceLabel, string OrchestratorPod, bool RegisterAsPeer, string? SkipReason = null);

/// <summary>What goes into the prompt part of a role's first run (docs/original-panel.md §4.3).</summary>
public sealed record HandoffContent(
    string? TicketId,
    string? Instruction,
    IntakeHandoff? Handoff = null,
    string? OriginalWorkspaceRoot = null,
    string? TargetWorkspaceRoot = null,
    bool IsOrchestrator = false);

/// <summary>
/// Builds the first-run prompt. It deliberately never contains the role, profile, workflow name, record
/// language, sockets, runtime paths or cwd: the workflow travels only as the <c>workflow_invoke</c> segment.
/// </summary>
public static class HandoffText
{
    public const int ValueLimit = 8000;

    public static string Build(HandoffContent content)
    {
        var text = new StringBuilder();
        if (content.TicketId is { Length: > 0 } id) text.Append("Target Ticket:\n- id: ").Append(Bound(id));
        else text.Append("Target Ticket: not specified");
        if (content.Instruction is { } instruction && instruction.Trim().Length > 0)
            text.Append("\n\nAction instruction:\n").Append(Bound(instruction));
        if (content.Handoff is { } handoff)
        {
            text.Append("\n\nPanel handoff:\n- workspace: ").Append(Bound(handoff.WorkspaceLabel))
                .Append("\n- workspace_orchestrator_pod: ").Append(Bound(handoff.OrchestratorPod));
        }
        if (content.IsOrchestrator && (content.OriginalWorkspaceRoot is not null || content.TargetWorkspaceRoot is not null))
        {
            text.Append("\n\nOrchestrator operation targets:");
            if (content.OriginalWorkspaceRoot is { } original)
                text.Append("\n- implementation_worktree_root: ").Append(Bound(Path.Combine(original, ".worktree")));
            if (content.TargetWorkspaceRoot is { } target) text.Append("\n- merge_target_workspace_root: ").Append(Bound(target));
        }
        return text.ToString();
    }

    private static string Bound(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= ValueLimit ? trimmed : trimmed[..ValueLimit] + "\n[truncated]";
    }
}
