using System.Diagnostics;
using System.Text;
using Yoi.Core.Tickets;

namespace Yoi.Bench;

/// <summary>
/// Where a summary load (what the panel's rows read) spends its time: one pass over every record directory calling the
/// public steps the record reader runs, each under its own Stopwatch — the stamp pass (five stats, what the periodic
/// full pass costs), reading the bytes, strict UTF-8 validation + decode of <c>item.md</c>, the frontmatter YAML, the
/// latest-event thread parse, the relations/plan parse — plus, for comparison, the two steps only the full record
/// runs (whole-thread parse, artifact listing). Totals in milliseconds.
/// </summary>
internal sealed class LoadProfile
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public double StampsMs { get; private set; }
    public double ReadMs { get; private set; }
    public double DecodeMs { get; private set; }
    public double FrontmatterMs { get; private set; }
    public double LatestEventMs { get; private set; }
    public double RelationsAndPlansMs { get; private set; }
    public double FullThreadMs { get; private set; }
    public double FullArtifactsMs { get; private set; }

    public static LoadProfile Measure(string ticketRoot)
    {
        var profile = new LoadProfile();
        var root = Path.GetFullPath(ticketRoot);
        foreach (var dir in new TicketStore(root, new TicketStoreOptions { Time = TimeProvider.System }).RecordDirectories())
        {
            var id = Path.GetFileName(dir);
            profile.StampsMs += Time(() => TicketStore.Stamp(dir));
            var files = new[] { "item.md", "thread.md", Path.Combine("artifacts", TicketRelations.FileName),
                Path.Combine("artifacts", OrchestrationPlan.FileName) }.Select(f => Path.Combine(dir, f)).Where(File.Exists).ToList();
            var bytes = new Dictionary<string, byte[]>();
            foreach (var f in files)
            {
                byte[] data = [];
                profile.ReadMs += Time(() => data = File.ReadAllBytes(f));
                bytes[Path.GetFileName(f)] = data;
            }
            var texts = new Dictionary<string, string>();
            profile.DecodeMs += Time(() =>
            {
                foreach (var (name, data) in bytes)
                {
                    if (!System.Text.Unicode.Utf8.IsValid(data)) throw new InvalidOperationException($"{dir}/{name} is not UTF-8");
                    if (name != "thread.md") texts[name] = StrictUtf8.GetString(data);
                }
            });
            profile.FrontmatterMs += Time(() => TicketMetadata.From(Frontmatter.Parse(texts["item.md"])));
            if (bytes.TryGetValue("thread.md", out var thread))
            {
                profile.LatestEventMs += Time(() => ThreadEvents.LatestSummary(thread));
                profile.FullThreadMs += Time(() => ThreadEvents.Parse(StrictUtf8.GetString(thread)));
            }
            profile.RelationsAndPlansMs += Time(() =>
            {
                if (texts.TryGetValue(TicketRelations.FileName, out var relations)) TicketRelations.Parse(relations, id);
                if (texts.TryGetValue(OrchestrationPlan.FileName, out var plan)) OrchestrationPlan.Parse(plan, id);
            });
            profile.FullArtifactsMs += Time(() => TicketRecordLoader.ListArtifacts(dir, Path.Combine(dir, "artifacts")));
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
