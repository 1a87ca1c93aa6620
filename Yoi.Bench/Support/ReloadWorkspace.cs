using System.Diagnostics;
using Yoi.Core.Tickets;

namespace Yoi.Bench;

/// <summary>
/// The reload workload: a <see cref="BenchHome"/> whose workspace holds generated Tickets (<see cref="TicketGenerator"/>)
/// under <c>.yoi/tickets</c>, Pod metadata records of this workspace in the data dir (their sockets absent: stopped
/// Pods) and some Ticket claims, and the list of files a load reads.
/// </summary>
internal sealed class ReloadWorkspace : IDisposable
{
    private ReloadWorkspace(BenchHome home, IReadOnlyList<string> ids, int pods, long bytes, TimeSpan took)
    {
        Home = home;
        Ids = ids;
        Tickets = ids.Count;
        Pods = pods;
        GeneratedBytes = bytes;
        GenerationTime = took;
    }

    public BenchHome Home { get; }
    public int Tickets { get; }

    /// <summary>The generated Tickets' ids, oldest first.</summary>
    public IReadOnlyList<string> Ids { get; }
    public int Pods { get; }
    public long GeneratedBytes { get; }
    public TimeSpan GenerationTime { get; }
    public string TicketRoot => Path.Combine(Home.Workspace, ".yoi", "tickets");

    private static ReloadWorkspace? _shared;

    /// <summary>One generated workspace per process (generation takes about a minute), shared by reload and memory.</summary>
    public static ReloadWorkspace Shared(int tickets, int pods)
    {
        if (_shared is { } s && s.Tickets == tickets && s.Pods == pods) return s;
        _shared?.Dispose();
        return _shared = Create("reload", tickets, pods);
    }

    public static void DisposeShared()
    {
        _shared?.Dispose();
        _shared = null;
    }

    public static ReloadWorkspace Create(string prefix, int tickets, int pods)
    {
        var home = new BenchHome(prefix);
        var started = Stopwatch.StartNew();
        var root = Path.Combine(home.Workspace, ".yoi", "tickets");
        var corpus = TicketGenerator.Generate(root, tickets);
        TicketGenerator.GeneratePods(home.Paths, home.Workspace, pods, corpus.Ids);
        TicketGenerator.GenerateClaims(home.Paths, home.Workspace, Math.Min(pods, tickets) / 4, corpus.Ids);
        return new ReloadWorkspace(home, corpus.Ids, pods, corpus.Bytes, started.Elapsed);
    }

    /// <summary>The files a full load reads: each record's item, thread, relations, plan and resolution, every Pod's metadata, the claims.</summary>
    public IReadOnlyList<string> LoadedFiles()
    {
        var files = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(TicketRoot))
        {
            foreach (var f in new[] { "item.md", "thread.md", "resolution.md",
                Path.Combine("artifacts", TicketRelations.FileName), Path.Combine("artifacts", OrchestrationPlan.FileName) })
            {
                var path = Path.Combine(dir, f);
                if (File.Exists(path)) files.Add(path);
            }
        }
        files.AddRange(Directory.EnumerateFiles(Home.Paths.PodsDir, "metadata.json", SearchOption.AllDirectories));
        files.AddRange(Directory.EnumerateFiles(Home.Paths.PanelWorkspacesDir, "*.json", SearchOption.AllDirectories));
        return files;
    }

    public void Dispose() => Home.Dispose();
}
