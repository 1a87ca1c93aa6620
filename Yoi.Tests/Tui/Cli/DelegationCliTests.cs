using Yoi.Core.Git;
using Yoi.Core.Pods;
using Yoi.Tests.Support;
using Yoi.Tests.Core.Engines;

namespace Yoi.Tests.Tui.Cli;

/// <summary>
/// `yoi pod spawn|diff|finish|discard` through the real CLI, real Pod processes and a real git repository. The children
/// run the `sh -s` command engine, so their first message is the shell script they run in their own worktree.
/// </summary>
public class DelegationCliTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private sealed class Repo : IDisposable
    {
        public YoiWorld World { get; } = new();
        public string Workspace { get; }

        public Repo(string setup = "[]")
        {
            Workspace = World.Workspace("repo");
            TestRepository.Init(Workspace, "Delegation Tester", "deleg@example.invalid");
            Directory.CreateDirectory(Path.Combine(Workspace, ".yoi"));
            File.WriteAllText(Path.Combine(Workspace, ".yoi", "config.json"), $$"""
                { "profiles": { "default": { "engine": "echo" }, "shell": { "engine": "command", "command": ["sh", "-s"] } },
                  "worktree": { "setup": {{setup}} } }
                """);
            File.WriteAllText(Path.Combine(Workspace, ".gitignore"), ".env\nlocal/\n");
            File.WriteAllText(Path.Combine(Workspace, ".worktreeinclude"), ".env\nlocal/settings.json\n");
            File.WriteAllText(Path.Combine(Workspace, "shared.txt"), "one\n");
            Git("add", "-A");
            Git("commit", "-q", "-m", "initial");
            File.WriteAllText(Path.Combine(Workspace, ".env"), "TOKEN=local-only\n");
            Directory.CreateDirectory(Path.Combine(Workspace, "local"));
            File.WriteAllText(Path.Combine(Workspace, "local", "settings.json"), "{}\n");
            File.WriteAllText(Path.Combine(Workspace, "local", "scratch.txt"), "not listed\n");
            Assert.That(Yoi("pod", "start", "boss", "--workspace", Workspace).ExitCode, Is.Zero);
        }

        public YoiResult Yoi(params string[] args) => World.Yoi(Workspace, args);

        public string Git(params string[] args) => GitIn(Workspace, args);

        public static string GitIn(string dir, params string[] args)
        {
            var result = GitCli.RunAsync(dir, args).GetAwaiter().GetResult();
            Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', args)} in {dir}: {result.Message}");
            return result.Stdout;
        }

        public string Worktree(string child) => Path.Combine(Workspace, ".worktree", child);

        public PodMetadata Boss => World.Store.Find("boss")!;

        /// <summary>The parent's session log (all segments) as text.</summary>
        public string BossLog()
        {
            var dir = Path.Combine(World.Paths.SessionsDir, Boss.Active!.SessionId);
            return string.Concat(Directory.GetFiles(dir, "*.jsonl").Select(File.ReadAllText));
        }

        public void Spawn(string child, string script, params string[] extra)
        {
            var result = Yoi(["pod", "spawn", child, "--as", "boss", "--worktree", "--profile", "shell", .. extra, script]);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.Contain($"spawned `{child}` as a child of `boss` in {Worktree(child)} on work/{child}"));
        }

        public void WaitForTurnEnded(string child) => Poll.Until(() => BossLog().Contains($"\"kind\":\"turn_ended\",\"pod_name\":\"{child}\"", StringComparison.Ordinal),
            Patience, $"the parent's session log to get `{child}`'s turn_ended");

        public void Dispose() => World.Dispose();
    }

    [Test]
    public void Two_children_work_apart_in_their_worktrees_report_to_the_parent_and_finish_into_a_clean_main_checkout()
    {
        using var repo = new Repo();
        repo.Spawn("child-a", "echo A > a.txt && git add a.txt && git commit -q -m 'add a' && echo committed a");
        repo.Spawn("child-b", "echo B > b.txt && git add b.txt && git commit -q -m 'add b' && echo committed b");
        repo.WaitForTurnEnded("child-a");
        repo.WaitForTurnEnded("child-b");

        Assert.That(repo.Boss.SpawnedChildren.Select(c => c.PodName), Is.EquivalentTo(new[] { "child-a", "child-b" }));
        Assert.That(repo.World.Store.Find("child-a")!.Delegation!.Parent, Is.EqualTo("boss"));
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(repo.Worktree("child-a"), "a.txt")), Is.True, "child-a's own change is in its checkout");
            Assert.That(File.Exists(Path.Combine(repo.Worktree("child-a"), "b.txt")), Is.False, "child-a does not see child-b's change");
            Assert.That(File.Exists(Path.Combine(repo.Worktree("child-b"), "b.txt")), Is.True);
            Assert.That(File.Exists(Path.Combine(repo.Worktree("child-b"), "a.txt")), Is.False, "child-b does not see child-a's change");
            Assert.That(File.Exists(Path.Combine(repo.Workspace, "a.txt")) || File.Exists(Path.Combine(repo.Workspace, "b.txt")), Is.False, "main is untouched until finish");
            Assert.That(File.ReadAllText(Path.Combine(repo.Worktree("child-a"), ".env")), Is.EqualTo("TOKEN=local-only\n"), ".worktreeinclude files are copied");
            Assert.That(File.Exists(Path.Combine(repo.Worktree("child-b"), "local", "settings.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(repo.Worktree("child-b"), "local", "scratch.txt")), Is.False, "only listed files are copied");
            Assert.That(repo.Git("status", "--porcelain"), Is.Empty, "the nested worktrees do not show in the main checkout");
        });

        var diff = repo.Yoi("pod", "diff", "child-a");
        Assert.That(diff.ExitCode, Is.Zero, diff.Stderr);
        Assert.That(diff.Stdout, Does.Contain("a.txt | 1 +").And.Contain("+A").And.Not.Contain("\u001b["), "stat and patch, no colour when not a terminal");

        foreach (var child in new[] { "child-a", "child-b" })
        {
            var finish = repo.Yoi("pod", "finish", child);
            Assert.That(finish.ExitCode, Is.Zero, finish.Stderr);
            Assert.That(finish.Stdout, Does.Contain($"finished `{child}`: merged work/{child} into main"));
        }
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(repo.Workspace, "a.txt")), Is.EqualTo("A\n"));
            Assert.That(File.ReadAllText(Path.Combine(repo.Workspace, "b.txt")), Is.EqualTo("B\n"));
            Assert.That(Directory.Exists(repo.Worktree("child-a")) || Directory.Exists(repo.Worktree("child-b")), Is.False, "worktrees are gone");
            Assert.That(repo.Git("branch", "--list", "work/*"), Is.Empty, "branches are gone");
            Assert.That(repo.Git("worktree", "list", "--porcelain").Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(repo.Git("status", "--porcelain"), Is.Empty, "the main checkout is clean");
            Assert.That(repo.Boss.SpawnedChildren, Is.Empty);
            Assert.That(repo.Boss.ReclaimedChildren.Select(c => c.PodName), Is.EquivalentTo(new[] { "child-a", "child-b" }));
            Assert.That(repo.World.Store.Find("child-a"), Is.Null, "the finished child Pod is removed (its session log stays)");
        });
    }

    [Test]
    public void A_conflicting_finish_is_refused_and_touches_neither_the_main_checkout_nor_the_child_worktree()
    {
        using var repo = new Repo();
        repo.Spawn("child-a", "echo child > shared.txt && git commit -q -am 'child edits shared'");
        repo.WaitForTurnEnded("child-a");
        File.WriteAllText(Path.Combine(repo.Workspace, "shared.txt"), "main\n");
        repo.Git("commit", "-q", "-am", "main edits shared");
        var mainHead = repo.Git("rev-parse", "HEAD");
        var childHead = Repo.GitIn(repo.Worktree("child-a"), "rev-parse", "HEAD");

        var finish = repo.Yoi("pod", "finish", "child-a");

        Assert.That(finish.ExitCode, Is.EqualTo(1));
        Assert.That(finish.Stderr, Does.Contain("cannot finish `child-a`: merging work/child-a into main conflicts in shared.txt").And.Contain("nothing was changed"));
        Assert.Multiple(() =>
        {
            Assert.That(repo.Git("rev-parse", "HEAD"), Is.EqualTo(mainHead));
            Assert.That(repo.Git("status", "--porcelain"), Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(repo.Workspace, "shared.txt")), Is.EqualTo("main\n"));
            Assert.That(Repo.GitIn(repo.Worktree("child-a"), "rev-parse", "HEAD"), Is.EqualTo(childHead));
            Assert.That(Repo.GitIn(repo.Worktree("child-a"), "status", "--porcelain"), Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(repo.Worktree("child-a"), "shared.txt")), Is.EqualTo("child\n"));
            Assert.That(repo.World.Store.Find("child-a"), Is.Not.Null);
            Assert.That(repo.Boss.SpawnedChildren.Select(c => c.PodName), Is.EqualTo(new[] { "child-a" }));
        });
        Assert.That(repo.Yoi("pod", "inspect", "child-a").Stdout, Does.Contain("live:       yes"), "the child was not stopped");
    }

    [Test]
    public void A_finish_with_uncommitted_changes_is_refused_and_discard_removes_the_child_without_merging()
    {
        using var repo = new Repo();
        repo.Spawn("child-a", "echo draft > draft.txt && echo more >> shared.txt");
        repo.WaitForTurnEnded("child-a");

        var finish = repo.Yoi("pod", "finish", "child-a");
        Assert.That(finish.ExitCode, Is.EqualTo(1));
        Assert.That(finish.Stderr, Does.Contain("has uncommitted changes").And.Contain("shared.txt").And.Contain("draft.txt"));
        Assert.That(File.Exists(Path.Combine(repo.Worktree("child-a"), "draft.txt")), Is.True);

        var discard = repo.Yoi("pod", "discard", "child-a");
        Assert.That(discard.ExitCode, Is.Zero, discard.Stderr);
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(repo.Worktree("child-a")), Is.False);
            Assert.That(repo.Git("branch", "--list", "work/*"), Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(repo.Workspace, "shared.txt")), Is.EqualTo("one\n"), "nothing was merged");
            Assert.That(repo.Boss.ReclaimedChildren.Select(c => c.PodName), Is.EqualTo(new[] { "child-a" }));
        });
    }

    [Test]
    public void A_failing_setup_command_keeps_the_child_from_starting_and_says_why()
    {
        using var repo = new Repo("""["echo preparing", "echo 'npm: lockfile missing' >&2; exit 3"]""");

        var result = repo.Yoi("pod", "spawn", "child-a", "--as", "boss", "--worktree", "--profile", "shell", "echo never > never.txt");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("worktree setup command `echo 'npm: lockfile missing' >&2; exit 3` failed with exit code 3")
            .And.Contain("npm: lockfile missing").And.Contain("the child `child-a` was not started"));
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists(repo.Worktree("child-a")), Is.False, "the worktree was removed again");
            Assert.That(repo.Git("branch", "--list", "work/*"), Is.Empty);
            Assert.That(repo.World.Store.Find("child-a"), Is.Null, "no child Pod");
            Assert.That(repo.Boss.SpawnedChildren, Is.Empty);
            Assert.That(File.Exists(Path.Combine(repo.Workspace, "never.txt")), Is.False);
        });
    }

    [Test]
    public void A_passing_setup_command_runs_in_the_new_worktree_before_the_child_starts()
    {
        using var repo = new Repo("""["test -f .env && echo ready > setup-ran.txt"]""");
        repo.Spawn("child-a", "test -f setup-ran.txt && git add setup-ran.txt && git commit -q -m 'setup output'");
        repo.WaitForTurnEnded("child-a");
        Assert.That(Repo.GitIn(repo.Worktree("child-a"), "log", "--format=%s", "-1"), Is.EqualTo("setup output"), "the setup ran in the worktree, after the include copy");
    }

    [Test]
    public void Spawn_refuses_a_missing_parent_and_an_existing_child_name()
    {
        using var repo = new Repo();
        var noParent = repo.Yoi("pod", "spawn", "child-a", "--as", "nobody", "--worktree", "hi");
        Assert.That(noParent.ExitCode, Is.EqualTo(1));
        Assert.That(noParent.Stderr, Does.Contain("parent pod `nobody` does not exist"));
        var taken = repo.Yoi("pod", "spawn", "boss", "--as", "boss", "hi");
        Assert.That(taken.Stderr, Does.Contain("cannot be its own parent"));
        Assert.That(Directory.Exists(Path.Combine(repo.Workspace, ".worktree")), Is.False);
    }

    [Test]
    public void A_stopped_parent_gets_its_childs_events_from_the_durable_inbox_when_it_is_restored()
    {
        using var repo = new Repo();
        // The child ends its turn only once the parent is stopped (a fixed sleep lost the race to a slow `pod stop`).
        var parentStopped = Path.Combine(repo.World.Root, "parent-stopped");
        repo.Spawn("child-a", $"while [ ! -e '{parentStopped}' ]; do sleep 0.05; done; echo A > a.txt && git add a.txt && git commit -q -m 'add a'");
        Assert.That(repo.Yoi("pod", "stop", "boss").ExitCode, Is.Zero);
        File.WriteAllText(parentStopped, "");
        var inbox = Path.Combine(repo.World.Paths.PodDir("boss"), "inbox.jsonl");
        Poll.Until(() => File.Exists(inbox) && File.ReadAllText(inbox).Contains("turn_ended", StringComparison.Ordinal), Patience,
            "the child's turn_ended to be kept in the stopped parent's inbox");
        Assert.That(repo.BossLog(), Does.Not.Contain("\"pod_name\":\"child-a\""));

        Assert.That(repo.Yoi("pod", "restore", "boss").ExitCode, Is.Zero);

        repo.WaitForTurnEnded("child-a");
        Poll.Until(() => !File.Exists(inbox), Patience, "the inbox to be drained once");
        Assert.That(repo.Yoi("pod", "finish", "child-a").ExitCode, Is.Zero);
    }

    [Test]
    public void Spawn_with_a_ticket_claims_it_first_refuses_a_second_child_naming_the_owner_and_finish_releases_it()
    {
        using var repo = new Repo();
        Directory.CreateDirectory(Path.Combine(repo.Workspace, ".yoi", "tickets"));
        var created = repo.Yoi("ticket", "create", "--title", "Delegated work", "--workspace", repo.Workspace);
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var id = created.Stdout.Trim().Split('\t')[1];
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "ticket");

        repo.Spawn("child-a", "echo A > a.txt && git add a.txt && git commit -q -m 'add a'", "--ticket", id);
        Assert.That(repo.Yoi("claim", "list", "--workspace", repo.Workspace).Stdout, Does.Match($"{id} +child-a +worker +1 +live"));
        var second = repo.Yoi("pod", "spawn", "child-b", "--as", "boss", "--worktree", "--ticket", id, "echo B");
        Assert.That(second.ExitCode, Is.EqualTo(1));
        Assert.That(second.Stderr, Does.Contain("child-a"));
        Assert.That(Directory.Exists(repo.Worktree("child-b")), Is.False, "a refused claim spawns nothing");
        repo.WaitForTurnEnded("child-a");

        Assert.That(repo.Yoi("pod", "finish", "child-a").ExitCode, Is.Zero);
        Assert.That(repo.Yoi("claim", "list", "--workspace", repo.Workspace).Stdout, Does.Not.Contain("child-a"), "finish released the claim");
    }
}
