using Yoi.Core.Hosting;
using System.CommandLine;
using Yoi.Core.Delegation;
using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Claims;
using Yoi.Core.Launch;

namespace Yoi.Tui.Cli;

/// <summary><c>yoi pod spawn|diff|finish|discard</c>: delegation to child Pods in their own git worktrees (docs/delegation.md).</summary>
internal sealed class DelegationCommands(YoiServices services)
{
    public IEnumerable<Command> Create() => [Spawn(), Diff(), Finish(), Discard()];

    private static Argument<string> ChildArgument() => new("child") { Description = "Child Pod name" };

    private Command Spawn()
    {
        var child = ChildArgument();
        var parent = new Option<string>("--as") { Description = "The parent Pod (it must exist); the child reports turn_ended/errored/shut_down to it", Required = true };
        var ticket = new Option<string?>("--ticket") { Description = "Ticket the child works on; the child claims it first (a live claim refuses)" };
        var worktree = new Option<bool>("--worktree") { Description = "Give the child its own worktree .worktree/<child> on branch work/<child>" };
        var baseRef = new Option<string?>("--base") { Description = "With --worktree: the commit the branch starts from (default: the parent's HEAD)" };
        var profile = new Option<string?>("--profile") { Description = "Profile from the workspace config (default: default)" };
        var role = new Option<string?>("--role") { Description = $"Role recorded for the child (default: {ChildSpawner.DefaultRole})" };
        var message = new Argument<string[]>("message") { Description = "The first message: it starts the child's first turn", Arity = ArgumentArity.OneOrMore };
        var command = new Command("spawn", "Start a child Pod of a parent Pod, optionally in its own git worktree, and send it its first message")
        {
            child, parent, ticket, worktree, baseRef, profile, role, message,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            SpawnResult result;
            try
            {
                result = await new ChildSpawner(services).SpawnAsync(new SpawnRequest(parse.GetValue(child)!, parse.GetValue(parent)!,
                    string.Join(' ', parse.GetValue(message)!), parse.GetValue(worktree), parse.GetValue(baseRef), parse.GetValue(profile),
                    parse.GetValue(role), parse.GetValue(ticket)), ct);
            }
            catch (RoleLaunchException ex)
            {
                await parse.Err.WriteLineAsync($"yoi: {ex.Message}");
                return 1;
            }
            var where = result.Delegation.HasWorktree ? $" in {result.Delegation.Worktree} on {result.Delegation.Branch}" : "";
            var claim = result.Claim is ClaimDisposition.Claimed or ClaimDisposition.AlreadyOwned ? $", claiming Ticket {parse.GetValue(ticket)}" : "";
            parse.Out.WriteLine($"spawned `{result.Child}` as a child of `{parse.GetValue(parent)}`{where}{claim}; its first turn is running");
            return 0;
        }));
        return command;
    }

    private Command Diff()
    {
        var child = ChildArgument();
        var color = new Option<bool?>("--color") { Description = "Colour the patch (default: when stdout is a terminal)" };
        var command = new Command("diff", "Show a child's branch against its base: stat and patch") { child, color };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var control = services.Pods;
            var name = PodName.Validate(parse.GetValue(child));
            var metadata = control.Store.Find(name) ?? throw new DelegationException($"no such pod `{name}`; `yoi pod list` shows the Pods there are");
            if (metadata.Delegation is not { HasWorktree: true } delegation || metadata.WorkspaceRoot is not { } workspace)
                throw new DelegationException($"pod `{name}` has no worktree branch to diff (it was not spawned with `yoi pod spawn --worktree`)");
            var patch = await ChildDiff.PatchAsync(workspace, delegation, parse.GetValue(color) ?? (parse.OnConsole && !Console.IsOutputRedirected), ct);
            parse.Out.WriteLine(patch.Length == 0 ? $"{delegation.Branch} has no changes against {delegation.BaseBranch}" : patch);
            return 0;
        }));
        return command;
    }

    private Command Finish()
    {
        var child = ChildArgument();
        var merge = new Option<bool>("--merge") { Description = "Merge with a merge commit (the default)" };
        var squash = new Option<bool>("--squash") { Description = "Merge as one squashed commit" };
        var keepBranch = new Option<bool>("--keep-branch") { Description = "Keep the branch work/<child> after merging" };
        var command = new Command("finish", "Merge a child's branch into the base branch of the main checkout, stop the child and remove its worktree")
        {
            child, merge, squash, keepBranch,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            if (parse.GetValue(merge) && parse.GetValue(squash)) throw new ArgumentException("--merge and --squash exclude each other; pick one");
            var result = await new ChildFinish(services).FinishAsync(parse.GetValue(child)!,
                parse.GetValue(squash) ? FinishMode.Squash : FinishMode.Merge, parse.GetValue(keepBranch), ct);
            foreach (var warning in result.Warnings) await parse.Err.WriteLineAsync($"yoi: warning: {warning}");
            parse.Out.WriteLine(result.MergeCommit is { } commit
                ? $"finished `{result.Child}`: merged {result.Branch} into {result.BaseBranch} ({commit[..Math.Min(12, commit.Length)]})"
                : $"finished `{result.Child}`: {result.Branch} had nothing to merge into {result.BaseBranch}");
            parse.Out.WriteLine("worktree removed" + (result.BranchKept ? $", branch {result.Branch} kept" : ", branch deleted")
                + (result.KeptSessionLog is { } log ? $"; the child's session log is kept at {log}" : ""));
            return 0;
        }));
        return command;
    }

    private Command Discard()
    {
        var child = ChildArgument();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask (needed when stdin is not a terminal only to silence the question)" };
        var command = new Command("discard", "Stop a child and remove its worktree and branch without merging") { child, yes };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, async () =>
        {
            var finish = new ChildFinish(services);
            var name = parse.GetValue(child)!;
            if (!parse.GetValue(yes) && parse.OnConsole && !Console.IsInputRedirected)
            {
                var (commits, dirty) = await finish.AtStakeAsync(name, ct);
                parse.Out.Write($"discard `{name}`: {commits} unmerged commit(s){(dirty ? " and uncommitted changes" : "")} will be lost. Discard? [y/N] ");
                if (Console.ReadLine()?.Trim() is not ("y" or "Y" or "yes"))
                {
                    parse.Out.WriteLine("nothing discarded");
                    return 1;
                }
            }
            var result = await finish.DiscardAsync(name, ct);
            foreach (var warning in result.Warnings) await parse.Err.WriteLineAsync($"yoi: warning: {warning}");
            parse.Out.WriteLine($"discarded `{result.Child}`: worktree and branch {result.Branch} removed"
                + (result.KeptSessionLog is { } log ? $"; the child's session log is kept at {log}" : ""));
            return 0;
        }));
        return command;
    }
}
