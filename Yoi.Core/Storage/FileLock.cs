using Microsoft.Win32.SafeHandles;
using Yoi.Core.Interop;

namespace Yoi.Core.Storage;

/// <summary>Thrown when a lock could not be taken within its budget.</summary>
public sealed class LockTimeoutException(string lockPath, TimeSpan waited)
    : YoiIOException($"lock is held by another process: {lockPath} (waited {waited.TotalSeconds:0.#} s)")
{
    public string LockPath { get; } = lockPath;
}

/// <summary>
/// The one lock helper: an exclusive kernel <c>flock</c> on a lock file. The first attempt opens it with
/// <see cref="FileShare.None"/> (which .NET implements with flock(LOCK_EX|LOCK_NB) on Linux); when that is busy the
/// caller waits inside the kernel (a blocking flock on a second descriptor, run on a dedicated thread) so it is woken
/// the instant the holder releases, instead of polling with sleeps, which let a busy lock starve waiters for seconds
/// under contention. The kernel releases the lock when the holder dies, so a crash never leaves a lock that needs
/// manual deletion. The lock file itself is never deleted.
/// </summary>
public sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(2);

    private readonly IDisposable _held;

    private FileLock(IDisposable held, string path)
    {
        _held = held;
        Path = path;
    }

    public string Path { get; }

    public static FileLock Acquire(string lockPath, TimeSpan? budget = null)
    {
        var limit = budget ?? DefaultBudget;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(lockPath))!);
        if (TryOpen(lockPath) is { } first) return new FileLock(first, lockPath);

        var fd = Libc.OpenReadWrite(lockPath);
        if (fd < 0) throw new IOException($"cannot open lock file {lockPath} to wait for it");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var waiter = Task.Factory.StartNew(() => Libc.FlockExclusiveBlocking(fd), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (waiter.Wait(limit))
        {
            if (waiter.Result) return new FileLock(handle, lockPath);
            handle.Dispose();
            throw new IOException($"cannot lock {lockPath}");
        }
        // Gave up after the whole budget (the kernel wait is real time, so no clock is needed to say how long):
        // the waiting thread still holds the descriptor; release it the moment the lock is granted.
        waiter.ContinueWith(_ => handle.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        throw new LockTimeoutException(lockPath, limit);
    }

    /// <summary>True when the lock could be taken right now (it is released again at once).</summary>
    public static bool IsFree(string lockPath)
    {
        using var stream = TryOpen(lockPath);
        return stream is not null;
    }

    private static FileStream? TryOpen(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && ex.HResult is 11 or 0x20 or unchecked((int)0x80070020))
        {
            return null;
        }
    }

    public void Dispose() => _held.Dispose();
}
