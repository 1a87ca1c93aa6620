using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi ticket init|create|list|show|comment|review|state|close|relation add|relation list|doctor</c>.</summary>
internal sealed class TicketCommands(YoiServices services, WorkspaceOption workspace)
{
    public const string AuthorOptionName = "--author";

    public Command Build()
    {
        var author = new Option<string?>(AuthorOptionName) { Description = "Record events under this author (default: $YOI_POD, $YOI_ROLE or $USER)", Recursive = true };
        var ticket = workspace.For(new Command("ticket", "Manage the Tickets in .yoi/tickets") { author });
        ticket.Subcommands.Add(InitCommand.Build(services, workspace, "init", "ticket"));
        ticket.Subcommands.Add(Create());
        ticket.Subcommands.Add(new TicketListCommands(services, workspace).List());
        ticket.Subcommands.Add(new TicketListCommands(services, workspace).Show());
        ticket.Subcommands.Add(Comment());
        ticket.Subcommands.Add(Review());
        ticket.Subcommands.Add(State());
        ticket.Subcommands.Add(Close());
        ticket.Subcommands.Add(new TicketRelationCommands(services, workspace).Build());
        ticket.Subcommands.Add(new TicketListCommands(services, workspace).Doctor());
        return ticket;
    }

    private Command Create()
    {
        var title = new Option<string>("--title") { Description = "Ticket title (required, single line)", Required = true };
        var body = new Option<string?>("--body") { Description = "Markdown body (default: a Background / Acceptance criteria skeleton)" };
        var command = new Command("create", "Create a Ticket in planning") { title, body };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var id = c.Store().Create(new NewTicket(parse.GetValue(title)!, parse.GetValue(body)));
            c.Out.WriteLine($"created\t{id}");
            return 0;
        }));
        return command;
    }

    private Command Comment()
    {
        var id = new Argument<string>("id");
        var role = new Option<string>("--role") { Description = "comment | plan | decision | implementation_report", DefaultValueFactory = _ => "comment" };
        role.AcceptOnlyFromAmong(ThreadEvents.CommentRoles);
        var file = new Option<string?>("--file") { Description = "Read the text from a file" };
        var message = new Option<string?>("--message") { Description = "The text" };
        var command = new Command("comment", "Append a comment, plan, decision or implementation report") { id, role, file, message };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var text = c.Body(file, message, ensureNewline: true);
            var store = c.Store();
            var ticketId = store.Resolve(parse.GetValue(id)!);
            store.Comment(ticketId, parse.GetValue(role)!, text);
            c.Out.WriteLine($"appended\t{ticketId}\t{parse.GetValue(role)}");
            return 0;
        }));
        return command;
    }

    private Command Review()
    {
        var id = new Argument<string>("id");
        var approve = new Option<bool>("--approve") { Description = "Approve" };
        var requestChanges = new Option<bool>("--request-changes") { Description = "Request changes" };
        var file = new Option<string?>("--file") { Description = "Read the review from a file" };
        var message = new Option<string?>("--message") { Description = "The review text" };
        var command = new Command("review", "Append a review (approve or request changes)") { id, approve, requestChanges, file, message };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            var (a, r) = (parse.GetValue(approve), parse.GetValue(requestChanges));
            if (a == r) throw new TicketUsageException("give exactly one of --approve or --request-changes");
            var status = a ? "approve" : "request_changes";
            var text = c.Body(file, message, ensureNewline: true);
            var store = c.Store();
            var ticketId = store.Resolve(parse.GetValue(id)!);
            store.Review(ticketId, status, text);
            c.Out.WriteLine($"reviewed\t{ticketId}\t{status}");
            return 0;
        }));
        return command;
    }

    private Command State()
    {
        var id = new Argument<string>("id");
        var target = new Argument<string>("state") { Description = "planning | ready | queued | inprogress | done" };
        target.AcceptOnlyFromAmong("planning", "ready", "queued", "inprogress", "done", "closed");
        var command = new Command("state", "Move a Ticket to another state through its lifecycle gate") { id, target };
        command.SetAction((parse, ct) => TicketCommandContext.RunAsync(services, parse, workspace, async c =>
        {
            var to = TicketStates.Parse(parse.GetValue(target));
            var store = c.Store();
            var ticketId = store.Resolve(parse.GetValue(id)!);
            if (to == TicketState.Queued)
            {
                // The panel's Queue: the same checks, commit, worktree sync and Orchestrator notify (docs/tickets.md "Queue").
                var queued = await new QueueWorkflow(c.Context()).RunAsync(ticketId, c.Author, ct);
                c.Out.WriteLine($"state\t{ticketId}\t{to.Name()}");
                c.Out.WriteLine(queued.Summary);
                return 0;
            }
            switch (to)
            {
                case TicketState.Closed:
                    throw new TicketUsageException(
                        $"yoi ticket state {ticketId} closed cannot write resolution.md; use `yoi ticket close {ticketId}` instead (a done Ticket gets the standard resolution; `--resolution <text>` gives your own)");
                case TicketState.Ready:
                    store.MarkReady(ticketId, "Marked ready by `yoi ticket state`.\n", reason: "cli_state", stateChangeBody: "Marked ready by `yoi ticket state`.\n");
                    break;
                default:
                    var from = store.Show(ticketId).Meta.State;
                    store.SetWorkflowState(ticketId, from, to, "cli_state", $"State changed to `{to.Name()}`.\n");
                    break;
            }
            c.Out.WriteLine($"state\t{ticketId}\t{to.Name()}");
            return 0;
        }));
        return command;
    }

    private Command Close()
    {
        var id = new Argument<string>("id");
        var resolution = new Option<string?>("--resolution") { Description = "Resolution text (written to resolution.md; default: the standard resolution of a done Ticket)" };
        var file = new Option<string?>("--file") { Description = "Read the resolution from a file" };
        var command = new Command("close", "Close a Ticket: a done one with the standard resolution, any open one with your resolution") { id, resolution, file };
        command.SetAction(parse => TicketCommandContext.Run(services, parse, workspace, c =>
        {
            // The panel's Close: the same checks, resolution rules and Intake retirement (docs/tickets.md "Close").
            var text = parse.GetValue(resolution) is null && parse.GetValue(file) is null ? null : c.Body(file, resolution, ensureNewline: true);
            var closed = new CloseWorkflow(c.Context()).Run(parse.GetValue(id)!, text, c.Author, CloseOrigin.Cli);
            c.Out.WriteLine($"closed\t{closed.TicketId}");
            c.Out.WriteLine(closed.Summary);
            return 0;
        }));
        return command;
    }
}
