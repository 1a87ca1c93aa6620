using System.Diagnostics;
using System.Text;
using Yoi.Core.Interop;
using Yoi.Core.Pods;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// Runs a configured argv per turn (never through a shell unless the argv itself is <c>sh -c …</c>).
/// Placeholders <c>{session_id}</c>, <c>{pod}</c>, <c>{workspace}</c>; input on stdin; stdout lines → text deltas;
/// stderr → diagnostics; exit 0 → finished, otherwise an error with the last stderr lines.
/// The agent runs through <see cref="AgentLauncher"/>: in its own process group, killed when the daemon dies, its group
/// recorded in the Pod's <see cref="AgentGroup"/> while it runs. Cancel → SIGTERM to that group, SIGKILL after <see cref="KillGrace"/>.
/// </summary>
public sealed class CommandEngine(IReadOnlyList<string> command, EngineContext context, TimeProvider time) : IEngine
{
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(3);
    private const int StderrTailLines = 5;

    public string Name => "command";
    public string Detail => command[0];

    public IReadOnlyList<string> ResolvedArgv() => command.Select(a => a
        .Replace("{session_id}", context.SessionId, StringComparison.Ordinal)
        .Replace("{pod}", context.PodName, StringComparison.Ordinal)
        .Replace("{workspace}", context.WorkspaceRoot, StringComparison.Ordinal)).ToList();

    public async Task<EngineResult> RunTurnAsync(EngineTurn turn, IEngineSink sink, CancellationToken cancellationToken)
    {
        var argv = ResolvedArgv();
        if (!CanExecute(argv[0], Directory.Exists(context.WorkspaceRoot) ? context.WorkspaceRoot : Environment.CurrentDirectory))
            return EngineResult.Error($"cannot start engine command `{argv[0]}`: no such executable file (searched PATH); check the profile's `command`");
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.Exists(context.WorkspaceRoot) ? context.WorkspaceRoot : Environment.CurrentDirectory,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        AgentLauncher.Wrap(info, PodExecutable.Resolve());
        info.Environment["YOI_POD"] = context.PodName;
        info.Environment["YOI_SOCKET"] = context.SocketPath;
        info.Environment["YOI_ROLE"] = context.Role ?? "";
        info.Environment["YOI_WORKSPACE"] = context.WorkspaceRoot;
        info.Environment["YOI_TICKET"] = context.Ticket ?? "";
        info.Environment["YOI_SESSION_ID"] = context.SessionId;

        using var process = new Process { StartInfo = info };
        try
        {
            await AgentLauncher.Start(process).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return EngineResult.Error($"cannot start engine command `{argv[0]}`: {ex.Message}; check the profile's `command`");
        }
        // The launcher makes the agent the leader of its own process group, so its pid is the group id.
        var group = process.Id;
        RecordGroup(group);

        var stdin = WriteInputAsync(process, turn.Input);
        var stdout = PumpAsync(process.StandardOutput, line => sink.TextDelta(line + "\n"));
        var tail = new Queue<string>();
        var stderr = PumpAsync(process.StandardError, line =>
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > StderrTailLines) tail.Dequeue();
            }
            sink.Diagnostic(line);
        });

        var cancelled = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            await StopAsync(process).ConfigureAwait(false);
        }
        await Task.WhenAll(stdout, stderr, stdin).ConfigureAwait(false);
        context.AgentGroup?.ClearIfEmpty(group);
        if (cancelled) return EngineResult.Cancelled;
        if (process.ExitCode == 0) return EngineResult.Finished;
        string lines;
        lock (tail) lines = tail.Count == 0 ? "(no stderr output)" : string.Join(" | ", tail);
        return EngineResult.Error($"engine command `{argv[0]}` exited with code {process.ExitCode}: {lines}");
    }

    /// <summary>SIGTERM to the agent's process group, SIGKILL after <see cref="KillGrace"/>; the Pod and Pods the agent started (setsid) are untouched.</summary>
    private async Task StopAsync(Process process)
    {
        var group = process.Id;
        if (!Libc.KillGroup(group, Libc.SIGTERM)) Libc.Kill(process.Id, Libc.SIGTERM); // not yet its own group leader
        var deadline = time.GetTimestamp();
        while (ProcessTree.GroupMembers(group).Count > 0 && time.GetElapsedTime(deadline) < KillGrace)
            await Task.Delay(TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        if (!Libc.KillGroup(group, Libc.SIGKILL) && !process.HasExited) Libc.Kill(process.Id, Libc.SIGKILL);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void RecordGroup(int group)
    {
        try { context.AgentGroup?.Record(group, time.GetUtcNow()); }
        catch (IOException) { } // the parent-death signal still ends the leader; only the leftover sweep loses its record
    }

    /// <summary>True when <paramref name="program"/> names an executable file (a path, or a name found on PATH).</summary>
    private static bool CanExecute(string program, string workingDirectory)
    {
        static bool Executable(string path) => File.Exists(path)
            && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        if (program.Contains('/', StringComparison.Ordinal)) return Executable(Path.Combine(workingDirectory, program));
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return path.Split(':').Any(dir => Executable(Path.Combine(dir.Length == 0 ? "." : dir, program)));
    }

    private static async Task WriteInputAsync(Process process, string input)
    {
        try
        {
            await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command does not read its input (or exited early); that is its choice.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line) onLine(line);
        }
        catch (IOException)
        {
        }
    }
}
