using System.Text;
using Yoi.Core.Pods;
using Yoi.Core.Paths;
using Yoi.Core.Roles;
using Yoi.Core.Tickets;

namespace Yoi.Bench;

/// <summary>
/// Generates a large Ticket workspace from the 223 real fixture records: record i copies fixture record i mod 223
/// (item.md, thread.md, resolution.md, artifacts) under a new id, with " #i" appended to its title, and gets generated
/// <c>relations.json</c> links (every 4th depends on its predecessor, every 10th is related to a Ticket 7 back).
/// Plain writes: this is set-up, not the product's write path. Also writes Pod metadata records through
/// <see cref="PodMetadataStore"/>, some of them claiming a Ticket.
/// </summary>
internal static class TicketGenerator
{
    public const ulong FirstIdMs = 1_790_000_000_000UL;

    public static string IdOf(int index) => TicketId.Encode(FirstIdMs + (ulong)index * 1000);

    /// <summary>Writes <paramref name="count"/> records into <paramref name="ticketRoot"/> and returns the bytes written.</summary>
    public static long Generate(string ticketRoot, int count)
    {
        Directory.CreateDirectory(ticketRoot);
        var sources = Directory.GetDirectories(BenchPaths.FixtureTickets).Where(d => TicketId.IsValid(Path.GetFileName(d))).Order(StringComparer.Ordinal).ToArray();
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var source = sources[i % sources.Length];
            var sourceId = Path.GetFileName(source);
            var id = IdOf(i);
            var target = Path.Combine(ticketRoot, id);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative == Path.Combine("artifacts", TicketRelations.FileName)) continue;
                var text = File.ReadAllText(file).Replace(sourceId, id, StringComparison.Ordinal);
                if (relative == "item.md") text = RetitleItem(text, i);
                bytes += Write(Path.Combine(target, relative), text);
            }
            Directory.CreateDirectory(Path.Combine(target, "artifacts"));
            var relations = RelationsOf(i, id);
            if (relations.Count > 0) bytes += Write(Path.Combine(target, "artifacts", TicketRelations.FileName), TicketRelations.Render(relations));
        }
        return bytes;
    }

    /// <summary>200 (or <paramref name="count"/>) Pod metadata records; every third claims a generated Ticket.</summary>
    public static void GeneratePods(YoiPaths paths, string workspace, int count, int ticketCount)
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
                Ticket = i % 3 == 0 ? IdOf(i * 7 % ticketCount) : null,
                Active = new ActiveSession($"session-{i:000}", $"segment-{i:000}"),
                Peers = i > 0 ? [new PeerRef($"pod-{i - 1:000}")] : [],
            });
        }
    }

    /// <summary>Claims of the first <paramref name="count"/> Pods on their Tickets, through the product's <see cref="TicketClaims"/>.</summary>
    public static void GenerateClaims(YoiPaths paths, string workspace, int count)
    {
        var claims = new TicketClaims(RegistryLocation.ForWorkspace(paths, workspace), TimeProvider.System);
        for (var i = 0; i < count; i++) claims.Claim(IdOf(i * 3 * 7 % Math.Max(1, count * 4)), null, $"pod-{i * 3:000}", "intake");
    }

    private static List<TicketRelation> RelationsOf(int index, string id)
    {
        var relations = new List<TicketRelation>();
        const string At = "2026-06-20T12:00:00Z";
        if (index % 4 == 1) relations.Add(new TicketRelation(id, "depends_on", IdOf(index - 1), "generated dependency", "bench", At));
        if (index % 10 == 3 && index >= 7) relations.Add(new TicketRelation(id, "related", IdOf(index - 7), null, "bench", At));
        return relations;
    }

    private static string RetitleItem(string text, int index)
    {
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length && lines[i] != "---"; i++)
        {
            if (!lines[i].StartsWith("title:", StringComparison.Ordinal)) continue;
            var line = lines[i].TrimEnd();
            lines[i] = line.EndsWith('"') || line.EndsWith('\'') ? $"{line[..^1]} #{index}{line[^1]}" : $"{line} #{index}";
            break;
        }
        return string.Join('\n', lines);
    }

    private static long Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var data = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, data);
        return data.Length;
    }
}
