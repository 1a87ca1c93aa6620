using System.Globalization;
using System.Text;
using Yoi.Core.Storage;

namespace Yoi.Core.Tickets;

public sealed partial class TicketStore
{
    /// <summary>Records a forward relation (target must exist, not self, (kind, target) once). Not a lifecycle event.</summary>
    public TicketRelation AddRelation(string id, string kind, string target, string? note = null, string? author = null)
    {
        id = Resolve(id);
        try
        {
            target = Resolve(target);
        }
        catch (TicketException ex) when (ex.Kind is TicketErrorKind.NotFound or TicketErrorKind.Identity)
        {
            // Validation below names the bad or missing target.
        }
        return Mutate(id, (record, now) =>
        {
            var relation = new TicketRelation(id, kind, target, note, author ?? _options.DefaultAuthor, now);
            TicketRelations.Validate(relation, id);
            if (!File.Exists(Path.Combine(Root, target, "item.md")))
                throw new TicketException(TicketErrorKind.NotFound, $"relation target {target} does not exist under {Root}");
            if (record.Relations.Any(r => r.Kind == kind && r.Target == target))
                throw new TicketException(TicketErrorKind.Conflict, $"ticket {id} already has relation {kind} -> {target}");
            AtomicFile.WriteAllText(Path.Combine(record.Directory, "artifacts", TicketRelations.FileName),
                TicketRelations.Render([.. record.Relations, relation]));
            SetFields(record, [new("updated_at", FrontmatterValue.Of(now))]);
            return relation;
        });
    }

    /// <summary>Every stored relation, optionally filtered by owning Ticket and kind, sorted by ticket, kind, target.</summary>
    public IReadOnlyList<TicketRelation> ListRelations(string? ticket = null, string? kind = null)
    {
        IEnumerable<TicketRelation> all = ticket is null ? ListTolerant().Records.SelectMany(r => r.Relations) : Show(ticket).Relations;
        return all.Where(r => kind is null || r.Kind == kind)
            .OrderBy(r => r.TicketId, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal).ToList();
    }

    /// <summary>Appends an orchestration-plan record (fsync'd) and bumps updated_at. Changes no state.</summary>
    public OrchestrationPlanRecord RecordPlan(string id, string kind, string? relatedTicket = null, string? note = null,
        AcceptedPlan? acceptedPlan = null, string? author = null)
    {
        return Mutate(id, (record, now) =>
        {
            var stamp = Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var plan = new OrchestrationPlanRecord($"orch-plan-{stamp}-{record.Plans.Count + 1}", id, kind, relatedTicket, note, acceptedPlan,
                author ?? _options.DefaultAuthor, now);
            OrchestrationPlan.Validate(plan, id);
            AtomicFile.AppendDurably(Path.Combine(record.Directory, "artifacts", OrchestrationPlan.FileName),
                Encoding.UTF8.GetBytes(OrchestrationPlan.RenderLine(plan)));
            SetFields(record, [new("updated_at", FrontmatterValue.Of(now))]);
            return plan;
        });
    }
}
