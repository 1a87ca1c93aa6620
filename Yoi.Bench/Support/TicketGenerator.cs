using Yoi.Core.Claims;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Registry;
using Yoi.Corpus;

namespace Yoi.Bench;

/// <summary>
/// The reload workload's data: <paramref name="count"/> Tickets from the generated corpus (<see cref="TicketCorpus"/>,
/// the same generator the tests use: every record shape of the real 2026-06 corpus, threads, relations, plans), plus Pod
/// metadata records through <see cref="PodMetadataStore"/> and claims through <see cref="TicketClaims"/>.
/// </summary>
internal static class TicketGenerator
{
    /// <summary>Writes <paramref name="count"/> records into <paramref name="ticketRoot"/>; the facts hold their ids and byte count.</summary>
    public static CorpusFacts Generate(string ticketRoot, int count) => TicketCorpus.Write(ticketRoot, new CorpusOptions { Count = count });

    /// <summary><paramref name="count"/> Pod metadata records; every third claims a generated Ticket.</summary>
    public static void GeneratePods(YoiPaths paths, string workspace, int count, IReadOnlyList<string> ticketIds)
    {
        var store = new PodMetadataStore(paths, TimeProvider.System);
        for (var i = 0; i < count; i++)
        {
            var name = $"pod-{i:000}";
            store.Update(name, _ => new PodMetadata
            {
                PodName = name,
                WorkspaceRoot = workspace,
                Role = (i % 3) switch { 0 => "intake", 1 => "implementer", _ => "reviewer" },
                Ticket = i % 3 == 0 ? ticketIds[i * 7 % ticketIds.Count] : null,
                Active = new ActiveSession($"session-{i:000}", $"segment-{i:000}"),
                Peers = i > 0 ? [new PeerRef($"pod-{i - 1:000}")] : [],
            });
        }
    }

    /// <summary>Claims of the first <paramref name="count"/> Pods on their Tickets, through the product's <see cref="TicketClaims"/>.</summary>
    public static void GenerateClaims(YoiPaths paths, string workspace, int count, IReadOnlyList<string> ticketIds)
    {
        var claims = new TicketClaims(RegistryLocation.ForWorkspace(paths, workspace), TimeProvider.System);
        for (var i = 0; i < count; i++) claims.Claim(ticketIds[i * 3 * 7 % Math.Max(1, Math.Min(ticketIds.Count, count * 4))], null, $"pod-{i * 3:000}", "intake");
    }
}
