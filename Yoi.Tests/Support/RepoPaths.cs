using System.Runtime.CompilerServices;

namespace Yoi.Tests.Support;

/// <summary>Locations in the repository. (Ticket corpora: <see cref="TestCorpus"/>; the real one beside the repository: <see cref="RealCorpus"/>.)</summary>
public static class RepoPaths
{
    public static string Root([CallerFilePath] string sourceFile = "")
    {
        var dir = Path.GetDirectoryName(sourceFile);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Yoi.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? FromBaseDirectory();
    }

    public static string Snapshots(string sourceFile) => Path.Combine(Root(sourceFile), "snapshots");

    private static string FromBaseDirectory()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Yoi.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("cannot find Yoi.sln above the test binaries");
    }
}
