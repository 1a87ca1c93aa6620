using Yoi.Core.Git;

namespace Yoi.Tests.Support;

/// <summary>
/// Makes a fresh, real git repository for a test: <c>git init -q -b main</c> (the default template, so
/// <c>.git/info/exclude</c> is there as in a user's repository), then the author and <c>maintenance.auto = false</c>
/// written into its <c>.git/config</c> in git's own format. Two <c>git config</c> processes fewer per repository, and
/// no <c>git maintenance run --auto</c> child after every commit made in it (by the test, the product or a child's
/// script); nothing a test checks depends on either.
/// </summary>
public static class TestRepository
{
    public static void Init(string directory, string authorName, string authorEmail)
    {
        var result = GitCli.RunAsync(directory, ["init", "-q", "-b", "main"]).GetAwaiter().GetResult();
        Assert.That(result.ExitCode, Is.Zero, $"git init in {directory}: {result.Message}");
        File.AppendAllText(Path.Combine(directory, ".git", "config"),
            $"[user]\n\tname = {authorName}\n\temail = {authorEmail}\n[maintenance]\n\tauto = false\n");
    }
}
