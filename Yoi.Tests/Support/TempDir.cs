namespace Yoi.Tests.Support;

/// <summary>A fresh directory under /tmp, removed on dispose. Short paths keep socket paths under the limit.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "yoi")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
