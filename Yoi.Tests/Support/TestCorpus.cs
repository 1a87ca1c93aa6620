using Yoi.Core.Tickets;
using Yoi.Corpus;

namespace Yoi.Tests.Support;

/// <summary>
/// A corpus workspace on disk (its Tickets under <c>.yoi/tickets</c>), what a test may expect of it, and for a
/// generated one everything the generator wrote (<see cref="Facts"/>).
/// </summary>
public sealed record CorpusWorkspace(CorpusKind Kind, string Path, CorpusExpectations Expect, CorpusFacts? Facts = null)
{
    public string Tickets => System.IO.Path.Combine(Path, ".yoi", "tickets");

    /// <summary>A writable copy of the Ticket root at <paramref name="root"/> (the real corpus is read-only on disk).</summary>
    public void CopyTicketsTo(string root) => CopyTree(Tickets, root);

    /// <summary>
    /// A writable copy of one record (the <paramref name="index"/>-th of the Ticket root in the store's ordinal order,
    /// <c>^1</c> for the last) alone in a new Ticket root at <paramref name="root"/>; returns the copy's directory. For a
    /// test about one record: copying the whole corpus (about 1,400 files) cost about a CPU-second each time.
    /// </summary>
    public string CopyRecordTo(string root, Index index)
    {
        var record = new TicketStore(Tickets).RecordDirectories()[index];
        var copy = System.IO.Path.Combine(root, System.IO.Path.GetFileName(record));
        CopyTree(record, copy);
        return copy;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        foreach (var sub in Directory.EnumerateDirectories(from)) CopyTree(sub, System.IO.Path.Combine(to, System.IO.Path.GetFileName(sub)));
    }
}

/// <summary>
/// The one entry point to Ticket corpora in tests. <see cref="Workspace()"/> is the generated default corpus (seed
/// <see cref="CorpusOptions.DefaultSeed"/>, 223 records; see <see cref="TicketCorpus"/>), written once per test run
/// into a temp directory and shared: read it, copy it (<see cref="CorpusWorkspace.CopyTicketsTo"/>) before changing
/// anything. <see cref="Workspace(string, CorpusOptions?)"/> writes a fresh one you own. <see cref="Open"/> gives the
/// generated or the real corpus for the checks that run on both (<see cref="Corpora"/>).
/// </summary>
public static class TestCorpus
{
    private static readonly Lazy<CorpusWorkspace> Shared = new(() =>
    {
        var dir = new TempDir("yoi-corpus");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        return Workspace(dir.Combine("yoi-corpus")); // a fixed folder name: the panel header shows it
    });

    /// <summary>The shared generated default corpus. Do not modify it.</summary>
    public static CorpusWorkspace Workspace() => Shared.Value;

    /// <summary>Writes a generated corpus into the workspace directory <paramref name="workspace"/> and returns it.</summary>
    public static CorpusWorkspace Workspace(string workspace, CorpusOptions? options = null)
    {
        var facts = TicketCorpus.Write(Path.Combine(workspace, ".yoi", "tickets"), options);
        return new CorpusWorkspace(CorpusKind.Generated, workspace, CorpusExpectations.Of(facts), facts);
    }

    /// <summary>
    /// The corpus a <see cref="Corpora.Both"/> case names: the shared generated one, or the real one, which ends the
    /// test with <see cref="Assert.Ignore(string)"/> and a one-line reason when it is not present.
    /// </summary>
    public static CorpusWorkspace Open(CorpusKind kind) => kind == CorpusKind.Generated ? Workspace() : RealCorpus.OpenOrIgnore();
}
