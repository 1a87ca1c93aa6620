using Yoi.Core.Paths;

namespace Yoi.Bench;

/// <summary>
/// A throwaway yoi home under /tmp (short, so socket paths stay under the limit): config, data and runtime dirs and a
/// workspace. Removed on dispose. Child processes get it through YOI_CONFIG_DIR / YOI_DATA_DIR / YOI_RUNTIME_DIR.
/// </summary>
internal sealed class BenchHome : IDisposable
{
    public BenchHome(string prefix)
    {
        Root = Directory.CreateTempSubdirectory("yb-" + prefix + "-").FullName;
        Paths = new YoiPaths(Path.Combine(Root, "c"), Path.Combine(Root, "d"), Path.Combine(Root, "r"));
        Workspace = Path.Combine(Root, "ws");
        Directory.CreateDirectory(Workspace);
    }

    public string Root { get; }
    public YoiPaths Paths { get; }
    public string Workspace { get; }

    /// <summary>The child environment; Pods that a child (the panel's autostart) spawns run the native build when it exists.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var env = new Dictionary<string, string>
            {
                ["YOI_CONFIG_DIR"] = Paths.Config,
                ["YOI_DATA_DIR"] = Paths.Data,
                ["YOI_RUNTIME_DIR"] = Paths.Runtime,
            };
            if (NativeBuild.Exists) env[Yoi.Core.Paths.PodExecutable.OverrideVariable] = NativeBuild.Path;
            return env;
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
