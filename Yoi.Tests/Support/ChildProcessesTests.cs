using System.Diagnostics;

namespace Yoi.Tests.Support;

/// <summary><see cref="ChildProcesses"/> on real processes: a shell with a child and a grandchild.</summary>
public sealed class ChildProcessesTests
{
    [Test]
    public void Kill_ends_the_process_its_children_and_their_children()
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 300 & sh -c 'sleep 300 & wait' & wait"]))!;
        IReadOnlyList<int> tree = [];
        Poll.Until(() => (tree = ChildProcesses.DescendantsOf(shell.Id)).Count == 3, TimeSpan.FromSeconds(10), "the shell's two children and one grandchild");

        ChildProcesses.KillWithDescendants(shell.Id);

        Assert.That(shell.WaitForExit(10_000), Is.True, "the shell itself ended");
        foreach (var pid in tree)
            Poll.Until(() => !Alive(pid), TimeSpan.FromSeconds(10), $"descendant {pid} to end");
    }

    [Test]
    public void A_process_without_children_has_no_descendants_and_a_gone_one_neither()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        Assert.That(ChildProcesses.DescendantsOf(sleeper.Id), Is.Empty);
        ChildProcesses.KillWithDescendants(sleeper.Id);
        Assert.That(sleeper.WaitForExit(10_000), Is.True);
        Assert.That(ChildProcesses.DescendantsOf(sleeper.Id), Is.Empty);
    }

    /// <summary>Running or stopped, not a zombie waiting for its new parent to reap it.</summary>
    private static bool Alive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return false; }
    }
}
