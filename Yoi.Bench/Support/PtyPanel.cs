using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Yoi.Core.Paths;
using Yoi.Core.Pods;

namespace Yoi.Bench;

/// <summary>What one <c>yoi panel</c> start showed, in milliseconds from just before the process was started.</summary>
internal sealed record PanelStart(double FirstFrameMs, double ReadyMs, long PeakRssKiB);

/// <summary>
/// Runs the real <c>yoi panel</c> in a pseudo-terminal (<c>script</c>, window set with <c>stty</c>) and timestamps its
/// output: the first frame is the first end-of-synchronized-update (<c>CSI ?2026l</c>); the dashboard is ready at the end
/// of the first frame that shows the list's column header, whose last column is ✉ (the painter draws it only once the
/// model is loaded, in the same frame as the rows; a Ticket id is no marker since rows show the shortest unique prefix).
/// Then optionally waits, reads the panel's VmHWM from /proc and quits it with <c>q</c>.
/// </summary>
internal static partial class PtyPanel
{
    private static readonly byte[] LoadedListHeader = "✉"u8.ToArray();

    private static readonly byte[] EndSync = Encoding.ASCII.GetBytes("\e[?2026l");

    public static PanelStart Run(BenchHome home, string workspace, TimeSpan holdAfterReady, int width = 200, int height = 60)
    {
        var executable = PodExecutable.Resolve();
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        // The command line is fixed; every path travels in the environment, so nothing is shell-interpreted.
        var prefix = executable.PrefixArguments.Count == 1 ? " \"$YB_PREFIX\"" : "";
        foreach (var a in new[] { "-qfec", $"stty cols {width} rows {height}; exec \"$YB_PROGRAM\"{prefix} panel --workspace \"$YB_WORKSPACE\"", "/dev/null" })
            start.ArgumentList.Add(a);
        start.Environment["YB_PROGRAM"] = executable.Program;
        if (executable.PrefixArguments.Count == 1) start.Environment["YB_PREFIX"] = executable.PrefixArguments[0];
        start.Environment["YB_WORKSPACE"] = workspace;
        start.Environment["TERM"] = "xterm-256color";
        foreach (var (k, v) in home.Environment) start.Environment[k] = v;

        var started = Stopwatch.GetTimestamp();
        using var script = Process.Start(start) ?? throw new InvalidOperationException("could not start script(1)");
        var output = new List<byte>(1 << 20);
        double? first = null, ready = null;
        var stdout = script.StandardOutput.BaseStream;
        var buffer = new byte[64 * 1024];
        int readyScanFrom = 0, markerAt = -1;
        var deadline = TimeSpan.FromSeconds(60);
        try
        {
            while (ready is null)
            {
                var read = stdout.ReadAsync(buffer).AsTask();
                if (!read.Wait(deadline - Stopwatch.GetElapsedTime(started)) || read.Result == 0)
                    throw new InvalidOperationException($"yoi panel showed no dashboard within {deadline.TotalSeconds:0} s; output tail: " +
                        Tail(output));
                var now = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                output.AddRange(buffer.AsSpan(0, read.Result));
                var bytes = output.ToArray();
                if (first is null && IndexOf(bytes, EndSync, 0) >= 0) first = now;
                if (first is null) continue;
                if (markerAt < 0)
                {
                    markerAt = IndexOf(bytes, LoadedListHeader, readyScanFrom);
                    readyScanFrom = Math.Max(readyScanFrom, bytes.Length - LoadedListHeader.Length);
                }
                if (markerAt >= 0 && IndexOf(bytes, EndSync, markerAt) >= 0) ready = now;
            }
            if (holdAfterReady > TimeSpan.Zero) Thread.Sleep(holdAfterReady);
            var panelPid = ChildOf(script.Id) ?? throw new InvalidOperationException("yoi panel's process was not found under script(1)");
            var rss = ProcStatus.KiB(panelPid, "VmHWM") ?? 0;
            _ = stdout.CopyToAsync(Stream.Null);
            script.StandardInput.Write("q");
            script.StandardInput.Flush();
            if (!script.WaitForExit(10_000)) throw new InvalidOperationException("yoi panel did not quit on `q` within 10 s");
            return new PanelStart(first!.Value, ready.Value, rss);
        }
        finally
        {
            if (!script.HasExited)
            {
                if (ChildOf(script.Id) is { } child) Kill(child);
                script.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Milliseconds until <c>script</c> + <c>sh</c> + <c>stty</c> print a first byte: the harness overhead inside the figures.</summary>
    public static double Overhead(int width = 200, int height = 60)
    {
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-qfec", $"stty cols {width} rows {height}; exec printf x", "/dev/null" }) start.ArgumentList.Add(a);
        var started = Stopwatch.GetTimestamp();
        using var script = Process.Start(start)!;
        script.StandardOutput.Read();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        script.WaitForExit(5000);
        return ms;
    }

    private static int? ChildOf(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 ? int.Parse(children[0]) : null;
        }
        catch (IOException) { return null; }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        from >= haystack.Length ? -1 : haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? from + i : -1;

    private static string Tail(List<byte> output) =>
        Regex.Replace(Encoding.UTF8.GetString(output.ToArray()[Math.Max(0, output.Count - 600)..]), @"\e\[[0-9;?]*[A-Za-z]", " ");
}
