using Yoi.Core.Claims;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Core.Tickets;

namespace Yoi.Core.Doctor;

/// <summary>The workspace's local registry: role-sessions.json and claim files parse; claims whose Pod is unusable.</summary>
internal static class RegistryChecks
{
    public static IEnumerable<DoctorFinding> Run(Pods.PodMetadataStore pods, string workspace, TimeProvider time)
    {
        var location = RegistryLocation.ForWorkspace(pods.Paths, workspace);
        var findings = new List<DoctorFinding>();
        try
        {
            new RoleSessionRegistry(location, time).Read();
        }
        catch (RegistryException ex)
        {
            findings.Add(new DoctorFinding("registry", DoctorSeverity.Error, ex.FilePath, $"role-session registry is unusable: {ex.Reason}",
                $"fix the JSON by hand or move {ex.FilePath} aside (the panel then forgets which role launched which Pod; claims are kept)"));
        }
        var service = new ClaimService(new TicketClaims(location, time), new FilePodStatusSource(pods));
        foreach (var view in service.List())
        {
            if (view.Claim is null)
            {
                findings.Add(new DoctorFinding("claims", DoctorSeverity.Error, view.File.Path,
                    $"claim file of Ticket {view.TicketId} is unusable: {view.File.Problem}",
                    $"`yoi claim release {view.TicketId} --force --workspace {workspace}` removes it"));
                continue;
            }
            if (view.Status is not { Kind: ClaimStatusKind.Stale } status) continue;
            var claim = view.Claim;
            findings.Add(new DoctorFinding("claims", DoctorSeverity.Warning, view.File.Path,
                $"Ticket {claim.TicketId} is claimed by Pod `{claim.PodName}`, which is stale: {status.Explanation}",
                $"reclaim it in the panel (Ctrl+R on the Ticket) or with `{ClaimMessages.ReclaimCommand(claim)}`, " +
                $"or free it with `yoi claim release {claim.TicketId}`"));
        }
        return findings;
    }
}
