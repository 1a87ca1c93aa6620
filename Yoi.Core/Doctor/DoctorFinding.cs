using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>What <c>yoi doctor --repair</c> may do about a finding; <see cref="None"/> = only a person can fix it.</summary>
public enum RepairKind { None, DeleteTempFile, RemoveRuntimeDir, RollForwardPeerIntent, EndAgentProcesses, RemoveMergedWorktree, DeleteMergedBranch }

/// <summary>
/// One problem found by <see cref="WorkspaceDoctor"/>: the area (<c>tickets</c>, <c>config</c>, <c>pods</c>, <c>runtime</c>,
/// <c>registry</c>, <c>claims</c>, <c>temp</c>, <c>peers</c>), the path, the reason and the next step.
/// </summary>
public sealed record DoctorFinding(string Area, DoctorSeverity Severity, string Path, string Reason, string Fix, RepairKind Repair = RepairKind.None)
{
    /// <summary>For delegation findings: the repository and the <c>work/*</c> branch a repair acts on.</summary>
    public string? Workspace { get; init; }
    public string? Branch { get; init; }

    public string SeverityName => Severity == DoctorSeverity.Error ? "error" : "warning";
}

/// <summary>One change <c>--repair</c> made.</summary>
public sealed record DoctorRepair(string Path, string Action);

/// <summary>The findings (after repairs, when repairing), what was repaired, and what was not checked and why.</summary>
public sealed record WorkspaceDoctorReport(IReadOnlyList<DoctorFinding> Findings, IReadOnlyList<DoctorRepair> Repairs, IReadOnlyList<string> Notes)
{
    public int ErrorCount => Findings.Count(f => f.Severity == DoctorSeverity.Error);
    public int WarningCount => Findings.Count(f => f.Severity == DoctorSeverity.Warning);
    public bool Ok => ErrorCount == 0;
}
