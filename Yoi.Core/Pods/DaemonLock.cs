using System.Globalization;
using Yoi.Core.Interop;
using Yoi.Core.Paths;
using Yoi.Core.Storage;

namespace Yoi.Core.Pods;

/// <summary>A second daemon for a Pod whose daemon lock is held.</summary>
public sealed class PodDaemonRunningException(string message) : YoiException(message);

/// <summary>Who holds a Pod's daemon lock right now: the daemon's pid when its pid file is readable.</summary>
public sealed record DaemonHolder(int? Pid)
{
    public string PidText => Pid is { } pid ? $"pid {pid.ToString(CultureInfo.InvariantCulture)}" : "pid unknown";
}

/// <summary>
/// One daemon per Pod, enforced by the kernel: the daemon holds an exclusive flock on
/// <c>&lt;data&gt;/pods/&lt;name&gt;/daemon.lock</c> for its whole life (the descriptor is close-on-exec, so an agent
/// never inherits it, and the kernel drops it when the daemon dies in any way). Liveness checks ask this lock, not the
/// runtime dir, so a Pod whose socket vanished is still known to be running.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    /// <summary>How long a starting daemon waits for the lock: long enough to ride out a concurrent liveness probe.</summary>
    public static readonly TimeSpan AcquireBudget = TimeSpan.FromSeconds(1);

    private readonly FileLock _lock;
    private readonly string _pidPath;

    private DaemonLock(FileLock held, string pidPath)
    {
        _lock = held;
        _pidPath = pidPath;
    }

    /// <summary>Takes the lock and records this process's pid next to it; throws when another daemon holds it.</summary>
    public static DaemonLock Acquire(YoiPaths paths, string podName)
    {
        var path = paths.PodDaemonLockPath(podName);
        FileLock held;
        try
        {
            held = FileLock.Acquire(path, AcquireBudget);
        }
        catch (LockTimeoutException)
        {
            throw new PodDaemonRunningException(RunningMessage(podName, Holder(paths, podName) ?? new DaemonHolder(null), path));
        }
        var pidPath = paths.PodDaemonPidPath(podName);
        AtomicFile.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new DaemonLock(held, pidPath);
    }

    /// <summary>The holder when a daemon for the Pod is running, else null. Never creates a file.</summary>
    public static DaemonHolder? Holder(YoiPaths paths, string podName)
    {
        if (!PodName.IsValid(podName) || !Libc.IsExclusivelyLocked(paths.PodDaemonLockPath(podName))) return null;
        return new DaemonHolder(ReadPid(paths.PodDaemonPidPath(podName)));
    }

    /// <summary>
    /// True when the Pod's daemon ended without a clean stop: its pid file is still there (a daemon removes it before
    /// letting go of the lock) but nobody holds the lock (kill -9, a crash, a power cut: the kernel dropped the lock).
    /// The file is in the data dir, so this survives a reboot; the next daemon overwrites it. Never creates a file.
    /// </summary>
    public static bool LeftBehind(YoiPaths paths, string podName) =>
        PodName.IsValid(podName) && File.Exists(paths.PodDaemonPidPath(podName)) && !Libc.IsExclusivelyLocked(paths.PodDaemonLockPath(podName));

    /// <summary>"pod `x` is already running (pid N holds its daemon lock …)" with the next step.</summary>
    public static string RunningMessage(string podName, DaemonHolder holder, string lockPath) =>
        $"pod `{podName}` is already running ({holder.PidText} holds its daemon lock {lockPath}); stop it with `yoi pod stop {podName}` or use another name";

    /// <summary>The message for a running daemon whose socket does not answer, with the fix.</summary>
    public static string UnreachableMessage(string podName, DaemonHolder holder, string socketPath) =>
        $"pod `{podName}` is live but unreachable: its daemon ({holder.PidText}) runs, but its socket {socketPath} does not answer " +
        $"(was its runtime dir removed?); stop it with `yoi pod stop {podName}`, then `yoi pod restore {podName}` starts it with a new socket";

    public static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock (the pid file goes first, so a reader never pairs a free lock with a stale pid as "running").</summary>
    public void Dispose()
    {
        try { File.Delete(_pidPath); }
        catch (IOException) { }
        _lock.Dispose();
    }
}
