using System.Diagnostics;
using System.Text;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Support;

/// <summary>
/// A real <c>yoi pod run</c> child process (<see cref="YoiProcess.Executable"/>) with YOI_DATA_DIR,
/// YOI_RUNTIME_DIR and YOI_CONFIG_DIR inside <see cref="Root"/>. <see cref="Start"/> waits for the ready line on stdout
/// (with a deadline); stderr is collected for failure messages. Dispose kills the process tree and reaps it.
/// </summary>
public sealed class PodProcess : IDisposable
{
    public static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private PodProcess(Process process, string root, string name)
    {
        _process = process;
        Root = root;
        Name = name;
    }

    public string Root { get; }
    public string Name { get; }
    public string SocketPath { get; private set; } = "";
    public string ReadyLine { get; private set; } = "";
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static string DataDir(string root) => Path.Combine(root, "d");
    public static string RuntimeDir(string root) => Path.Combine(root, "r");
    public static string ConfigDir(string root) => Path.Combine(root, "c");
    public static string Workspace(string root) => Path.Combine(root, "ws");
    public static Yoi.Core.Paths.YoiPaths Paths(string root) => new(ConfigDir(root), DataDir(root), RuntimeDir(root));

    /// <summary>Starts <c>yoi pod run --workspace &lt;root&gt;/ws --pod NAME [args]</c> and waits for it to be ready.</summary>
    public static PodProcess Start(string root, string name, IEnumerable<string>? extraArgs = null, IDictionary<string, string>? env = null)
    {
        var pod = Launch(root, name, extraArgs, env);
        try
        {
            pod.WaitReady();
            return pod;
        }
        catch
        {
            pod.Dispose();
            throw;
        }
    }

    /// <summary>Starts the process without waiting (for tests that expect a startup failure).</summary>
    public static PodProcess Launch(string root, string name, IEnumerable<string>? extraArgs = null, IDictionary<string, string>? env = null)
    {
        Directory.CreateDirectory(Workspace(root));
        var info = YoiProcess.StartInfo(new[] { "pod", "run", "--workspace", Workspace(root), "--pod", name }.Concat(extraArgs ?? []),
            workingDirectory: Workspace(root));
        info.Environment["YOI_DATA_DIR"] = DataDir(root);
        info.Environment["YOI_RUNTIME_DIR"] = RuntimeDir(root);
        info.Environment["YOI_CONFIG_DIR"] = ConfigDir(root);
        info.Environment.Remove("YOI_HOME");
        info.Environment.Remove("YOI_TEST_CRASH_AT");
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var pod = new PodProcess(process, root, name);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (pod._stderr) pod._stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return pod;
    }

    private void WaitReady()
    {
        var read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(ReadyDeadline) || read.Result is not { } line)
            throw new AssertionException($"pod `{Name}` gave no ready line within {ReadyDeadline.TotalSeconds} s; stderr:\n{Stderr}");
        ReadyLine = line;
        var parts = line.Split('\t');
        if (parts.Length != 3 || parts[0] != "YOI-READY" || parts[1] != Name)
            throw new AssertionException($"pod `{Name}` printed a malformed ready line `{line}`; stderr:\n{Stderr}");
        SocketPath = parts[2];
    }

    /// <summary>Reads the rest of stdout (empty once the Pod closed it after the ready line).</summary>
    public string RestOfStdout(TimeSpan timeout)
    {
        var read = _process.StandardOutput.ReadToEndAsync();
        return read.Wait(timeout) ? read.Result : "<stdout still open>";
    }

    /// <summary>Waits for exit; on success also waits until the collected stderr is complete.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit();
        return true;
    }

    public void Signal(int signal) => Yoi.Core.Interop.Libc.Kill(_process.Id, signal);

    /// <summary>kill -9: no cleanup runs in the Pod.</summary>
    public void KillHard()
    {
        Signal(Yoi.Core.Interop.Libc.SIGKILL);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                ChildProcesses.KillWithDescendants(_process.Id);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
