using System.Globalization;
using Yoi.Core.Tickets;

namespace Yoi.Corpus;

/// <summary>
/// Generates a Ticket corpus (<c>&lt;root&gt;/&lt;ID&gt;/item.md</c>, <c>thread.md</c>, <c>artifacts/</c>,
/// <c>resolution.md</c>) that has every shape the real 2026-06 records have, deterministically from a seed:
/// <list type="bullet">
/// <item>legacy migrated records (double-quoted, four keys, a "Migration reference" section, a <c>migration</c> event),
/// records the new backend later touched (double and single quotes mixed in one file), current single-quoted records
/// (<c>assignee: null</c>, <c>readiness</c>, <c>risk_flags: [...]</c>, <c>queued_by/at</c>) and plain YAML scalars;
/// <c>''</c> and <c>\"</c> escapes;</item>
/// <item>English, Japanese and mixed titles and bodies;</item>
/// <item>threads that walk the lifecycle to the record's state with every event kind: create (every author quoting,
/// including the legacy unquoted <c>author: yoi ticket</c>), migration, intake_summary, state_changed (field
/// <c>state</c> and legacy <c>workflow_state</c>), comment, plan, decision, implementation_report, review with
/// <c>status</c>, legacy reviews (no status, <c>result: approve</c>), fix, status_changed, close and legacy
/// <c>closed</c>, and text outside any event;</item>
/// <item><c>artifacts/.gitkeep</c>, free-form artifacts, <c>relations.json</c> (depends_on, related, supersedes,
/// duplicate_of; never a cycle), <c>orchestration-plan.jsonl</c> (accepted_plan and the other kinds), and
/// <c>resolution.md</c> for closed records (a few closed ones without, as in the real corpus);</item>
/// <item>optionally the broken shapes of <see cref="BrokenRecords"/>.</item>
/// </list>
/// Plain writes: this is test set-up, not the product's write path.
/// </summary>
public static class TicketCorpus
{
    /// <summary>2026-05-27T09:00:00Z, the first record's time (the real corpus's migration day; other hours, so no id is a real one).</summary>
    public static readonly DateTime Start = new(2026, 5, 27, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Writes the corpus into <paramref name="ticketRoot"/> (created if missing) and says what it wrote.</summary>
    public static CorpusFacts Write(string ticketRoot, CorpusOptions? options = null)
    {
        options ??= new CorpusOptions();
        Directory.CreateDirectory(ticketRoot);
        var random = new Random(options.Seed);
        var facts = new FactsBuilder();
        var clock = Start;
        for (var index = 0; index < options.Count; index++)
        {
            var (style, state) = Pick(random, index, options.Count);
            clock = style is FrontmatterStyle.Legacy or FrontmatterStyle.Mixed
                ? clock.AddSeconds(1)
                : clock.AddMinutes(random.Next(5, 600)).AddSeconds(random.Next(60));
            var id = TicketId.Encode((ulong)new DateTimeOffset(clock).ToUnixTimeMilliseconds());
            // The forced ready record depends on the forced queued one before it, so the corpus has a blocked Ticket.
            var blockedBy = index - options.Count * 55 / 100 == 4 ? facts.Ids[^1] : null;
            var record = new RecordWriter(ticketRoot, id, style, state, CorpusText.PickLanguage(random), clock, random, facts, blockedBy);
            record.Write();
            facts.Ids.Add(id);
        }
        if (options.Broken)
        {
            var brokenClock = clock.AddDays(1);
            foreach (var kind in BrokenRecords.Kinds)
            {
                brokenClock = brokenClock.AddMinutes(1);
                var id = TicketId.Encode((ulong)new DateTimeOffset(brokenClock).ToUnixTimeMilliseconds());
                facts.Broken.Add(new BrokenRecord(BrokenRecords.Write(ticketRoot, id, kind, random), kind));
            }
        }
        facts.Bytes = Directory.EnumerateFiles(ticketRoot, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return facts.Build();
    }

    /// <summary>The ISO-8601 second-precision UTC form every record uses.</summary>
    internal static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The first ~55% are migrated records (as in the real corpus), the rest were created by the new backend. The first
    /// new-backend records walk every state and the rare styles once, so even a small corpus has each of them.
    /// </summary>
    private static (FrontmatterStyle, TicketState) Pick(Random random, int index, int count)
    {
        var migrated = count * 55 / 100;
        var k = index - migrated;
        if (k is >= 0 and < 6) return (k == 1 ? FrontmatterStyle.Plain : k == 2 ? FrontmatterStyle.DoubleQuoted : FrontmatterStyle.Current, (TicketState)(5 - k));
        var style = PickStyle(random, index < migrated);
        return (style, PickState(random, style));
    }

    private static FrontmatterStyle PickStyle(Random random, bool migrated)
    {
        var roll = random.Next(100);
        if (migrated) return roll < 80 ? FrontmatterStyle.Legacy : FrontmatterStyle.Mixed;
        return roll switch
        {
            < 15 => FrontmatterStyle.DoubleQuoted,
            < 95 => FrontmatterStyle.Current,
            _ => FrontmatterStyle.Plain,
        };
    }

    private static TicketState PickState(Random random, FrontmatterStyle style)
    {
        var roll = random.Next(100);
        if (style == FrontmatterStyle.Legacy) return roll < 90 ? TicketState.Closed : TicketState.Planning;
        if (style == FrontmatterStyle.Mixed) return roll < 95 ? TicketState.Closed : TicketState.Queued;
        return roll switch
        {
            < 72 => TicketState.Closed,
            < 80 => TicketState.Planning,
            < 86 => TicketState.Ready,
            < 91 => TicketState.Queued,
            < 96 => TicketState.InProgress,
            _ => TicketState.Done,
        };
    }

    /// <summary>Counters filled while writing.</summary>
    internal sealed class FactsBuilder
    {
        public List<string> Ids { get; } = [];
        public Dictionary<string, int> States { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Styles { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> EventKinds { get; } = new(StringComparer.Ordinal);
        public int WithRelations { get; set; }
        public int WithPlans { get; set; }
        public int Resolutions { get; set; }
        public int ClosedWithoutResolution { get; set; }
        public int ReviewsWithoutValidStatus { get; set; }
        public int FreeFormArtifacts { get; set; }
        public string? LegacyMigratedId { get; set; }
        public List<BrokenRecord> Broken { get; } = [];
        public long Bytes { get; set; }

        public static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

        public CorpusFacts Build() => new(Ids, States, Styles, EventKinds, EventKinds.Values.Sum(), WithRelations, WithPlans, Resolutions,
            ClosedWithoutResolution, ReviewsWithoutValidStatus, FreeFormArtifacts, LegacyMigratedId ?? "", Broken, Bytes);
    }
}

/// <summary>How a record's frontmatter is written (see <see cref="TicketCorpus"/>).</summary>
internal enum FrontmatterStyle
{
    Legacy,
    Mixed,
    DoubleQuoted,
    Current,
    Plain,
}
