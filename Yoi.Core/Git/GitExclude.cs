namespace Yoi.Core.Git;

/// <summary>
/// The repository's local ignore list (<c>git rev-parse --git-path info/exclude</c>, shared by every worktree): yoi adds
/// the folders of the worktrees it nests inside the main checkout, so <c>git status</c> never shows them and
/// <c>git add -A</c> never stages them as embedded repositories. Local to this clone (never committed), added once.
/// </summary>
public static class GitExclude
{
    /// <summary>The exclude line for a folder relative to the repository root: <c>/.worktree/</c>.</summary>
    public static string LineFor(string folder) => "/" + folder.Trim('/') + "/";

    /// <summary>True when <paramref name="folder"/> is excluded (any of the usual spellings), false otherwise or outside git.</summary>
    public static async Task<bool> ContainsAsync(string repository, string folder, CancellationToken cancellationToken = default) =>
        await PathAsync(repository, cancellationToken).ConfigureAwait(false) is { } exclude && Contains(exclude, folder);

    /// <summary>Adds <paramref name="folder"/> (relative to the repository root) with a comment unless it is there; false outside git.</summary>
    public static async Task<bool> EnsureAsync(string repository, string folder, string comment, CancellationToken cancellationToken = default)
    {
        if (await PathAsync(repository, cancellationToken).ConfigureAwait(false) is not { } exclude) return false;
        if (Contains(exclude, folder)) return true;
        Directory.CreateDirectory(Path.GetDirectoryName(exclude)!);
        var text = File.Exists(exclude) ? await File.ReadAllTextAsync(exclude, cancellationToken).ConfigureAwait(false) : "";
        var prefix = text.Length > 0 && !text.EndsWith('\n') ? "\n" : "";
        await File.AppendAllTextAsync(exclude, $"{prefix}# yoi: {comment}\n{LineFor(folder)}\n", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<string?> PathAsync(string repository, CancellationToken cancellationToken)
    {
        var result = await GitCli.RunAsync(repository, ["rev-parse", "--path-format=absolute", "--git-path", "info/exclude"], null, cancellationToken).ConfigureAwait(false);
        return result.Ok && result.Stdout.Length > 0 ? result.Stdout : null;
    }

    private static bool Contains(string exclude, string folder)
    {
        if (!File.Exists(exclude)) return false;
        // The folder or one of its parents, in any of the usual spellings.
        var parts = folder.Trim('/').Split('/');
        var covered = Enumerable.Range(1, parts.Length).Select(n => string.Join('/', parts.Take(n))).ToHashSet(StringComparer.Ordinal);
        return File.ReadLines(exclude).Select(l => l.Trim()).Any(t => t.Length > 0 && t[0] != '#' && covered.Contains(t.Trim('/')) && (t[0] == '/' || !t.Trim('/').Contains('/')));
    }
}
