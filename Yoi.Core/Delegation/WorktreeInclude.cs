using Yoi.Core.Git;

namespace Yoi.Core.Delegation;

/// <summary>
/// <c>.worktreeinclude</c> at the workspace root (the convention Claude Code uses): gitignore-style patterns naming
/// git-ignored files (<c>.env</c>, local settings) that a fresh worktree needs. Only files that match a pattern AND
/// are ignored by git are copied, so tracked files (already in the worktree) and stray untracked files never are.
/// </summary>
public static class WorktreeInclude
{
    public const string FileName = ".worktreeinclude";

    /// <summary>The workspace-relative files to copy; empty when there is no <c>.worktreeinclude</c>.</summary>
    public static async Task<IReadOnlyList<string>> FilesAsync(string workspace, CancellationToken cancellationToken = default)
    {
        var patterns = Path.Combine(workspace, FileName);
        if (!File.Exists(patterns)) return [];
        var matching = await ListAsync(workspace, ["ls-files", "-z", "--others", "--ignored", "--exclude-from=" + patterns], cancellationToken).ConfigureAwait(false);
        if (matching.Count == 0) return [];
        var ignored = (await ListAsync(workspace, ["ls-files", "-z", "--others", "--ignored", "--exclude-standard"], cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        return matching.Where(f => ignored.Contains(f) && !f.StartsWith(ChildWorktree.Folder + "/", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Copies each file to the same relative path in the worktree (permissions kept); an existing file is left alone.</summary>
    public static void Copy(string workspace, string worktree, IReadOnlyList<string> files)
    {
        foreach (var relative in files)
        {
            var target = Path.Combine(worktree, relative);
            if (File.Exists(target)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(workspace, relative), target);
        }
    }

    private static async Task<IReadOnlyList<string>> ListAsync(string workspace, string[] args, CancellationToken cancellationToken)
    {
        var result = await GitCli.RunAsync(workspace, args, null, cancellationToken).ConfigureAwait(false);
        if (!result.Ok) throw new DelegationException($"cannot read {FileName} in {workspace}: `git {string.Join(' ', args)}` failed: {result.Message}");
        return result.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
