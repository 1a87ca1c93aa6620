using Yoi.Core.Hosting;
using System.CommandLine;
using System.Text.Json;
using Yoi.Core.Claims;
using Yoi.Core.Launch;
using Yoi.Core.Workflows;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi intake start|new|return</c>: the panel's three Intake launch paths for scripts, through the same
/// <see cref="RoleLauncher"/> (claim-before-spawn).
/// </summary>
internal sealed class IntakeCommands(YoiServices services, WorkspaceOption workspace)
{
    public Command Create()
    {
        var intake = workspace.For(new Command("intake", "Start Ticket Intake Pods (claim-before-spawn), as the panel does"));
        intake.Subcommands.Add(Start());
        intake.Subcommands.Add(New());
        intake.Subcommands.Add(Return());
        return intake;
    }

    private RoleLauncher Launcher() => new(services);

    private Command Start()
    {
        var ticket = new Argument<string>("ticket") { Description = "Id of a planning Ticket" };
        var json = CliContext.JsonOption();
        var reclaim = new Option<bool>("--reclaim") { Description = "First reclaim a stale claim for the Ticket's Intake Pod (a restorable one needs --force; a live one never)" };
        var force = new Option<bool>("--force") { Description = "With --reclaim: also reclaim from a restorable Pod" };
        var command = new Command("start", "Claim a planning Ticket and start its Intake Pod") { ticket, json, reclaim, force };
        command.SetAction((parse, ct) => Run(parse, parse.GetValue(json), async () =>
        {
            var launcher = Launcher();
            var ws = workspace.Of(parse);
            var id = parse.GetValue(ticket)!;
            if (parse.GetValue(force) && !parse.GetValue(reclaim)) throw new ArgumentException("--force only applies with --reclaim");
            if (parse.GetValue(reclaim)) id = ReclaimForLaunch(parse, ws, id, parse.GetValue(force));
            var result = await launcher.LaunchIntakeForTicketAsync(ws, id, await launcher.HandoffAsync(ws, ct), null, ct);
            return new IntakeOutput(result.PodName, Claim(result.Claim), result.PeerRegisteredWith, result.Warnings, null, null);
        }));
        return command;
    }

    /// <summary>
    /// <c>--reclaim</c>: gives the Ticket's claim to its standard Intake Pod name under the same rules as
    /// <c>yoi claim reclaim</c> (stale, or restorable with --force; never live), so the launch that follows proceeds.
    /// No claim at all is fine (the launch claims it). Returns the canonical Ticket id.
    /// </summary>
    private string ReclaimForLaunch(ParseResult parse, string workspace, string ticket, bool force)
    {
        var context = RoleContext.Load(services, workspace);
        var id = context.Ticket(ticket).Id;
        var claims = context.Claims();
        if (claims.Claims.Get(id) is null) return id;
        var (previous, current) = claims.Reclaim(id, Yoi.Core.Paths.PodName.IntakeForTicket(id), RoleLauncher.IntakeRole, force);
        parse.Out.WriteLine(ClaimMessages.Reclaimed(current, previous.PodName));
        return id;
    }

    private Command New()
    {
        var text = new Argument<string[]>("request") { Description = "What you want; the Intake Pod turns it into a Ticket", Arity = ArgumentArity.OneOrMore };
        var json = CliContext.JsonOption();
        var command = new Command("new", "Start an Intake Pod for a request that has no Ticket yet") { text, json };
        command.SetAction((parse, ct) => Run(parse, parse.GetValue(json), async () =>
        {
            var launcher = Launcher();
            var ws = workspace.Of(parse);
            var result = await launcher.LaunchPreTicketIntakeAsync(ws, string.Join(' ', parse.GetValue(text)!), await launcher.HandoffAsync(ws, ct), ct);
            return new IntakeOutput(result.PodName, Claim(result.Claim), result.PeerRegisteredWith, result.Warnings, null, null);
        }));
        return command;
    }

    private Command Return()
    {
        var ticket = new Argument<string>("ticket") { Description = "Id of a ready Ticket" };
        var text = new Argument<string[]>("instructions") { Description = "Refinement instructions", Arity = ArgumentArity.OneOrMore };
        var json = CliContext.JsonOption();
        var command = new Command("return", "Return a ready Ticket to planning with instructions and follow up with its Intake") { ticket, text, json };
        command.SetAction((parse, ct) => Run(parse, parse.GetValue(json), async () =>
        {
            var launcher = Launcher();
            var ws = workspace.Of(parse);
            var result = await launcher.ReturnToPlanningAsync(ws, parse.GetValue(ticket)!, string.Join(' ', parse.GetValue(text)!), await launcher.HandoffAsync(ws, ct), ct);
            return new IntakeOutput(result.PodName, result.Launch is { } l ? Claim(l.Claim) : "unchanged", result.Launch?.PeerRegisteredWith,
                result.Launch?.Warnings ?? [], FollowUp(result.FollowUp), result.Notice);
        }));
        return command;
    }

    private static Task<int> Run(ParseResult parse, bool json, Func<Task<IntakeOutput>> body) => CliContext.RunAsync(parse, async () =>
    {
        IntakeOutput output;
        try
        {
            output = await body();
        }
        catch (RoleLaunchException ex)
        {
            if (json)
            {
                await parse.Out.WriteLineAsync(JsonSerializer.Serialize(new IntakeOutput(ex.PodName, Claim(ex.Claim), null, [], null, ex.Message), CliJson.Context.IntakeOutput));
            }
            await parse.Err.WriteLineAsync($"yoi: {ex.Message}");
            return 1;
        }
        if (json)
        {
            await parse.Out.WriteLineAsync(JsonSerializer.Serialize(output, CliJson.Context.IntakeOutput));
            return 0;
        }
        var print = parse.Out;
        if (output.Notice is { } notice) await print.WriteLineAsync(notice);
        if (output.PodName is { } pod) await print.WriteLineAsync($"pod: {pod}");
        await print.WriteLineAsync($"claim: {output.Claim}");
        if (output.PeerRegisteredWith is { } peer) await print.WriteLineAsync($"handoff peer registered with {peer}");
        foreach (var warning in output.Warnings) await print.WriteLineAsync($"warning: {warning}");
        return 0;
    });

    private static string Claim(ClaimDisposition disposition) => disposition switch
    {
        ClaimDisposition.None => "none",
        ClaimDisposition.Claimed => "claimed",
        ClaimDisposition.AlreadyOwned => "already owned",
        ClaimDisposition.Released => "released",
        ClaimDisposition.Kept => "kept",
        _ => "refused",
    };

    private static string FollowUp(PlanningFollowUp followUp) => followUp switch
    {
        PlanningFollowUp.LaunchedIntake => "launched_intake",
        PlanningFollowUp.NotifiedLiveIntake => "notified_live_intake",
        PlanningFollowUp.OpenRestorableIntake => "open_restorable_intake",
        _ => "stale_claim",
    };
}

/// <summary>What <c>yoi intake … --json</c> prints.</summary>
internal sealed record IntakeOutput(string? PodName, string Claim, string? PeerRegisteredWith, IReadOnlyList<string> Warnings, string? FollowUp, string? Notice);
