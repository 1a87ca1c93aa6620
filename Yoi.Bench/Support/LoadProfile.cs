using System.Diagnostics;
using System.Text;
using Yoi.Core.Tickets;

namespace Yoi.Bench;

/// <summary>
/// Where a full Ticket load spends its time: one pass over every record directory calling the record loader's own
/// public steps in its order (stamps, path containment checks, reads + strict UTF-8 decode, frontmatter YAML, thread
/// parse, artifact listing, relations/plan parse), each under its own Stopwatch. Totals in milliseconds.
/// </summary>
internal sealed class LoadProfile
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public double StampsMs { get; private set; }
    public double ContainmentMs { get; private set; }
    public double ReadMs { get; private set; }
    public double DecodeMs { get; private set; }
    public double FrontmatterMs { get; private set; }
    public double ThreadMs { get; private set; }
    public double ArtifactsMs { get; private set; }
    public double RelationsAndPlansMs { get; private set; }

    public static LoadProfile Measure(string ticketRoot)
    {
        var profile = new LoadProfile();
        var root = Path.GetFullPath(ticketRoot);
        foreach (var dir in new TicketStore(root).RecordDirectories())
        {
            var id = Path.GetFileName(dir);
            profile.StampsMs += Time(() => TicketStore.Stamp(dir));
            var files = new[] { "item.md", "thread.md", Path.Combine("artifacts", TicketRelations.FileName),
                Path.Combine("artifacts", OrchestrationPlan.FileName), "resolution.md" }.Select(f => Path.Combine(dir, f)).Where(File.Exists).ToList();
            profile.ContainmentMs += Time(() =>
            {
                TicketRecordLoader.EnsureInside(root, dir, dir);
                foreach (var f in files) TicketRecordLoader.EnsureInside(root, f, f);
            });
            var texts = new Dictionary<string, string>();
            foreach (var f in files)
            {
                byte[] bytes = [];
                profile.ReadMs += Time(() => bytes = File.ReadAllBytes(f));
                profile.DecodeMs += Time(() => texts[Path.GetFileName(f)] = StrictUtf8.GetString(bytes));
            }
            profile.FrontmatterMs += Time(() => TicketMetadata.From(Frontmatter.Parse(texts["item.md"])));
            if (texts.TryGetValue("thread.md", out var thread)) profile.ThreadMs += Time(() => ThreadEvents.Parse(thread));
            profile.ArtifactsMs += Time(() => TicketRecordLoader.ListArtifacts(dir, Path.Combine(dir, "artifacts")));
            profile.RelationsAndPlansMs += Time(() =>
            {
                if (texts.TryGetValue(TicketRelations.FileName, out var relations)) TicketRelations.Parse(relations, id);
                if (texts.TryGetValue(OrchestrationPlan.FileName, out var plan)) OrchestrationPlan.Parse(plan, id);
            });
        }
        return profile;
    }

    private static double Time(Action body)
    {
        var started = Stopwatch.GetTimestamp();
        body();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
