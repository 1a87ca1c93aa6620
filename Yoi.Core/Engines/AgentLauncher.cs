using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Yoi.Core.Interop;
using Yoi.Core.Paths;

namespace Yoi.Core.Engines;

/// <summary>
/// Starts an engine's agent so that it cannot outlive its Pod. .NET cannot run code between fork and exec, so the
/// agent is started through <c>yoi __agent-exec &lt;daemon pid&gt; -- argv…</c> (<see cref="ExecMain"/>): that process
/// makes itself the leader of a new process group, asks the kernel for SIGKILL when its parent dies
/// (PR_SET_PDEATHSIG), checks the daemon is still its parent, and execs the agent in place (same pid). The kernel
/// sends the parent-death signal when the parent *thread* ends, so every agent is forked from one dedicated thread
/// that lives as long as the daemon (a thread-pool thread may retire mid-turn).
/// </summary>
public static class AgentLauncher
{
    public const string Verb = "__agent-exec";

    /// <summary>Exit status when exec failed (as a shell reports a command it cannot run).</summary>
    public const int ExecFailed = 127;

    private static readonly BlockingCollection<Action> Work = StartThread();

    /// <summary>Rewrites <paramref name="info"/> (program + arguments) to run through the launcher of <paramref name="executable"/>.</summary>
    public static void Wrap(ProcessStartInfo info, PodExecutable executable)
    {
        var argv = new List<string> { info.FileName };
        argv.AddRange(info.ArgumentList);
        info.FileName = executable.Program;
        info.ArgumentList.Clear();
        foreach (var prefix in executable.PrefixArguments) info.ArgumentList.Add(prefix);
        info.ArgumentList.Add(Verb);
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--");
        foreach (var arg in argv) info.ArgumentList.Add(arg);
    }

    /// <summary>Starts the process on the dedicated spawning thread.</summary>
    public static Task Start(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                process.Start();
                started.SetResult();
            }
#pragma warning disable CA1031 // handed to the caller
            catch (Exception ex)
#pragma warning restore CA1031
            {
                started.SetException(ex);
            }
        });
        return started.Task;
    }

    /// <summary>
    /// The launcher's whole life, called first thing by <c>yoi</c> for <see cref="Verb"/>:
    /// <c>__agent-exec PARENT_PID -- PROGRAM ARGS…</c>. Returns only when something failed.
    /// </summary>
    public static int ExecMain(IReadOnlyList<string> args, TextWriter stderr)
    {
        if (args.Count < 4 || args[0] != Verb || args[2] != "--"
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
        {
            stderr.WriteLine($"yoi {Verb}: usage: yoi {Verb} PARENT_PID -- PROGRAM [ARGS…] (started by a Pod's command engine)");
            return 2;
        }
        if (!Libc.NewProcessGroup())
        {
            stderr.WriteLine($"yoi {Verb}: cannot start a new process group for `{args[3]}`");
            return ExecFailed;
        }
        Libc.SetParentDeathSignal(Libc.SIGKILL);
        // The daemon may have died before the death signal was armed; then nothing would ever end this agent.
        if (Libc.ParentPid() != parent) return ExecFailed;
        Libc.DefaultSignal(Libc.SIGPIPE);
        var error = Libc.Exec(args.Skip(3).ToList());
        stderr.WriteLine($"cannot start engine command `{args[3]}`: {error}");
        return ExecFailed;
    }

    private static BlockingCollection<Action> StartThread()
    {
        var work = new BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            foreach (var action in work.GetConsumingEnumerable()) action();
        })
        {
            IsBackground = true,
            Name = "yoi agent spawner",
        };
        thread.Start();
        return work;
    }
}
