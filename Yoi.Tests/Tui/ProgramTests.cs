using Yoi.Core.Interop;
using Yoi.Tests.Support;

namespace Yoi.Tests.Tui;

/// <summary>The process entry (Program.cs): what every <c>yoi</c> process sets up before its command runs.</summary>
public class ProgramTests
{
    private static bool Blocks(string statusFile, int signal)
    {
        var line = File.ReadLines(statusFile).First(l => l.StartsWith("SigBlk:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(line["SigBlk:".Length..].Trim(), 16);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    [Test]
    public void A_yoi_started_with_sigwinch_blocked_unblocks_it_so_a_resize_still_arrives()
    {
        using var dir = new TempDir();
        PodProcess? pod = null;
        var blockedInStarter = false;
        // A thread of its own: the blocked mask is what the child inherits (as from `perf record`), and no other test's
        // thread is touched.
        var starter = new Thread(() =>
        {
            Libc.SetSignalBlocked(Libc.SIGWINCH, blocked: true);
            blockedInStarter = Blocks("/proc/thread-self/status", Libc.SIGWINCH);
            pod = PodProcess.Start(dir.Path, "alpha");
        });
        starter.Start();
        starter.Join();
        using (pod)
        {
            Assert.That(blockedInStarter, Is.True, "the starting thread blocked SIGWINCH");
            Assert.That(pod, Is.Not.Null);
            Assert.That(Blocks($"/proc/{pod!.Pid}/task/{pod.Pid}/status", Libc.SIGWINCH), Is.False,
                "yoi's main thread takes SIGWINCH again");
        }
    }
}
