using Yoi.Core.Hosting;
using System.CommandLine;
using System.Text.Json;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi pod start|stop|restore|rm|send|notify|inspect|log</c>, <c>spawn|diff|finish|discard</c> (DelegationCommands) (and <c>run</c>, the daemon itself).</summary>
internal sealed class PodCommands(YoiServices services, WorkspaceOption workspace)
{
    public Command Create()
    {
        var pod = new Command("pod", "Start, stop, restore and talk to Pods (background agent processes)");
        pod.Subcommands.Add(new PodRunCommand(services).Create(workspace));
        pod.Subcommands.Add(Start());
        pod.Subcommands.Add(Stop());
        pod.Subcommands.Add(Restore());
        pod.Subcommands.Add(Remove());
        pod.Subcommands.Add(Send());
        pod.Subcommands.Add(Notify());
        pod.Subcommands.Add(Inspect());
        pod.Subcommands.Add(new PodWaitCommand(services).Create());
        pod.Subcommands.Add(new PodLogCommand(services).Create());
        pod.Subcommands.Add(new PeerCommands(services).PodList());
        foreach (var delegation in new DelegationCommands(services).Create()) pod.Subcommands.Add(delegation);
        return pod;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "Pod name" };

    public static Option<bool> AdoptOption() => new("--adopt")
    {
        Description = "Move a Pod whose metadata names another workspace to this workspace (its conversation continues here)",
    };

