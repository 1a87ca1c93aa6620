using System.Diagnostics;
using System.Text.RegularExpressions;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// The panel's workflows end to end: the real <c>yoi</c> binary in a private tmux server, a temp workspace with real
/// Tickets, real git and real echo-engine Pods; other processes act like agents meanwhile. Every Pod is stopped on dispose.
/// </summary>
[Category("E2E")]
public class PanelWorkflowE2ETests
{
    private static string Config(string autostart) => $$"""
        {
          "tickets": { "root": ".yoi/tickets" },
          "profiles": { "default": { "engine": "echo" } },
          "roles": { "companion": { "profile": "default" }, "orchestrator": { "profile": "default" }, "intake": { "profile": "default" } },
          "panel": { "autostart": [{{autostart}}] },
        }
        """;

    private static TmuxSession Panel(PanelWorld world) =>
        TmuxSession.Start(["panel", "--workspace", world.Workspace], world.CliEnvironment(), workingDirectory: world.Workspace, width: 120, height: 30);

    /// <summary>
    /// Presses ↓ until the row matching <paramref name="selected"/> carries the selection marker; after each press it
    /// waits for the marker to move (or the row to match) before pressing again, so a slow panel is never pressed past the row.
    /// </summary>
    private static void SelectRow(TmuxSession tmux, string selected, string what)
    {
        var regex = new Regex(selected, RegexOptions.Multiline);
        var pane = tmux.Capture();
        for (var press = 0; press < 12 && !regex.IsMatch(pane); press++)
        {
            var before = SelectedLine(pane);
            tmux.SendKeys("Down");
            var clock = Stopwatch.StartNew();
            do
            {
                Thread.Sleep(50);
                pane = tmux.Capture();
            }
            while (!regex.IsMatch(pane) && SelectedLine(pane) == before && clock.Elapsed < TmuxSession.DefaultTimeout);
        }
        tmux.WaitFor(selected, TimeSpan.Zero, what);
    }

    private static string? SelectedLine(string pane) => pane.Split('\n').FirstOrDefault(l => l.StartsWith('▶'));

    [Test, CancelAfter(120_000)]
    public void Enter_on_a_ticket_whose_intake_claim_is_live_shows_that_pods_attached_view()
    {
        using var world = new PanelWorld(config: Config("\"companion\""));
        var id = world.Ticket("Refine the import");
        var pod = "ticket-intake-" + id.ToLowerInvariant();
        // The Intake was started elsewhere (a script, another panel): the Ticket's claim is live.
        var started = world.Yoi("intake", "start", id, "--workspace", world.Workspace);
        Assert.That(started.ExitCode, Is.Zero, started.Stderr);
        using var tmux = Panel(world);
        tmux.WaitFor(@"Refine the import\s+live", TimeSpan.FromSeconds(30), "the Ticket row with its live claim");

        SelectRow(tmux, @"^▶ plan\s+\S+\s+Refine the import", "the Ticket row selected");
        tmux.SendKeys("Enter");

        tmux.WaitFor(@"^ " + pod + @" .*● (idle|running)", TimeSpan.FromSeconds(20), "the Intake Pod's attached view");
        Assert.That(world.Claims.Get(id)!.PodName, Is.EqualTo(pod), "opening started nothing new: the same claim");
        tmux.SendKeys("Escape");
        tmux.WaitFor("workspace dashboard", what: "the panel again");
        tmux.SendKeys("q");
        Assert.That(tmux.WaitForExit(), Is.Zero);
    }

    [Test, CancelAfter(180_000)]
    public void In_a_fresh_repository_queue_after_an_agent_commented_asks_first_commits_everything_of_the_ticket_and_leaves_no_worktree_in_git_status()
    {
        using var world = new PanelWorld(config: Config("\"companion\", \"orchestrator\""));
        var id = world.Ticket("Ship the importer", TicketState.Ready);
        world.InitGit(ignoreWorktrees: false);
        using var tmux = Panel(world);
        tmux.WaitFor(@"^  ready\s+\S+\s+Ship the importer", TimeSpan.FromSeconds(30), "the ready Ticket");
        Assert.That(world.Git("status", "--porcelain"), Is.Empty, "opening the panel changed nothing git shows");

        // An agent comments on the Ticket from its own process while the panel is open.
        var agent = new Dictionary<string, string>(world.CliEnvironment()) { ["YOI_POD"] = "ticket-intake-" + id.ToLowerInvariant(), ["YOI_ROLE"] = "intake" };
        var comment = InProcessYoi.Run(agent, "ticket", "--workspace", world.Workspace, "comment", id, "--message", "Acceptance criteria confirmed with the user.");
        Assert.That(comment.ExitCode, Is.Zero, comment.Stderr);

        SelectRow(tmux, @"^▶ ready\s+\S+\s+Ship the importer", "the ready Ticket selected");
        tmux.SendKeys("Enter");
        tmux.WaitFor($@"Queue Ticket {id} ""Ship the importer"" \(ready → queued, one commit of its directory\)\? y/n", what: "Queue asks first");
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Ready), "nothing happens before the answer");
        tmux.SendKeys("y");

        tmux.WaitFor($@"Queued Ticket {id}; root Queue commit", TimeSpan.FromSeconds(60), "the Queue notice");
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Queued));
        Assert.That(world.Git("log", "-1", "--format=%s"), Is.EqualTo($"ticket: queue {id}"));
        Assert.That(world.Git("show", "--name-only", "--format=", "HEAD").Split('\n'),
            Is.EquivalentTo(new[] { $".yoi/tickets/{id}/item.md", $".yoi/tickets/{id}/thread.md" }), "the agent's comment rode along");
        Poll.Until(() => Directory.Exists(world.WorktreePath), TimeSpan.FromSeconds(30), "the Orchestrator's worktree, made for the first queued Ticket");
        Assert.That(world.Git("status", "--porcelain"), Is.Empty, "no manual commit is needed and no .worktree/ shows");
        tmux.SendKeys("C-c");
        Assert.That(tmux.WaitForExit(), Is.Zero);
    }
}
