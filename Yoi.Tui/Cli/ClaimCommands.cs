using Yoi.Core;
using Yoi.Core.Hosting;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Yoi.Core.Claims;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Core.Launch;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi claim list|take|reclaim|release</c>: the local Ticket claims of a workspace.</summary>
internal sealed class ClaimCommands(YoiServices services, WorkspaceOption workspace)
{
    public Command Create()
    {
        var claim = workspace.For(new Command("claim", "List, take, reclaim and release local Ticket claims (which Pod works on which Ticket)"));
        claim.Subcommands.Add(List());
        claim.Subcommands.Add(Take());
        claim.Subcommands.Add(Reclaim());
        claim.Subcommands.Add(Release());
        return claim;
    }

    private static Argument<string> TicketArgument() => new("ticket") { Description = "Ticket id, e.g. 00001KV09WYC6" };

    private static Option<string> RoleOption() => new("--role")
    {
        Description = "Role of the claiming Pod (default: intake)",
        DefaultValueFactory = _ => "intake",
    };

    private static Option<long?> GenerationOption() => new("--generation")
    {
        Description = "Only act if the claim still has this generation (as shown by `yoi claim list`)",
    };

    private Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts" };
        var command = new Command("list", "Show every claim with its derived status (live, restorable, stale) and why") { json };
        command.SetAction(parse => CliContext.Run(parse, () =>
        {
            var service = Service(workspace.Of(parse));
            var views = service.List();
            parse.Out.Write(parse.GetValue(json) ? ListJson(service, views) : ListText(service, views));
            return 0;
        }));
        return command;
    }

    private Command Take()
    {
        var tickets = new Argument<string[]>("ticket")
        {
            Description = "Ticket id(s), e.g. 00001KV09WYC6; several are claimed one after another",
            Arity = ArgumentArity.OneOrMore,
        };
        var pod = new Option<string>("--pod") { Description = "Pod that claims the Ticket", Required = true };
        var role = RoleOption();
        var slug = new Option<string?>("--slug") { Description = "Ticket slug recorded with the claim" };
        var command = new Command("take", "Claim Tickets for a Pod (create-if-absent); refused with the owner when already claimed")
        {
            tickets, pod, role, slug,
        };
        command.SetAction(parse => CliContext.Run(parse, () =>
        {
            var service = Service(workspace.Of(parse));
            var refused = 0;
            foreach (var ticket in parse.GetValue(tickets)!)
            {
                var decision = service.Claim(CanonicalTicket(workspace.Of(parse), ticket), parse.GetValue(slug), parse.GetValue(pod)!, parse.GetValue(role)!);
                switch (decision.Outcome)
                {
                    case ClaimOutcome.Claimed c:
                        parse.Out.WriteLine(ClaimMessages.Claimed(c.Claim));
                        break;
                    case ClaimOutcome.AlreadyOwned a:
                        parse.Out.WriteLine(ClaimMessages.AlreadyOwned(a.Claim));
                        break;
                    default:
                        parse.Err.WriteLine($"yoi: {decision.Refusal}");
                        refused++;
                        break;
                }
            }
            return refused == 0 ? 0 : 1;
        }));
        return command;
    }

    private Command Reclaim()
    {
        var ticket = TicketArgument();
        var pod = new Option<string?>("--pod") { Description = "New owner of the claim (default for intake: the Ticket's standard Intake Pod name)" };
        var role = RoleOption();
        var force = new Option<bool>("--force") { Description = "Also reclaim from a restorable Pod (never from a live one)" };
        var generation = GenerationOption();
        var command = new Command("reclaim", "Give a stale claim to a new Pod (restorable needs --force; live never)")
        {
            ticket, pod, role, force, generation,
        };
        command.SetAction(parse => CliContext.Run(parse, () =>
        {
            var id = CanonicalTicket(workspace.Of(parse), parse.GetValue(ticket)!);
            var newPod = parse.GetValue(pod) ?? (parse.GetValue(role) == RoleLauncher.IntakeRole ? PodName.IntakeForTicket(id)
                : throw new ArgumentException($"--pod is required for role {parse.GetValue(role)}; only intake claims have a standard Pod name"));
            var (previous, current) = Service(workspace.Of(parse)).Reclaim(id, newPod,
                parse.GetValue(role)!, parse.GetValue(force), parse.GetValue(generation));
            parse.Out.WriteLine(ClaimMessages.Reclaimed(current, previous.PodName));
            return 0;
        }));
        return command;
    }

    private Command Release()
    {
        var ticket = TicketArgument();
        var force = new Option<bool>("--force") { Description = "Also remove a claim file that cannot be parsed" };
        var generation = GenerationOption();
        var command = new Command("release", "Remove a claim whose Pod is not live") { ticket, force, generation };
        command.SetAction(parse => CliContext.Run(parse, () =>
        {
            var id = CanonicalTicket(workspace.Of(parse), parse.GetValue(ticket)!);
            var released = Service(workspace.Of(parse)).Release(id, parse.GetValue(force), parse.GetValue(generation));
            parse.Out.WriteLine(released is null ? $"Removed the unusable claim file of Ticket {id}." : ClaimMessages.Released(released));
            return 0;
        }));
        return command;
    }

    /// <summary>The Ticket's full id when the workspace's Ticket store knows a unique match (prefix, any case); otherwise the text as given.</summary>
    private string CanonicalTicket(string workspace, string ticket)
    {
        try
        {
            return services.Workspace(workspace).Tickets.Resolve(ticket);
        }
        catch (Exception ex) when (ex is Yoi.Core.Tickets.TicketException or Yoi.Core.Config.ConfigException or IOException or UnauthorizedAccessException)
        {
            return ticket;
        }
    }

    private ClaimService Service(string workspace)
    {
        if (!Directory.Exists(workspace))
            throw new ArgumentException($"workspace {workspace} does not exist; pass an existing directory with --workspace");
        return new ClaimService(new TicketClaims(RegistryLocation.ForWorkspace(services.Paths, workspace), services.Time),
            new FilePodStatusSource(services.PodStore));
    }

    private static string ListText(ClaimService service, IReadOnlyList<ClaimView> views)
    {
        var root = service.Claims.Location.WorkspaceRoot;
        if (views.Count == 0) return $"No local Ticket claims for {root}.\n";
        var rows = new List<string[]> { new[] { "TICKET", "POD", "ROLE", "GEN", "STATUS", "REASON" } };
        foreach (var view in views)
        {
            rows.Add(view.Claim is { } c
                ? [c.TicketId, c.PodName, c.Role, c.Generation.ToString(CultureInfo.InvariantCulture), view.Status!.Label, view.Status.Explanation]
                : [view.TicketId, "?", "?", "?", "corrupt", $"claim file unusable: {view.File.Problem}"]);
        }
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Take(5).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + row[5];
            builder.Append(line.TrimEnd()).Append('\n');
        }
        return builder.ToString();
    }

    private static string ListJson(ClaimService service, IReadOnlyList<ClaimView> views)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("workspace_root", service.Claims.Location.WorkspaceRoot);
            writer.WriteString("registry_dir", service.Claims.Location.Directory);
            writer.WriteStartArray("claims");
            foreach (var view in views)
            {
                writer.WriteStartObject();
                writer.WriteString("ticket_id", view.TicketId);
                if (view.Claim is { } c)
                {
                    if (c.TicketSlug is not null) writer.WriteString("ticket_slug", c.TicketSlug);
                    writer.WriteString("pod_name", c.PodName);
                    writer.WriteString("role", c.Role);
                    writer.WriteNumber("generation", c.Generation);
                    if (c.ClaimedAt is not null) writer.WriteString("claimed_at", c.ClaimedAt);
                    if (c.ClaimedBy is not null) writer.WriteString("claimed_by", c.ClaimedBy);
                    writer.WriteString("status", view.Status!.Label);
                    if (view.Status.ReasonCode is { } code)
                    {
                        writer.WriteString("reason", code);
                        writer.WriteString("explanation", view.Status.Explanation);
                    }
                }
                else
                {
                    writer.WriteString("status", "corrupt");
                    writer.WriteString("problem", view.File.Problem);
                }
                writer.WriteString("path", view.File.Path);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
