using Yoi.Core.Delegation;
using Yoi.Core.Git;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Delegation;

/// <summary><see cref="ChildSummaries"/> on a real git repository with a real child worktree (no Pods needed).</summary>
public sealed class ChildSummariesTests
{
    private sealed class Repo : IDisposable
    {
        private readonly TempDir _dir = new("yoi-sum");

        public Repo()
        {
            Workspace = Directory.CreateDirectory(_dir.Combine("ws")).FullName;
            TestRepository.Init(Workspace, "Summary Tester", "sum@example.invalid");
            Commit(Workspace, "base.txt", "base\n");
            Worktree = Path.Combine(Workspace, ".worktree", "kid");
            Git(Workspace, "worktree", "add", "-q", "-b", "work/kid", Worktree);
            Delegation = new ChildDelegation("boss", Worktree, "work/kid", "main", Git(Workspace, "rev-parse", "HEAD"));
        }

        public string Workspace { get; }
        public string Worktree { get; }
        public ChildDelegation Delegation { get; }

        public static string Git(string dir, params string[] args)
        {
            var result = GitCli.RunAsync(dir, args).GetAwaiter().GetResult();
            Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', args)}: {result.Message}");
            return result.Stdout;
        }

        public static void Commit(string dir, string file, string text)
        {
            File.WriteAllText(Path.Combine(dir, file), text);
            Git(dir, "add", file);
            Git(dir, "commit", "-q", "-m", "write " + file);
        }

        public void Dispose() => _dir.Dispose();
    }

    private static ChildSummary Summarize(ChildSummaries summaries, string workspace, params (string, ChildDelegation)[] children) =>
        summaries.SummarizeAsync(workspace, children).GetAwaiter().GetResult().Single().Value;

    [Test]
    public void Counts_are_computed_again_only_when_the_branch_or_the_base_moves()
    {
        using var repo = new Repo();
        var summaries = new ChildSummaries();
        Repo.Commit(repo.Worktree, "kid.txt", "a\nb\n");

        Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation)).ToString(), Is.EqualTo("↑1 ↓0 +2 −0"));
        Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation)).ToString(), Is.EqualTo("↑1 ↓0 +2 −0"));
        Assert.That(summaries.Computed, Is.EqualTo(1), "the same heads: the cached counts");

        Repo.Commit(repo.Worktree, "kid.txt", "a\n");
        Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation)).ToString(), Is.EqualTo("↑2 ↓0 +1 −0"));
        Repo.Commit(repo.Workspace, "main.txt", "main\n");
        Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation)).ToString(), Is.EqualTo("↑2 ↓1 +1 −0"));
        Assert.That(summaries.Computed, Is.EqualTo(3), "each moved head computed once");
    }

    [Test]
    public void A_gone_worktree_branch_or_base_is_a_word_not_an_exception()
    {
        using var repo = new Repo();
        var summaries = new ChildSummaries();

        Assert.Multiple(() =>
        {
            Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation with { Branch = "work/nobody" })).Problem, Is.EqualTo(ChildSummary.BranchGone));
            Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation with { BaseBranch = "trunk" })).Problem, Is.EqualTo(ChildSummary.BaseGone));
            Assert.That(Summarize(summaries, repo.Workspace, ("kid", repo.Delegation with { Worktree = repo.Worktree + "-moved" })).Problem,
                Is.EqualTo(ChildSummary.WorktreeGone));
            Assert.That(Summarize(summaries, repo.Workspace, ("kid", new ChildDelegation("boss"))).Problem, Is.EqualTo(ChildSummary.NoWorktree));
            Assert.That(Summarize(summaries, Path.GetTempPath(), ("kid", repo.Delegation)).Problem, Is.EqualTo(ChildSummary.GitFailed),
                "a workspace that is not a repository");
        });
    }

    [Test]
    public void Without_children_with_a_worktree_no_git_runs()
    {
        var summaries = new ChildSummaries();
        var result = summaries.SummarizeAsync("/nonexistent/workspace", [("helper", new ChildDelegation("boss"))]).GetAwaiter().GetResult();
        Assert.That(result["helper"].Problem, Is.EqualTo(ChildSummary.NoWorktree));
        Assert.That(summaries.Computed, Is.Zero);
    }
}
