using Yoi.Core.Hosting;
using System.CommandLine;
using System.Text.Json;
using Yoi.Core.Pods;
using Yoi.Core.Tickets;

namespace Yoi.Tui.Cli;

/// <summary>
/// <c>yoi peer register|list|send</c> and <c>yoi pod list</c>: the agent's peer tools. Inside a Pod the caller is
/// found through <c>YOI_POD</c>; <c>--as POD</c> names it explicitly.
/// </summary>
internal sealed class PeerCommands(YoiServices services)
{
    public Command Create()
    {
        var peer = new Command("peer", "Reciprocal peer links between Pods, and messages to peers");
        peer.Subcommands.Add(Register());
        peer.Subcommands.Add(List());
        peer.Subcommands.Add(Send());
        return peer;
    }

    private Option<string?> AsOption() => new("--as")
    {
        Description = "The Pod acting (default: $YOI_POD, set inside every Pod's engine)",
        DefaultValueFactory = _ => services.Env(TicketAuthor.PodVariable) is { Length: > 0 } pod ? pod : null,
    };

    public static string RequireSelf(string? self) => self
        ?? throw new ArgumentException("no acting Pod: pass --as POD (inside a Pod, YOI_POD is set for you)");

    private Command Register()
    {
        var name = new Argument<string>("name") { Description = "The Pod to link with" };
        var self = AsOption();
        var command = new Command("register", "Register another existing Pod as a reciprocal metadata peer") { name, self };
        command.SetAction(parse => CliContext.Run(parse, () =>
        {
            var source = RequireSelf(parse.GetValue(self));
            var result = services.PeerLinks.Register(source, parse.GetValue(name)!);
            parse.Out.WriteLine($"Peer metadata registered: `{result.Source}` ↔ `{result.Peer}`");
            return 0;
        }));
        return command;
    }

    private Command List()
    {
        var self = AsOption();
        var json = CliContext.JsonOption();
        var command = new Command("list", "List the peers of a Pod with their live status") { self, json };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var items = (await services.Discovery.ListPodsAsync(RequireSelf(parse.GetValue(self)), ct))
                .Where(i => i.Visibility == Visibility.Peer).ToList();
            PodListing.Print(parse.Out, items, parse.GetValue(json));
            return 0;
        }));
        return command;
    }

    private Command Send()
    {
        var name = new Argument<string>("name") { Description = "The peer Pod" };
        var text = new Argument<string[]>("message") { Description = "Message text", Arity = ArgumentArity.OneOrMore };
        var self = AsOption();
        var command = new Command("send", "Send a message to a live peer (it wakes up if idle)") { name, text, self };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var peer = parse.GetValue(name)!;
            await services.Messenger.SendPeerMessageAsync(RequireSelf(parse.GetValue(self)), peer, string.Join(' ', parse.GetValue(text)!), ct);
            parse.Out.WriteLine($"sent peer message to `{peer}`");
            return 0;
        }));
        return command;
    }

    /// <summary><c>yoi pod list</c>: as seen by a Pod (visibility-scoped) with --as/YOI_POD, else every Pod in the store.</summary>
    public Command PodList()
    {
        var self = AsOption();
        var json = CliContext.JsonOption();
        var command = new Command("list", "List Pods: those visible to --as POD, or every Pod with metadata") { self, json };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var discovery = services.Discovery;
            var acting = parse.GetValue(self);
            IReadOnlyList<VisiblePodItem> items;
            if (acting is not null)
            {
                items = await discovery.ListPodsAsync(acting, ct);
            }
            else
            {
                items = await discovery.ListAllAsync(ct);
            }
            PodListing.Print(parse.Out, items, parse.GetValue(json));
            return 0;
        }));
        return command;
    }
}

internal static class PodListing
{
    public static void Print(TextWriter output, IReadOnlyList<VisiblePodItem> items, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(items.ToList(), PodsJson.Info<List<VisiblePodItem>>()));
            return;
        }
        if (items.Count == 0)
        {
            output.WriteLine("no pods");
            return;
        }
        foreach (var item in items)
        {
            var live = item.Live.Reachable ? $"live {Status(item)}"
                : item.Live.Unreachable ? $"live unreachable (daemon {(item.Live.DaemonPid is { } pid ? $"pid {pid}" : "running")})"
                : item.Restore.Possible ? "restorable" : "stopped";
            var pending = item.Live.PendingNotifications is > 0 ? $" ✉{item.Live.PendingNotifications}" : "";
            output.WriteLine($"{item.PodName,-32} {Vis(item.Visibility),-13} {live}{pending}  {item.State}{(item.Error is { } e ? $" ({e})" : "")}");
            if (item.Live.Unreachable && item.Restore.Reason is { } fix) output.WriteLine($"  {fix}");
        }
    }

    private static string Status(VisiblePodItem item) => item.Live.Status?.ToString().ToLowerInvariant() ?? "status unknown";

    private static string Vis(Visibility visibility) => visibility switch
    {
        Visibility.SelfPod => "self",
        Visibility.SpawnedChild => "child",
        _ => "peer",
    };
}
