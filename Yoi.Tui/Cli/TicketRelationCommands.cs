using Yoi.Core.Hosting;
using System.CommandLine;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi ticket relation add|list</c>.</summary>
internal sealed class TicketRelationCommands(YoiServices services, WorkspaceOption workspace)
{
    public Command Build()
    {
        var relation = new Command("relation", "Record and list Ticket relations");
        relation.Subcommands.Add(Add());
        relation.Subcommands.Add(List());
        return relation;
    }

    private Command Add()
    {
        var ticket = new Option<string>("--ticket") { Required = true, Description = "The owning Ticket" };
        var kind = new Option<string>("--kind") { Required = true, Description = "depends_on | blocks | related | supersedes | duplicate_of" };
        kind.AcceptOnlyFromAmong(Core.Tickets.TicketRelations.Kinds);
        var target = new Option<string>("--target") { Required = true, Description = "The target Ticket" };
        var note = new Option<string?>("--note") { Description = "Optional note" };
        var command = new Command("add", "Record a forward relation") { ticket, kind, target, note };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var r = c.Store().AddRelation(parse.GetValue(ticket)!, parse.GetValue(kind)!, parse.GetValue(target)!, parse.GetValue(note), c.Author);
            c.Out.WriteLine($"relation\t{r.TicketId}\t{r.Kind}\t{r.Target}");
            return 0;
        }));
        return command;
    }

    private Command List()
    {
        var ticket = new Option<string?>("--ticket") { Description = "Only this Ticket's relations" };
        var kind = new Option<string?>("--kind") { Description = "Only this kind" };
        var command = new Command("list", "List stored relations") { ticket, kind };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            c.Out.WriteLine("ticket\tkind\ttarget\tauthor\tat\tnote");
            foreach (var r in c.Store().ListRelations(parse.GetValue(ticket), parse.GetValue(kind)))
                c.Out.WriteLine($"{r.TicketId}\t{r.Kind}\t{r.Target}\t{r.Author}\t{r.At}\t{OneLine(r.Note ?? "")}");
            return 0;
        }));
        return command;
    }

    internal static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
