using System.Text.RegularExpressions;
using Yoi.Core.Panel;
using Yoi.Core.Panel.Actions;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;
using Yoi.Core.Workflows;
using Yoi.Tests.Support;
using Yoi.Tests.Tui.Screens.Panel;

namespace Yoi.Tests.Core.Workflows;

public sealed partial class CloseWorkflowTests
{
    /// <summary>A git workspace with one done Ticket whose live Intake Pod claims it (same id in every twin: the same fake clock).</summary>
    private static (PanelWorld World, string Id, string Pod) DoneWithIntake()
    {
        var world = new PanelWorld();
        var id = world.Ticket("Finished work", TicketState.Done);
        world.InitGit();
        var pod = Yoi.Core.Paths.PodName.IntakeForTicket(id);
        world.StartPod(pod, role: "intake");
        world.Claim(id, pod);
        return (world, id, pod);
    }

    /// <summary>The Ticket's files with their times scrubbed and the one origin phrase the standard resolution names made neutral.</summary>
    private static Dictionary<string, string> TicketFiles(PanelWorld world, string id) =>
        Directory.GetFiles(Path.Combine(world.TicketsRoot, id), "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(world.TicketsRoot, f),
            f => Time().Replace(File.ReadAllText(f), "<ts>")
                .Replace("Closed from the workspace Panel", "Closed <origin>", StringComparison.Ordinal)
                .Replace("Closed with `yoi ticket close`", "Closed <origin>", StringComparison.Ordinal));

    [Test]
    [Category("Integration")]
    public async Task Ticket_close_on_the_cli_and_close_in_the_panel_leave_the_same_files_no_commit_and_retire_the_intake_pod_the_same_way()
    {
        var (cliWorld, cliId, cliPod) = DoneWithIntake();
        using var _ = cliWorld;
        var (panelWorld, panelId, panelPod) = DoneWithIntake();
        using var __ = panelWorld;
        Assert.That((cliId, cliPod), Is.EqualTo((panelId, panelPod)), "twin workspaces");
        var heads = (cliWorld.Git("rev-parse", "HEAD"), panelWorld.Git("rev-parse", "HEAD"));

        var cli = cliWorld.Yoi("ticket", "--workspace", cliWorld.Workspace, "--author", PanelActions.Actor, "close", cliId.ToLowerInvariant());
        Assert.That(cli.ExitCode, Is.Zero, cli.Stderr);
        var panel = await PanelEnter.RunAsync(new PanelActions(panelWorld.Services, panelWorld.Workspace), panelWorld.Control, panelWorld.Observe(),
            PanelRowKey.Ticket(panelId));
        Assert.That(panel.Failed, Is.False, panel.Notice.Details ?? panel.Notice.Text);

        var said = $"Closed Ticket {cliId}: it was already done, so the standard resolution was written to resolution.md. " +
                   $"Intake Pod {cliPod} stopped and its claim released (Ticket {cliId} closed; its log is kept).";
        Assert.That(cli.Stdout, Is.EqualTo($"closed\t{cliId}\n{said}\n"), "the CLI says what it did");
        Assert.That(panel.Notice.Text, Is.EqualTo(said));
        Assert.That(TicketFiles(cliWorld, cliId), Is.EqualTo(TicketFiles(panelWorld, panelId)), "the same thread, state and resolution");
        Assert.That(File.ReadAllText(Path.Combine(cliWorld.TicketsRoot, cliId, "resolution.md")), Does.StartWith(
            $"Closed with `yoi ticket close` because Ticket `{cliId}` (`Finished work`) had already reached `state: done`."), "the resolution names where it was closed");
        Assert.That((cliWorld.Git("rev-parse", "HEAD"), panelWorld.Git("rev-parse", "HEAD")), Is.EqualTo(heads), "Close commits nothing, in either");
        Assert.That(cliWorld.Git("status", "--porcelain"), Is.EqualTo(panelWorld.Git("status", "--porcelain")).And.Contain($".yoi/tickets/{cliId}/"));
        foreach (var world in new[] { cliWorld, panelWorld })
        {
            Assert.That(DaemonLock.Holder(world.Paths, cliPod), Is.Null, "the Intake Pod stopped");
            Assert.That(world.Claims.Get(cliId), Is.Null, "its claim is released");
            Assert.That(world.Claims.History.Read().Entries[^1].Reason, Is.EqualTo($"Ticket closed: Intake Pod {cliPod} stopped"));
        }
    }

    [Test]
    public void Without_a_resolution_only_a_done_ticket_closes_and_with_one_any_open_ticket_closes_once()
    {
        using var world = new PanelWorld();
        var planning = world.Ticket("Not needed after all");
        var close = new CloseWorkflow(world.Services.Workspace(world.Workspace));

        var refused = Assert.Throws<CloseRefusedException>(() => close.Run(planning, null, "tester", CloseOrigin.Cli))!;
        Assert.That(refused.Refusal, Is.EqualTo(CloseRefusal.NotDone));
        Assert.That(refused.Message, Does.Contain("state is planning, expected done; no close was recorded")
            .And.Contain($"`yoi ticket close {planning} --resolution \"…\"`"));
        Assert.That(world.Tickets.Show(planning).Meta.State, Is.EqualTo(TicketState.Planning), "nothing was recorded");

        var closed = close.Run(planning, "A duplicate of another Ticket.\n", "tester", CloseOrigin.Cli);
        Assert.That((closed.StandardResolution, closed.Retirement), Is.EqualTo((false, (string?)null)));
        Assert.That(closed.Summary, Is.EqualTo($"Closed Ticket {planning} with the given resolution in resolution.md."));
        Assert.That(world.Tickets.Show(planning).Resolution, Is.EqualTo("A duplicate of another Ticket.\n"));

        var again = Assert.Throws<CloseRefusedException>(() => close.Run(planning, "Again.\n", "tester", CloseOrigin.Cli))!;
        Assert.That(again.Refusal, Is.EqualTo(CloseRefusal.AlreadyClosed));
    }

    [Test]
    public void The_standard_resolution_is_written_in_the_records_language()
    {
        using var world = new PanelWorld();
        var id = world.Ticket("日本語のタイトル", TicketState.Done);
        var record = world.Tickets.Show(id);

        Assert.That(CloseWorkflow.StandardResolution(record, japanese: true, CloseOrigin.Panel),
            Does.StartWith($"Ticket `{id}` (`日本語のタイトル`) はすでに `state: done` に到達していたため、workspace Panel から close しました。"));
        Assert.That(CloseWorkflow.StandardResolution(record, japanese: true, CloseOrigin.Cli), Does.Contain("`yoi ticket close` で close しました。"));
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial Regex Time();
}
