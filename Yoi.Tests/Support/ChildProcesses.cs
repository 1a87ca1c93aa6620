using System.Globalization;
using Yoi.Core.Interop;

namespace Yoi.Tests.Support;

/// <summary>
/// A process's children and descendants, read from the kernel's own child lists (<c>/proc/PID/task/TID/children</c>).
/// <c>Process.Kill(entireProcessTree: true)</c> finds them by reading the status of every process on the machine, which
/// cost the suite about 1.7 CPU-s in <see cref="PodProcess"/>'s dispose alone.
/// </summary>
public static class ChildProcesses
{
    /// <summary>The live children of <paramref name="pid"/> (forked by any of its threads), in the kernel's order.</summary>
    public static IReadOnlyList<int> Of(int pid)
    {
        string[] tasks;
        try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
        catch (IOException) { return []; } // the process is gone
        var children = new List<int>();
        foreach (var task in tasks)
        {
            string text;
            try { text = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; } // the thread ended
            children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
        }
        return children;
    }

    /// <summary>Every live descendant of <paramref name="pid"/>: its children, theirs, and so on.</summary>
    public static IReadOnlyList<int> DescendantsOf(int pid)
    {
        var found = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var parent))
        {
            foreach (var child in Of(parent).Where(c => !found.Contains(c)))
            {
                found.Add(child);
                pending.Push(child);
            }
        }
        return found;
    }

    /// <summary>SIGKILL to <paramref name="pid"/> and to every descendant it has at the moment of the call.</summary>
    public static void KillWithDescendants(int pid)
    {
        var descendants = DescendantsOf(pid);
        Libc.Kill(pid, Libc.SIGKILL);
        foreach (var child in descendants) Libc.Kill(child, Libc.SIGKILL);
    }
}
