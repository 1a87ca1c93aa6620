using Yoi.Core.Engines;
using Yoi.Core.Paths;

namespace Yoi.Core.Pods;

/// <summary>
/// <c>yoi pod rm</c>: removes a stopped Pod — its metadata directory and runtime leftovers; its session log stays
/// unless purged. It holds the Pod's daemon lock while it removes, so a daemon can neither be running nor start
/// meanwhile; a live Pod (socket answers or daemon lock held) and a Pod with leftover agent processes are refused.
/// </summary>
public static class PodRemoval
{
    /// <summary>What was removed and what was kept.</summary>
    public sealed record Result(string PodName, IReadOnlyList<string> Removed, string? KeptSessionLog);

    public static Result Remove(PodMetadataStore store, string podName, bool purge)
    {
        var paths = store.Paths;
        PodName.Validate(podName);
        var podDir = paths.PodDir(podName);
        var read = store.Read(podName);
        var runtimeDir = paths.PodRuntimeDir(podName);
        if (read.State == MetadataState.Missing && !Directory.Exists(podDir) && !Directory.Exists(runtimeDir))
            throw new YoiException($"pod `{podName}` does not exist (no {podDir}); `yoi pod list` shows the Pods there are");

        DaemonLock held;
        try { held = DaemonLock.Acquire(paths, podName); }
        catch (PodDaemonRunningException)
        {
            var holder = DaemonLock.Holder(paths, podName);
            throw new YoiException($"pod `{podName}` is live ({holder?.PidText ?? "its daemon runs"}); stop it first with `yoi pod stop {podName}`, then remove it");
        }
        using (held)
        {
            var leftovers = new AgentGroup(paths, podName).Leftovers();
            if (leftovers.Count > 0)
                throw new YoiException($"pod `{podName}` has leftover agent processes (pids {string.Join(", ", leftovers)}); " +
                    "end them with `yoi doctor --repair`, then remove the Pod");
            var removed = new List<string>();
            var session = read.Metadata?.Active?.SessionId is { } id ? Path.Combine(paths.SessionsDir, id) : null;
            if (Directory.Exists(runtimeDir))
            {
                Directory.Delete(runtimeDir, recursive: true);
                removed.Add(runtimeDir);
            }
            var hashedSocket = paths.PodSocketPath(podName);
            if (!hashedSocket.StartsWith(runtimeDir + "/", StringComparison.Ordinal) && File.Exists(hashedSocket))
            {
                File.Delete(hashedSocket);
                removed.Add(hashedSocket);
            }
            using (store.Lock(podName))
            {
                if (File.Exists(paths.PodMetadataPath(podName)))
                {
                    File.Delete(paths.PodMetadataPath(podName));
                    removed.Add(paths.PodMetadataPath(podName));
                }
            }
            string? kept = null;
            if (session is not null && Directory.Exists(session))
            {
                if (purge)
                {
                    Directory.Delete(session, recursive: true);
                    removed.Add(session);
                }
                else
                {
                    kept = session;
                }
            }
            // Last: the directory with the lock files (deleting a held lock file is fine; the lock dies with its descriptor).
            Directory.Delete(podDir, recursive: true);
            removed.Add(podDir);
            Interop.Libc.FsyncDirectory(paths.PodsDir);
            return new Result(podName, removed, kept);
        }
    }
}
