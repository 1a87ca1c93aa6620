using Polly;
using Polly.Retry;

namespace Yoi.Core.Storage;

/// <summary>Thrown when a lock could not be taken within its budget.</summary>
public sealed class LockTimeoutException(string lockPath, TimeSpan waited)
    : IOException($"lock is held by another process: {lockPath} (waited {waited.TotalSeconds:0.#} s)")
{
    public string LockPath { get; } = lockPath;
}

/// <summary>
/// The one lock helper: an exclusive kernel <c>flock</c> on a lock file, taken by opening it with
/// <see cref="FileShare.None"/> (which .NET implements with flock(LOCK_EX|LOCK_NB) on Linux) and retried
/// through a Polly pipeline. The kernel releases the lock when the holder dies, so a crash never leaves
/// a lock that needs manual deletion. The lock file itself is never deleted.
/// </summary>
public sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(2);

    private readonly FileStream _stream;

    private FileLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    public static FileLock Acquire(string lockPath, TimeSpan? budget = null)
    {
        var limit = budget ?? DefaultBudget;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(lockPath))!);
        if (TryOpen(lockPath) is { } first) return new FileLock(first, lockPath);

        var started = TimeProvider.System.GetTimestamp();
        var pipeline = new ResiliencePipelineBuilder<FileStream?>()
            .AddRetry(new RetryStrategyOptions<FileStream?>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is null
                    && TimeProvider.System.GetElapsedTime(started) < limit),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(2),
                MaxDelay = TimeSpan.FromMilliseconds(50),
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();
        var stream = pipeline.Execute(() => TryOpen(lockPath));
        return stream is null
            ? throw new LockTimeoutException(lockPath, TimeProvider.System.GetElapsedTime(started))
            : new FileLock(stream, lockPath);
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

    public void Dispose() => _stream.Dispose();
}
