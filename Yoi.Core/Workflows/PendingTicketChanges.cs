using Yoi.Core.Git;

namespace Yoi.Core.Workflows;

/// <summary>
/// The uncommitted changes under one Ticket's directory, split into yoi's own and the rest (docs/tickets.md, "Queue and
/// uncommitted Ticket changes"). yoi's own: the files yoi's Ticket commands write — <c>item.md</c>, <c>thread.md</c>,
/// <c>resolution.md</c>, <c>artifacts/.gitkeep</c>, <c>artifacts/relations.json</c>,
/// <c>artifacts/orchestration-plan.jsonl</c> — added or modified (never deleted or renamed, which yoi never does), and
/// for a tracked <c>thread.md</c> only an append (the committed thread is a prefix of the file, as every yoi event
/// append leaves it). Anything else is a change yoi did not make.
/// </summary>
public sealed record PendingTicketChanges(IReadOnlyList<string> Own, IReadOnlyList<string> Foreign)
{
    /// <summary>The files yoi writes in a Ticket directory (paths relative to it).</summary>
    public static readonly IReadOnlySet<string> YoiFiles = new HashSet<string>(StringComparer.Ordinal)
    {
        "item.md", "thread.md", "resolution.md", "artifacts/.gitkeep", "artifacts/relations.json", "artifacts/orchestration-plan.jsonl",
    };

    public static readonly PendingTicketChanges None = new([], []);

    /// <summary>Reads <c>git status</c> for <paramref name="ticketDirectory"/> (relative to the repository root <paramref name="repository"/>).</summary>
    public static async Task<PendingTicketChanges> ReadAsync(string repository, string ticketDirectory, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(repository, ticketDirectory).Replace('\\', '/');
        var lines = await GitCli.OutputAsync(repository, ["status", "--porcelain", "--untracked-files=all", "--no-renames", "-z", "--", relative],
            cancellationToken).ConfigureAwait(false);
        List<string> own = [], foreign = [];
        foreach (var entry in lines.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length < 4) continue;
            var code = entry[..2];
            var path = entry[3..];
            var inside = path.StartsWith(relative + "/", StringComparison.Ordinal) ? path[(relative.Length + 1)..] : path;
            var yoi = YoiFiles.Contains(inside) && !code.Contains('D') && !code.Contains('U')
                && (inside != "thread.md" || code == "??" || await AppendedAsync(repository, path, cancellationToken).ConfigureAwait(false));
            (yoi ? own : foreign).Add(path);
        }
        return new PendingTicketChanges(own, foreign);
    }

    /// <summary>True when the committed <paramref name="path"/> is a prefix of the working file (an append).</summary>
    private static async Task<bool> AppendedAsync(string repository, string path, CancellationToken cancellationToken)
    {
        var committed = await GitCli.RunAsync(repository, ["show", $"HEAD:{path}"], null, cancellationToken).ConfigureAwait(false);
        if (!committed.Ok) return true; // added in the index only: nothing committed to rewrite
        var now = File.ReadAllText(Path.Combine(repository, path)).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        return now.StartsWith(committed.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd(), StringComparison.Ordinal);
    }
}