    private Command Start()
    {
        var name = NameArgument();
        var profile = new Option<string?>("--profile") { Description = "Profile from the workspace config (default: default)" };
        var role = new Option<string?>("--role") { Description = "Role recorded for the Pod (companion, orchestrator, intake, …)" };
        var ticket = new Option<string?>("--ticket") { Description = "Ticket the Pod works on" };
        var adopt = AdoptOption();
        var command = workspace.For(new Command("start", "Start a new Pod in the background (or a stopped one of this workspace)") { name, profile, role, ticket, adopt });
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var ws = WorkspaceKey.Canonicalize(workspace.Of(parse));
            var launched = await services.Pods.StartAsync(new PodLaunchRequest(ws, parse.GetValue(name)!, parse.GetValue(profile),
                parse.GetValue(role), parse.GetValue(ticket), Adopt: parse.GetValue(adopt)), ct);
            if (launched.AdoptedFrom is { } from) parse.Out.WriteLine(PodWorkspace.AdoptedMessage(launched.PodName, from, ws));
            parse.Out.WriteLine($"pod `{launched.PodName}` started (pid {launched.Pid}) at {launched.SocketPath}");
            return 0;
        }));
        return command;
    }

    private Command Stop()
    {
        var name = NameArgument();
        var command = new Command("stop", "Ask a live Pod to shut down (its metadata and session log stay)") { name };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            await services.Pods.StopAsync(parse.GetValue(name)!, ct);
            parse.Out.WriteLine($"pod `{parse.GetValue(name)}` stopped");
            return 0;
        }));
        return command;
    }

    private Command Restore()
    {
        var name = NameArgument();
        var adopt = AdoptOption();
        var command = workspace.For(new Command("restore", "Restart a stopped Pod of this workspace from its metadata and session log") { name, adopt });
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var ws = PodWorkspaceOf(parse.GetValue(name)!, workspace.Of(parse));
            var (pod, alreadyLive) = await services.Pods.RestoreAsync(parse.GetValue(name)!, ws, parse.GetValue(adopt), ct);
            if (pod.AdoptedFrom is { } from) parse.Out.WriteLine(PodWorkspace.AdoptedMessage(pod.PodName, from, ws));
            parse.Out.WriteLine(alreadyLive ? $"pod `{pod.PodName}` is already live" : $"pod `{pod.PodName}` restored from pod state (pid {pod.Pid})");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The workspace a by-name command acts for: the canonical <c>--workspace</c> (default: the current directory), or
    /// the Pod's own workspace when that directory lies inside it (a subdirectory of the checkout is the same workspace).
    /// </summary>
    public string PodWorkspaceOf(string podName, string workspaceOption)
    {
        var ws = WorkspaceKey.Canonicalize(workspaceOption);
        var theirs = PodName.IsValid(podName) ? PodWorkspace.Of(services.PodStore.Read(podName).Metadata) : null;
        return theirs is not null && ws.StartsWith(theirs + "/", StringComparison.Ordinal) ? theirs : ws;
    }

    private Command Remove()
    {
        var name = NameArgument();
        var purge = new Option<bool>("--purge") { Description = "Also delete the Pod's session log (its conversation); without it the log is kept" };
        var command = new Command("rm", "Remove a stopped Pod: its metadata and runtime leftovers (the session log stays unless --purge)") { name, purge };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var result = await services.Pods.RemoveAsync(parse.GetValue(name)!, parse.GetValue(purge), ct);
            parse.Out.WriteLine($"removed pod `{result.PodName}`" + (result.KeptSessionLog is { } kept
                ? $"; its session log is kept at {kept} (`yoi pod rm --purge` deletes it)"
                : parse.GetValue(purge) ? "; its session log was deleted" : ""));
            return 0;
        }));
        return command;
    }

    private Command Send()
    {
        var name = NameArgument();
        var text = new Argument<string[]>("message") { Description = "Text of the run", Arity = ArgumentArity.OneOrMore };
        var wait = new Option<bool>("--wait") { Description = "Wait until the run ends and print the reply; exit 1 when the run failed" };
        var follow = new Option<bool>("--follow") { Description = "Like --wait, streaming the reply as it comes (tool calls on stderr)" };
        var timeout = new Option<int?>("--timeout") { Description = "With --wait/--follow: give up waiting after N seconds (the run goes on)" };
        var command = new Command("send", "Send a run (a user message) to a live Pod; by default returns once it is accepted") { name, text, wait, follow, timeout };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var pod = parse.GetValue(name)!;
            var message = string.Join(' ', parse.GetValue(text)!);
            if (parse.GetValue(timeout) is <= 0) throw new ArgumentException("--timeout must be a positive number of seconds");
            if (parse.GetValue(wait) || parse.GetValue(follow))
                return await SendAndWaitAsync(parse, pod, message, parse.GetValue(follow), parse.GetValue(timeout), ct);
            var result = await services.Pods.SendRunAsync(pod, message, ct);
            if (result.Kind == RunConfirmationKind.Accepted)
            {
                parse.Out.WriteLine($"sent message to `{pod}`");
                return 0;
            }
            return await NotAcceptedAsync(parse.Err, pod, result);
        }));
        return command;
    }

    private async Task<int> SendAndWaitAsync(ParseResult parse, string pod, string message, bool follow, int? timeoutSeconds, CancellationToken ct)
    {
        var (output, error) = (parse.Out, parse.Err);
        var streamed = false;
        void OnEvent(Yoi.Core.Protocol.Event e)
        {
            if (!follow) return;
            switch (e)
            {
                case Yoi.Core.Protocol.TextDeltaEvent delta:
                    output.Write(delta.Text);
                    output.Flush();
                    streamed = true;
                    break;
                case Yoi.Core.Protocol.AgentItemEvent item:
                    error.WriteLine($"[{item.Item switch { Yoi.Core.Protocol.ToolUseItem => "tool", Yoi.Core.Protocol.ToolResultItem => "result", _ => "agent" }}] {item.Item.Describe()}");
                    break;
            }
        }
        var outcome = await services.Pods.SendRunAndWaitAsync(pod, message, OnEvent, timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null, ct);
        switch (outcome.Kind)
        {
            case RunOutcomeKind.NotAccepted:
                return await NotAcceptedAsync(error, pod, outcome.Confirmation);
            case RunOutcomeKind.Errored:
                if (!follow && outcome.Reply.Length > 0) await output.WriteAsync(outcome.Reply);
                await error.WriteLineAsync($"yoi: pod `{pod}` run failed: {outcome.Error}");
                return 1;
            default:
                if (!follow) await output.WriteAsync(outcome.Reply);
                if ((follow ? streamed : outcome.Reply.Length > 0) && !(outcome.Reply.EndsWith('\n'))) await output.WriteLineAsync();
                if (outcome.Kind == RunOutcomeKind.Paused) await error.WriteLineAsync($"yoi: pod `{pod}` paused the run; `yoi attach {pod}` and :resume continues it");
                return outcome.Kind == RunOutcomeKind.Paused ? 3 : 0;
        }
    }

    private static async Task<int> NotAcceptedAsync(TextWriter error, string pod, RunConfirmation result)
    {
        if (result.Kind == RunConfirmationKind.AlreadyRunning)
            await error.WriteLineAsync($"yoi: pod `{pod}` is already running a turn; wait for it to finish and retry");
        else
            await error.WriteLineAsync($"yoi: pod `{pod}` rejected the run with {JsonNaming(result.Code)}: {result.Message}");
        return 1;
    }

    private Command Notify()
    {
        var name = NameArgument();
        var text = new Argument<string[]>("message") { Description = "Notification text", Arity = ArgumentArity.OneOrMore };
        var weak = new Option<bool>("--weak") { Description = "Queue only (auto_run:false): never wakes an idle Pod" };
        var command = new Command("notify", "Queue a notification for a live Pod (wakes it when idle unless --weak)") { name, text, weak };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var pod = parse.GetValue(name)!;
            await services.Pods.NotifyAsync(pod, string.Join(' ', parse.GetValue(text)!), autoRun: !parse.GetValue(weak), ct);
            parse.Out.WriteLine(parse.GetValue(weak) ? $"queued weak notification for `{pod}`" : $"notified `{pod}`");
            return 0;
        }));
        return command;
    }

    private Command Inspect()
    {
        var name = NameArgument();
        var json = CliContext.JsonOption();
        var command = new Command("inspect", "Show a Pod's metadata and live status") { name, json };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var pod = PodName.Validate(parse.GetValue(name));
            var control = services.Pods;
            var read = control.Store.Read(pod);
            var probe = await control.ProbeAsync(pod, TimeSpan.FromMilliseconds(500), ct);
            var daemon = probe.Reachable ? null : DaemonLock.Holder(control.Paths, pod);
            if (read.State == MetadataState.Missing && !probe.Reachable && daemon is null)
            {
                await parse.Err.WriteLineAsync($"yoi: pod `{pod}` does not exist; start it with `yoi pod start {pod}`");
                return 1;
            }
            var view = new PodInspection(pod, read.State.ToString().ToLowerInvariant(), read.Error, read.Metadata,
                probe.Reachable, probe.Status?.ToString().ToLowerInvariant(), probe.PendingNotifications, control.SocketOf(pod), daemon is not null, daemon?.Pid);
            if (parse.GetValue(json))
            {
                parse.Out.WriteLine(JsonSerializer.Serialize(view, CliJson.Context.PodInspection));
                return 0;
            }
            parse.Out.WriteLine($"pod:        {view.PodName}");
            parse.Out.WriteLine($"live:       {(view.Live ? $"yes ({view.Status ?? "status unknown"}, {view.PendingNotifications} pending notification(s))"
                : daemon is not null ? $"yes, unreachable — {DaemonLock.UnreachableMessage(pod, daemon, view.SocketPath)}" : "no")}");
            parse.Out.WriteLine($"socket:     {view.SocketPath}");
            parse.Out.WriteLine($"metadata:   {view.Metadata}{(view.MetadataError is { } e ? $" — {e}" : "")}");
            if (read.Metadata is { } m)
            {
                parse.Out.WriteLine($"workspace:  {m.WorkspaceRoot}");
                parse.Out.WriteLine($"role:       {m.Role ?? "-"}   profile: {m.Profile ?? "-"}   ticket: {m.Ticket ?? "-"}");
                parse.Out.WriteLine($"session:    {m.Active?.SessionId ?? "-"} / {m.Active?.SegmentId ?? "-"}");
                parse.Out.WriteLine($"peers:      {(m.Peers.Count == 0 ? "-" : string.Join(", ", m.Peers.Select(p => p.PodName)))}");
                parse.Out.WriteLine($"children:   {(m.SpawnedChildren.Count == 0 ? "-" : string.Join(", ", m.SpawnedChildren.Select(c => c.PodName)))}");
            }
            return 0;
        }));
        return command;
    }

    private static string JsonNaming(Yoi.Core.Protocol.ErrorCode? code) =>
        code is null ? "error" : JsonSerializer.Serialize(code.Value, Yoi.Core.Protocol.ProtocolJson.Context.ErrorCode).Trim('"');
}

/// <summary>What <c>yoi pod inspect --json</c> prints.</summary>
internal sealed record PodInspection(string PodName, string Metadata, string? MetadataError, PodMetadata? Detail,
    bool Live, string? Status, int PendingNotifications, string SocketPath, bool DaemonRunning = false, int? DaemonPid = null);
