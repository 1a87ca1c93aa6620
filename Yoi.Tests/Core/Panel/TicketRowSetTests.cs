using System.Collections;
using CsCheck;
using Yoi.Core.Claims;
using Yoi.Core.Panel;
using Yoi.Core.Tickets;

namespace Yoi.Tests.Core.Panel;

/// <summary>
/// The incremental Ticket rows (<see cref="TicketRowSet"/>): after any sequence of changed, added and removed Tickets
/// (with relations among them) and changed claims, Intake sessions, Pod statuses and overlay states, the patched rows
/// are exactly the rows a from-scratch build of the same inputs gives — same rows, same order, every field.
/// </summary>
public sealed class TicketRowSetTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 10).Select(i => $"2026-06-0{i % 3 + 1}T000{i}00Z-t{i}").ToArray();
    private static readonly string[] Pods = ["pod-a", "pod-b", "pod-c", "ticket-intake-x"];

    private static readonly Gen<TicketRelation> Relation =
        Gen.Select(Gen.OneOf(TicketRelations.Kinds), Gen.OneOf(Ids), Gen.OneOf("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
            (kind, target, at) => new TicketRelation("", kind, target, null, "tester", at));

    /// <summary>One Ticket's summary; titles and times collide often, so the order's tie-breaks are exercised.</summary>
    private static Gen<TicketSummary> Summary(string id) =>
        Gen.Select(Gen.Enum<TicketState>(), Gen.OneOf("Alpha", "Beta", "日本語のタイトル"), Gen.Int[1, 4], Relation.Array[0, 3],
            Gen.OneOf<string?>(null, "comment", "decision"),
            (state, title, day, relations, latest) => new TicketSummary(id, "/t/" + id,
                new TicketMetadata(title, state, true, false, "2026-06-01T00:00:00Z", $"2026-06-0{day}T00:00:00Z", null, null, [], null, null, null),
                relations.Select(r => r with { TicketId = id }).ToList(), [],
                latest is null ? null : new ThreadEventSummary(latest, null, "tester", "2026-06-01T00:00:00Z", 1, $"{latest} on {id}"),
                false, new RecordStamps(null, null, null, null, null)));

    private static readonly Gen<ClaimStatus> Status = Gen.OneOf(
        Gen.Const(new ClaimStatus(ClaimStatusKind.Live)), Gen.Const(new ClaimStatus(ClaimStatusKind.Restorable)),
        Gen.Const(new ClaimStatus(ClaimStatusKind.Stale, StaleReason.NoMetadata)));

    private static readonly Gen<TicketRowContext> Context =
        Gen.Select(
            Gen.Frequency((2, Gen.Const((TicketClaimInfo?)null)),
                (3, Gen.Select(Gen.OneOf(Pods), Gen.OneOf("intake", "companion"), Status,
                    (pod, role, status) => (TicketClaimInfo?)new TicketClaimInfo(pod, role, 1, status))),
                (1, Gen.Const<TicketClaimInfo?>(new TicketClaimInfo("?", "?", 0, null, "corrupt claim file")))),
            Gen.Select(Gen.OneOf(Pods), Status, (p, s) => (p, s)).Array[0, 4]
                .Select(pods => (IReadOnlyList<(string, ClaimStatus)>)pods.DistinctBy(p => p.Item1).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList()),
            Gen.Frequency((3, Gen.Const((TicketState?)null)), (1, Gen.Enum<TicketState>().Select(s => (TicketState?)s))),
            (claim, sessions, overlay) => new TicketRowContext(claim, sessions, overlay));

    private static readonly Gen<Dictionary<string, TicketRowContext>> Contexts =
        Gen.Select(Gen.OneOf(Ids), Context, (id, c) => (id, c)).Array[0, 5]
            .Select(pairs => pairs.DistinctBy(p => p.id).ToDictionary(p => p.id, p => p.c, StringComparer.Ordinal));

    /// <summary>A step: Tickets re-read (a summary, or null = removed/invalid), then this reload's contexts.</summary>
    private sealed record Step(IReadOnlyList<TicketChange> Changes, Dictionary<string, TicketRowContext> Contexts);

    private static readonly Gen<TicketChange> Change =
        Gen.OneOf(Ids).SelectMany(id => Gen.Frequency(
            (4, Summary(id).Select(s => new TicketChange(id, s))),
            (1, Gen.Const(new TicketChange(id, null)))));

    private static readonly Gen<Step> Steps = Gen.Select(Change.Array[0, 3], Contexts, (c, x) => new Step(c, x));

    /// <summary>The Tickets at the start (built from changes applied to nothing), the first contexts, then the steps.</summary>
    private static readonly Gen<(TicketChange[] Initial, Dictionary<string, TicketRowContext> Contexts, Step[] Steps)> Scenario =
        Gen.Select(Change.Array[0, 12], Contexts, Steps.Array[1, 8], (initial, contexts, steps) => (initial, contexts, steps));

    [Test]
    public void Rows_patched_over_random_changes_equal_rows_built_from_scratch()
    {
        Scenario.Sample(scenario =>
        {
            var (initial, contexts, steps) = scenario;
            var current = new Dictionary<string, TicketSummary>(StringComparer.Ordinal);
            Take(current, initial);
            var incremental = new TicketRowSet();
            incremental.Reset(Listing(current));
            incremental.Refresh(contexts);
            foreach (var step in steps)
            {
                Take(current, step.Changes);
                incremental.Apply(step.Changes, []);
                incremental.Refresh(step.Contexts);

                var scratch = new TicketRowSet();
                scratch.Reset(Listing(current));
                scratch.Refresh(step.Contexts);
                Assert.That(Describe(incremental), Is.EqualTo(Describe(scratch)));
            }
        }, iter: 2_000, threads: 1);
    }

    [Test]
    public void A_changed_ticket_rederives_the_tickets_that_depend_on_it()
    {
        var blocker = Summary(Ids[0]).Single() with { Relations = [] };
        blocker = blocker with { Meta = blocker.Meta with { State = TicketState.InProgress } };
        var dependent = Summary(Ids[1]).Single() with { Relations = [new TicketRelation(Ids[1], "depends_on", Ids[0], null, "tester", "2026-06-01T00:00:00Z")] };
        dependent = dependent with { Meta = dependent.Meta with { State = TicketState.Ready } };
        var rows = new TicketRowSet();
        rows.Reset(new TicketSummaryListing([blocker, dependent], []));
        rows.Refresh([]);
        Assert.That(rows.OpenEntry(Ids[1])!.Row.Gate, Does.Contain(Ids[0]), "in progress: it blocks");

        rows.Apply([new TicketChange(Ids[0], blocker with { Meta = blocker.Meta with { State = TicketState.Done } })], []);
        rows.Refresh([]);

        Assert.That(rows.OpenEntry(Ids[1])!.Row.Gate, Is.Null, "done: the dependent's gate opens without the dependent being re-read");
        Assert.That(rows.OpenEntry(Ids[1])!.Row.TicketAction, Is.EqualTo(PanelAction.Queue));
    }

    private static void Take(Dictionary<string, TicketSummary> current, IEnumerable<TicketChange> changes)
    {
        foreach (var change in changes)
            if (change.Now is null) current.Remove(change.Id);
            else current[change.Id] = change.Now;
    }

    private static TicketSummaryListing Listing(Dictionary<string, TicketSummary> current) =>
        new(current.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList(), []);

    /// <summary>Every row with every field (lists by their elements), open Tickets with their children, then closed ones.</summary>
    private static string Describe(TicketRowSet rows) =>
        string.Join("\n", rows.Open.SelectMany(e => new PanelRow[] { e.Row }.Concat(e.Children)).Concat(rows.Closed).Select(Fields));

    private static string Fields(object row) =>
        row.GetType().Name + "{" + string.Join(", ", row.GetType().GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => p.Name + "=" + Value(p.GetValue(row)))) + "}";

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => s,
        IEnumerable list => "[" + string.Join("; ", list.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
