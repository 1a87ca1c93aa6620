using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Support;

/// <summary>
/// Drives the real <c>yoi</c> binary (<see cref="YoiProcess.Executable"/>) in a private
/// tmux server (<c>tmux -L yoi-e2e-&lt;unique&gt; -f /dev/null</c>, fixed size), for end-to-end tests of the
/// full-screen views. The pane runs <c>yoi …; echo "[exited rc=N]"; sleep</c>, so the exit code and the restored
/// screen stay readable after yoi ends. Every wait polls <c>capture-pane</c> with a deadline and fails with the pane
/// dumped. Dispose always kills the server. <see cref="Start"/> skips the test (Assert.Ignore) when tmux is missing.
/// </summary>
/// <example>
/// <code>
/// using var tmux = TmuxSession.Start(["attach", "alpha"], env, workspace);
/// tmux.WaitFor(@"alpha .* idle");
/// tmux.SendText("hello"); tmux.SendKeys("Enter");
/// tmux.WaitFor("echo: hello");
/// tmux.SendKeys("Escape");
/// Assert.That(tmux.WaitForExit(), Is.Zero);
/// </code>
/// </example>
public sealed partial class TmuxSession : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private const string Target = "main";
    private const string StartChannel = "yoi-e2e-start";

    private readonly string _socket;
    private bool _disposed;

    private TmuxSession(string socket, int width, int height)
    {
        _socket = socket;
        Width = width;
        Height = height;
    }

    public int Width { get; private set; }
    public int Height { get; private set; }

    /// <summary>The private server's socket name (for <c>tmux -L</c> by hand while debugging).</summary>
    public string SocketName => _socket;

    /// <summary>True when a tmux binary is on PATH.</summary>
    public static bool Available => FindOnPath("tmux") is not null;

    /// <summary>
    /// Starts <c>yoi ARGS</c> (<see cref="YoiProcess.Executable"/>) in a new detached session of a private server, <paramref name="width"/>×
    /// <paramref name="height"/>, with <paramref name="env"/> added to its environment.
    /// </summary>
    /// <param name="afterExit">A shell command run after yoi ends, before the exit line (e.g. <c>stty -a</c> to read the
    /// terminal settings yoi left behind).</param>
    /// <param name="pipeOutputTo">A file that receives everything yoi writes to the pane from its very first byte
    /// (tmux pipe-pane): the pane waits on a tmux channel until the pipe is set up, so a fast start cannot write its
    /// first sequences before the pipe exists.</param>
    public static TmuxSession Start(IEnumerable<string> yoiArgs, IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null, int width = 120, int height = 40, string? afterExit = null, string? pipeOutputTo = null)
    {
        if (!Available) Assert.Ignore("tmux is not installed; the end-to-end terminal tests need it (apt-get install tmux)");
        var socket = $"yoi-e2e-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32];
        var session = new TmuxSession(socket, width, height);
        var command = new StringBuilder();
        // The pane's tmux finds its own server through $TMUX; wait-for returns at once if the channel was already signalled.
        if (pipeOutputTo is not null) command.Append("tmux wait-for ").Append(StartChannel).Append(" && ");
        command.Append("cd ").Append(Quote(workingDirectory ?? Directory.GetCurrentDirectory())).Append(" && ");
        command.Append(Quote(YoiProcess.Executable.Program));
        foreach (var prefix in YoiProcess.Executable.PrefixArguments) command.Append(' ').Append(Quote(prefix));
        foreach (var arg in yoiArgs) command.Append(' ').Append(Quote(arg));
        command.Append("; rc=$?; ").Append(afterExit is null ? "" : afterExit + "; ").Append("echo \"[exited rc=$rc]\"; sleep 600");
        var args = new List<string> { "-f", "/dev/null", "new-session", "-d", "-s", Target, "-x", width.ToString(), "-y", height.ToString() };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            args.Add("-e");
            args.Add($"{key}={value}");
        }
        args.Add(command.ToString());
        try
        {
            session.Tmux(args);
            // Keep the window at the requested size even if a client ever attaches.
            session.Tmux(["set-option", "-t", Target, "window-size", "manual"]);
            if (pipeOutputTo is not null)
            {
                session.Tmux(["pipe-pane", "-o", "-t", Target, "cat >> " + Quote(pipeOutputTo)]);
                session.Tmux(["wait-for", "-S", StartChannel]);
            }
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return session;
    }

    /// <summary>Named keys (tmux key names: Enter, Escape, C-c, PageUp, BSpace, …).</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Target, .. keys]);

    /// <summary>Literal text (no key-name lookup), e.g. Japanese or ":peer beta".</summary>
    public void SendText(string text) => Tmux(["send-keys", "-t", Target, "-l", text]);

    /// <summary>Writes <paramref name="bytes"/> to the program as terminal input in one go (a mouse report, an escape
    /// sequence; tmux passes them through when the program turned the matching mode on).</summary>
    public void SendInput(string bytes) => Tmux(["send-keys", "-t", Target, "-l", bytes]);

    /// <summary>A left click at the 0-based cell (<paramref name="x"/>, <paramref name="y"/>) as the SGR report a terminal sends.</summary>
    public void Click(int x, int y) => SendInput($"\e[<0;{x + 1};{y + 1}M\e[<0;{x + 1};{y + 1}m");

    /// <summary>Pastes <paramref name="text"/> as a terminal does (tmux paste-buffer: bracketed when the program asked
    /// for it; newlines arrive as CR like a terminal's paste).</summary>
    public void Paste(string text)
    {
        Tmux(["set-buffer", "-b", "yoi-e2e", "--", text]);
        Tmux(["paste-buffer", "-p", "-d", "-b", "yoi-e2e", "-t", Target]);
    }

    /// <summary>The pid of the program the pane's shell runs (yoi).</summary>
    public int ProgramPid()
    {
        var shell = int.Parse(Format("#{pane_pid}"), System.Globalization.CultureInfo.InvariantCulture);
        return ChildProcesses.Of(shell)[0];
    }

    /// <summary>The visible pane as plain text (wide characters intact); with <paramref name="escapes"/> the SGR
    /// sequences too.</summary>
    public string Capture(bool escapes = false) =>
        Tmux(escapes ? ["capture-pane", "-p", "-e", "-t", Target] : ["capture-pane", "-p", "-t", Target]);


    /// <summary>A tmux format value of the pane, e.g. <c>#{alternate_on}</c> or <c>#{cursor_flag}</c>.</summary>
    public string Format(string format) => Tmux(["display-message", "-p", "-t", Target, format]).Trim();

    /// <summary>Polls the pane until <paramref name="pattern"/> matches; fails with the pane dumped. Returns the pane.</summary>
    public string WaitFor(string pattern, TimeSpan? timeout = null, string? what = null)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var deadline = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var pane = Capture();
            if (regex.IsMatch(pane)) return pane;
            if (Stopwatch.GetElapsedTime(started) > deadline)
            {
                Assert.Fail($"timed out after {deadline.TotalSeconds:0.#} s waiting for {what ?? "/" + pattern + "/"} in the tmux pane:\n{Dump(pane)}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>Polls until the pane no longer matches <paramref name="pattern"/>.</summary>
    public string WaitForAbsent(string pattern, TimeSpan? timeout = null, string? what = null)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var deadline = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var pane = Capture();
            if (!regex.IsMatch(pane)) return pane;
            if (Stopwatch.GetElapsedTime(started) > deadline)
                Assert.Fail($"timed out after {deadline.TotalSeconds:0.#} s waiting for {what ?? "/" + pattern + "/ to go"} in the tmux pane:\n{Dump(pane)}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits for yoi to end and returns its exit code (from the pane's <c>[exited rc=N]</c> line).</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        var pane = WaitFor(@"\[exited rc=\d+\]", timeout, "yoi to exit");
        return int.Parse(ExitLine().Match(pane).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when the pane is back on the normal screen with a visible cursor (the terminal was restored).</summary>
    public bool TerminalRestored => Format("#{alternate_on}") == "0" && Format("#{cursor_flag}") == "1";

    /// <summary>Resizes the window (delivers SIGWINCH to yoi).</summary>
    public void Resize(int width, int height)
    {
        Tmux(["resize-window", "-t", Target, "-x", width.ToString(), "-y", height.ToString()]);
        Width = width;
        Height = height;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try { Tmux(["kill-server"], check: false); }
        catch (InvalidOperationException) { }
    }

    private static string Dump(string pane)
    {
        var lines = pane.Split('\n');
        var box = new StringBuilder();
        box.AppendLine("┌" + new string('─', 40));
        foreach (var line in lines) box.Append('│').AppendLine(line);
        box.Append("└" + new string('─', 40));
        return box.ToString();
    }

    private string Tmux(IEnumerable<string> args, bool check = true)
    {
        var info = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("TMUX");
        info.Environment.Remove("TMUX_PANE");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start tmux");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} did not finish in 10 s");
        }
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result.Trim()}");
        return stdout.Result;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\[exited rc=(\d+)\]")]
    private static partial Regex ExitLine();
}
