using System.Text;

namespace Yoi.Corpus;

/// <summary>
/// Broken records a reader must survive: each becomes an invalid placeholder (tolerant list) or a doctor error, never
/// a crash. These are the file-content shapes; the file-system shapes (FIFOs, symlinks out of the root, 50 MB files,
/// truncation at a random byte) are applied to copies by the reliability suite (<c>HostileFilesTests</c>).
/// </summary>
public static class BrokenRecords
{
    public static readonly string[] Kinds =
    [
        "unclosed flow collection in frontmatter",
        "invalid state",
        "no closing --- line",
        "bad UTF-8 in item.md",
        "risk_flags is a string",
        "item.md missing",
        "relations.json is not JSON",
        "orchestration-plan.jsonl line is not JSON",
        "invalid id directory name",
    ];

    /// <summary>Writes the broken record of <paramref name="kind"/> as <c>&lt;root&gt;/&lt;id&gt;</c> (or a bad name) and returns its directory name.</summary>
    public static string Write(string root, string id, string kind, Random random)
    {
        var name = kind == "invalid id directory name" ? $"not-a-ticket-{random.Next(1000):000}" : id;
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(dir, "artifacts"));
        File.WriteAllText(Path.Combine(dir, "artifacts", ".gitkeep"), "");
        const string Stamp = "'2026-06-20T12:00:00Z'";
        var good = $"---\ntitle: 'Broken record: {kind}'\nstate: 'planning'\ncreated_at: {Stamp}\nupdated_at: {Stamp}\n---\n\nbody\n";
        var thread = $"<!-- event: create author: LocalTicketBackend at: 2026-06-20T12:00:00Z -->\n\n## Created\n\nCreated by LocalTicketBackend create.\n\n---\n";
        File.WriteAllText(Path.Combine(dir, "thread.md"), thread);
        var item = Path.Combine(dir, "item.md");
        switch (kind)
        {
            case "unclosed flow collection in frontmatter":
                File.WriteAllText(item, good.Replace("---\ntitle:", "---\ntitle: [unclosed\nstate: {\ntitle:", StringComparison.Ordinal));
                break;
            case "invalid state":
                File.WriteAllText(item, good.Replace("'planning'", "'almost'", StringComparison.Ordinal));
                break;
            case "no closing --- line":
                File.WriteAllText(item, good.Replace("---\n\nbody", "\nbody", StringComparison.Ordinal));
                break;
            case "bad UTF-8 in item.md":
                File.WriteAllBytes(item, [.. Encoding.UTF8.GetBytes(good[..20]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(good[20..])]);
                break;
            case "risk_flags is a string":
                File.WriteAllText(item, good.Replace("---\n\nbody", "risk_flags: 'panel-ux'\n---\n\nbody", StringComparison.Ordinal));
                break;
            case "item.md missing":
                break;
            case "relations.json is not JSON":
                File.WriteAllText(item, good);
                File.WriteAllText(Path.Combine(dir, "artifacts", "relations.json"), "{\"version\": 1, \"relations\": [ {\"kind\": ");
                break;
            case "orchestration-plan.jsonl line is not JSON":
                File.WriteAllText(item, good);
                File.WriteAllText(Path.Combine(dir, "artifacts", "orchestration-plan.jsonl"), "{\"id\":\"orch-plan-1\",\"ticket_id\":\n");
                break;
            case "invalid id directory name":
                File.WriteAllText(item, good);
                break;
            default:
                throw new ArgumentException($"unknown broken record kind `{kind}`", nameof(kind));
        }
        return name;
    }
}
