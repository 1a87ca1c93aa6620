using Yoi.Core.Hosting;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Tests.Support;

/// <summary>
/// A throwaway yoi home for CLI integration tests: data, runtime and config dirs laid out as <see cref="PodProcess"/>
/// expects (<c>d</c>, <c>r</c>, <c>c</c> under <see cref="Root"/>), the <c>yoi</c> CLI run against them, and on
/// dispose every Pod daemon still holding its daemon lock is stopped (SIGTERM, then SIGKILL) before the dir goes.
/// </summary>
public sealed class YoiWorld : IDisposable
{
    private readonly TempDir _dir = new("yoi-id");

    public string Root => _dir.Path;
    public YoiPaths Paths => PodProcess.Paths(Root);
    public PodMetadataStore Store => new(Paths, TimeProvider.System);

    public IReadOnlyDictionary<string, string> Env => YoiProcess.EnvFor(Paths);

    /// <summary>A new empty directory under the root (the workspace of a test), canonical.</summary>
    public string Workspace(string relative) => WorkspaceKey.Canonicalize(Directory.CreateDirectory(Path.Combine(Root, relative)).FullName);

    /// <summary>
    /// <c>yoi ARGS</c> as if run in <paramref name="cwd"/>: in-process (<see cref="InProcessYoi"/>) with <c>-w cwd</c>
    /// unless the arguments name a workspace (commands that act on a Pod by name ignore it).
    /// </summary>
    public YoiResult Yoi(string cwd, params string[] args) =>
        InProcessYoi.Run(Env, args.Contains("-w") || args.Contains("--workspace") ? args : [.. args, "-w", cwd]);

    /// <summary><c>yoi ARGS</c> as a real child process of the built binary, in <paramref name="cwd"/>.</summary>
    public YoiResult Binary(string cwd, params string[] args) => YoiProcess.Run(args, Env, cwd);

    /// <summary>The services a yoi process of this home builds (system clock, this build's <c>yoi</c>).</summary>
    public YoiServices Services() => YoiProcess.Services(Paths);

    public PodControl Control() => Services().Pods;

    /// <summary>
    /// Stops every Pod daemon of this home, delegated children before the rest: a child reports its shut-down to its
    /// parent, and a parent already gone makes it wait out the connect budget (5 s) before it keeps the event in the
    /// parent's inbox.
    /// </summary>
    public void Dispose()
    {
        var store = Store;
        var names = Directory.Exists(Paths.PodsDir) ? Directory.GetDirectories(Paths.PodsDir).Select(Path.GetFileName).OfType<string>() : [];
        foreach (var name in names.OrderBy(n => store.Read(n).Metadata?.Delegation is null))
        {
            if (DaemonLock.Holder(Paths, name) is not { Pid: { } pid }) continue;
            global::Yoi.Core.Interop.Libc.Kill(pid, global::Yoi.Core.Interop.Libc.SIGTERM);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (DaemonLock.Holder(Paths, name) is not null && System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10)) Thread.Sleep(20);
            if (DaemonLock.Holder(Paths, name) is not null) global::Yoi.Core.Interop.Libc.Kill(pid, global::Yoi.Core.Interop.Libc.SIGKILL);
        }
        _dir.Dispose();
    }
}
