using Yoi.Core.Git;
using Yoi.Core.Config;
using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>
/// <c>yoi doctor</c>: the Ticket doctor of the workspace, plus the local state around it: Pod metadata, the workspace's
/// role-session registry and claims, leftover temp files, stale runtime dirs, live-but-unreachable Pods, leftover agent
/// processes, pending peer intents, child worktrees (DelegationChecks) and the orchestration worktree (OrchestrationChecks). Repairs only what is provably safe: temp files older than a minute, runtime dirs of
/// dead Pods, agent processes of a Pod whose daemon is gone, and peer intents (rolled forward by
/// <see cref="PeerLinks.RecoverIntents"/>). It never changes a Ticket, a claim, metadata by hand, or a live Pod.
/// </summary>
public sealed class WorkspaceDoctor(YoiServices services)
{
    private readonly YoiPaths _paths = services.Paths;
    private readonly TimeProvider _time = services.Time;
    private readonly PodMetadataStore _store = services.PodStore;

    public async Task<WorkspaceDoctorReport> RunAsync(string workspace, bool repair, CancellationToken cancellationToken = default)
    {
        var (findings, notes) = await CheckAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (!repair || findings.All(f => f.Repair == RepairKind.None)) return new WorkspaceDoctorReport(findings, [], notes);
        var repairs = Repair(findings);
        repairs.AddRange(await DelegationChecks.RepairAsync(findings, cancellationToken).ConfigureAwait(false));
        var (after, afterNotes) = await CheckAsync(workspace, cancellationToken).ConfigureAwait(false);
        return new WorkspaceDoctorReport(after, repairs, afterNotes);
    }

    private async Task<(List<DoctorFinding>, List<string>)> CheckAsync(string workspace, CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        var notes = new List<string>();
        var canonical = WorkspaceKey.Canonicalize(workspace);
        var now = _time.GetUtcNow();
        string? ticketsRoot = null;
        WorkspaceConfig? ticketsConfig = null;
        try
        {
            var config = services.LoadConfig(canonical);
            if (config.TicketsEnabled)
            {
                ticketsRoot = config.TicketsRoot;
                ticketsConfig = config;
                var store = new TicketStore(config.TicketsRoot, new TicketStoreOptions { WorkspaceRoot = canonical, Time = _time });
                findings.AddRange(TicketDoctor.Run(store).Diagnostics
                    .Where(d => d.Path is null || !Storage.AtomicFile.IsTempFileName(Path.GetFileName(d.Path)))
                    .Select(d => new DoctorFinding("tickets", d.Severity, d.Path ?? config.TicketsRoot, d.Message, TicketFix(d))));
            }
            else
            {
                notes.Add($"tickets: not set up in {canonical} (no {config.TicketsRoot}); `yoi init` sets them up");
            }
        }
        catch (ConfigException ex)
        {
            findings.Add(new DoctorFinding("config", DoctorSeverity.Error, WorkspaceConfigLoader.WorkspaceFile(canonical), ex.Message,
                "fix the file (comments and trailing commas are allowed; unknown keys are not)"));
        }

        if (_paths.DataOrNull is not { } data)
        {
            notes.Add("local data: not checked, no data directory (set YOI_HOME or HOME)");
            return (findings, notes);
        }
        findings.AddRange(PodChecks.Metadata(_store));
        findings.AddRange(RegistryChecks.Run(_store, canonical, _time));
        findings.AddRange(PodChecks.PeerIntents(services.PeerLinks));
        findings.AddRange(await PodChecks.RuntimeDirsAsync(_paths, now, cancellationToken).ConfigureAwait(false));
        findings.AddRange(await PodChecks.DaemonsAsync(_store, cancellationToken).ConfigureAwait(false));
        findings.AddRange(PodChecks.LeftoverAgents(_paths));
        if (await GitCli.TopLevelAsync(canonical, cancellationToken).ConfigureAwait(false) == canonical)
        {
            // Worktree checks only at the repository's top level (a workspace in a subfolder has no worktrees of its own).
            findings.AddRange(await DelegationChecks.RunAsync(_store, canonical, cancellationToken).ConfigureAwait(false));
            if (ticketsConfig is not null) findings.AddRange(await OrchestrationChecks.RunAsync(ticketsConfig, canonical, cancellationToken).ConfigureAwait(false));
        }
        findings.AddRange(LeftoverFiles.Find(data, now));
        if (ticketsRoot is not null) findings.AddRange(LeftoverFiles.Find(ticketsRoot, now));
        return (findings, notes);
    }

    private List<DoctorRepair> Repair(IReadOnlyList<DoctorFinding> findings)
    {
        var repairs = new List<DoctorRepair>();
        var intents = findings.Where(f => f.Repair == RepairKind.RollForwardPeerIntent).ToList();
        if (intents.Count > 0)
        {
            services.PeerLinks.RecoverIntents();
            repairs.AddRange(intents.Where(f => !File.Exists(f.Path)).Select(f => new DoctorRepair(f.Path, "rolled the peer registration forward")));
        }
        foreach (var finding in findings)
        {
            try
            {
                switch (finding.Repair)
                {
                    case RepairKind.DeleteTempFile:
                        LeftoverFiles.Delete(finding.Path);
                        repairs.Add(new DoctorRepair(finding.Path, "deleted the leftover temp file"));
                        break;
                    case RepairKind.EndAgentProcesses:
                        var ended = PodChecks.EndAgents(_paths, finding.Path);
                        repairs.Add(new DoctorRepair(finding.Path, $"ended the leftover agent processes (pids {string.Join(", ", ended)})"));
                        break;
                    case RepairKind.RemoveRuntimeDir:
                        PodChecks.RemoveRuntimeDir(_paths, finding.Path);
                        repairs.Add(new DoctorRepair(finding.Path, "removed the stale runtime dir"));
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                repairs.Add(new DoctorRepair(finding.Path, $"could not repair: {ex.Message}"));
            }
        }
        return repairs;
    }

    private static string TicketFix(DoctorDiagnostic diagnostic) =>
        diagnostic.Fix ?? "restore the record from git or edit it by hand (`yoi doctor --repair` never changes Tickets)";
}
