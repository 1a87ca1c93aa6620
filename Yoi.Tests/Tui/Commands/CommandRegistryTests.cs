using Yoi.Core.Protocol;
using Yoi.Tui.Commands;

namespace Yoi.Tests.Tui.Commands;

public class CommandRegistryTests
{
    private static readonly CommandRegistry Registry = CommandRegistry.PodView;
    private static readonly CommandContext Idle = new(true, PodStatus.Idle);
    private static readonly CommandContext Running = new(true, PodStatus.Running);
    private static readonly CommandContext Paused = new(true, PodStatus.Paused);
    private static readonly CommandContext Offline = new(false, PodStatus.Idle);

    [TestCase("")]
    [TestCase("   ")]
    public void An_empty_command_is_refused_with_the_help_hint(string line)
    {
        var result = Registry.Dispatch(line, Idle);
        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("Empty command. Type :help for available commands."));
    }

    [TestCase("ticket list", "ticket")]
    [TestCase("frobnicate", "frobnicate")]
    [TestCase("Peer beta", "Peer")]
    public void An_unknown_command_is_named_in_the_refusal(string line, string word)
    {
        var result = Registry.Dispatch(line, Idle);
        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"Unknown command: {word}. Type :help for available commands."));
    }

    [TestCase("peer", "peer <pod-name>")]
    [TestCase("peer a b", "peer <pod-name>")]
    [TestCase("pause now", "pause")]
    [TestCase("help peer pause", "help [command]")]
    [TestCase("q please", "detach")]
    public void Wrong_argument_counts_show_the_usage(string line, string usage)
    {
        var result = Registry.Dispatch(line, Running);
        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"Invalid arguments. Usage: {usage}"));
    }

    [Test]
    public void Peer_is_refused_before_the_pod_is_connected_and_while_it_runs()
    {
        Assert.That(Registry.Dispatch("peer beta", Offline).Message, Is.EqualTo("Cannot register a peer before the Pod is connected."));
        Assert.That(Registry.Dispatch("peer beta", Running).Message, Is.EqualTo("Cannot register a peer while the Pod is running."));
    }

    [Test]
    public void Peer_runs_while_idle_or_paused_and_carries_the_name()
    {
        foreach (var context in new[] { Idle, Paused })
        {
            var result = Registry.Dispatch("  peer   beta ", context);
            Assert.That(result, Is.EqualTo(new CommandResult(true, "peer metadata registration requested with `beta`", CommandAction.Peer, "beta")));
        }
    }

    [TestCase("pause", "Idle", false, "Cannot pause: the Pod is not running.")]
    [TestCase("pause", "Running", true, "pause requested")]
    [TestCase("pause", "Paused", false, "Cannot pause: the Pod is not running.")]
    [TestCase("resume", "Idle", false, "Cannot resume: the Pod is not paused.")]
    [TestCase("resume", "Running", false, "Cannot resume: the Pod is not paused.")]
    [TestCase("resume", "Paused", true, "resume requested")]
    [TestCase("cancel", "Idle", false, "Cannot cancel: the Pod is not running.")]
    [TestCase("cancel", "Running", true, "cancel requested")]
    [TestCase("cancel", "Paused", true, "cancel requested")]
    public void Run_control_commands_follow_the_pod_status(string line, string status, bool ok, string message)
    {
        var result = Registry.Dispatch(line, new CommandContext(true, Enum.Parse<PodStatus>(status)));
        Assert.That((result.Ok, result.Message), Is.EqualTo((ok, message)));
    }

    [TestCase("pause", "Cannot pause before the Pod is connected.")]
    [TestCase("resume", "Cannot resume before the Pod is connected.")]
    [TestCase("cancel", "Cannot cancel before the Pod is connected.")]
    public void Run_control_commands_need_a_connection(string line, string message) =>
        Assert.That(Registry.Dispatch(line, Offline).Message, Is.EqualTo(message));

    [TestCase("detach")]
    [TestCase("q")]
    public void Detach_and_help_are_always_available(string line)
    {
        Assert.That(Registry.Dispatch(line, Offline).Action, Is.EqualTo(CommandAction.Detach));
        Assert.That(Registry.Dispatch(line, Running).Action, Is.EqualTo(CommandAction.Detach));
        Assert.That(Registry.Dispatch("?", Offline).Action, Is.EqualTo(CommandAction.Help));
    }

    [Test]
    public void Help_lists_every_command_with_its_usage_or_describes_one()
    {
        Assert.That(Registry.Dispatch("help", Idle).Message, Is.EqualTo(
            "Commands: help (help [command]), peer (peer <pod-name>), pause (pause), resume (resume), cancel (cancel), detach (detach)"));
        Assert.That(Registry.Dispatch("help peer", Running).Message, Is.EqualTo(
            "command: peer — usage: peer <pod-name>. aliases: none. Register another existing Pod as a reciprocal metadata peer."));
        Assert.That(Registry.Dispatch("? q", Idle).Message, Does.StartWith("command: detach — usage: detach. aliases: q."));
        Assert.That(Registry.Dispatch("help nope", Idle).Message, Is.EqualTo("Unknown command: nope. Type :help for available commands."));
    }

    [TestCase("", new[] { "help", "peer", "pause", "resume", "cancel", "detach" })]
    [TestCase("p", new[] { "peer", "pause" })]
    [TestCase("pe", new[] { "peer" })]
    [TestCase("q", new[] { "detach" })]
    [TestCase("?", new[] { "help" })]
    [TestCase("peer be", new[] { "peer" })]
    [TestCase("x", new string[0])]
    public void Suggestions_match_names_and_aliases_by_prefix(string input, string[] expected) =>
        Assert.That(Registry.Suggest(input).Select(c => c.Name), Is.EqualTo(expected));
}
