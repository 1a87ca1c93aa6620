using System.Diagnostics;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Storage;

public class FileLockTests
{
    [Test]
    public void A_held_lock_times_out_with_the_path_in_the_error()
    {
        using var dir = new TempDir();
        var path = dir.Combine("x.lock");
        using var held = FileLock.Acquire(path);
        var started = Stopwatch.GetTimestamp();
        var ex = Assert.Throws<LockTimeoutException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(300)))!;
        Assert.That(ex.LockPath, Is.EqualTo(path));
        Assert.That(ex.Message, Does.Contain(path));
        Assert.That(Stopwatch.GetElapsedTime(started), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public void A_waiter_gets_the_lock_when_the_holder_releases_it()
    {
        using var dir = new TempDir();
        var path = dir.Combine("x.lock");
        var held = FileLock.Acquire(path);
        var waiter = Task.Run(() => { using var l = FileLock.Acquire(path); return true; });
        Thread.Sleep(50);
        Assert.That(waiter.IsCompleted, Is.False);
        held.Dispose();
        Assert.That(waiter.Wait(TimeSpan.FromSeconds(2)), Is.True);
    }

    [Test]
    public void A_lock_held_by_a_killed_process_is_free_without_cleanup()
    {
        using var dir = new TempDir();
        var path = dir.Combine("x.lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", path, "sleep", "30"]))!;
        Poll.Until(() => !FileLock.IsFree(path), TimeSpan.FromSeconds(5), "the child to take the lock");
        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        using var taken = FileLock.Acquire(path, TimeSpan.FromSeconds(2));
        Assert.That(File.Exists(path), Is.True, "the lock file is never deleted");
    }
}
