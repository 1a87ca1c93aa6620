using System.Diagnostics;
using System.Text;
using Yoi.Core.Interop;
using Yoi.Core.Paths;

namespace Yoi.Core.Engines;

/// <summary>
/// Runs an agent's argv per turn (never through a shell unless the argv itself is <c>sh -c …</c>): the first-turn argv
/// until the agent's conversation exists, then the later-turn argv (<see cref="AgentCommand"/>). Input on stdin;
/// stdout lines go through the engine's parser (plain text, or Claude/Codex structured events); stderr → diagnostics;
/// exit 0 → finished, otherwise an error naming the agent's own message.
/// The agent runs through <see cref="AgentLauncher"/>: in its own process group, killed when the daemon dies, its group
/// recorded in the Pod's <see cref="AgentGroup"/> while it runs. Cancel → SIGTERM to that group, SIGKILL after <see cref="KillGrace"/>.
/// </summary>
public sealed class CommandEngine(AgentCommand plan, EngineContext context, TimeProvider time) : IEngine
{
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(3);
    private const int StderrTailLines = 5;

    private string? _agentSessionId = context.AgentSessionId;

    public CommandEngine(IReadOnlyList<string> command, EngineContext context, TimeProvider time)
        : this(AgentCommand.Plain(command), context, time)
    {
    }

    public string Name => plan.Name;
    public string Detail => plan.Program;

    /// <summary>The agent's conversation id once it exists (restore resumes exactly this one), else null.</summary>
    public string? AgentSessionId => _agentSessionId;

    /// <summary>The argv of the next turn, placeholders filled in.</summary>
    public IReadOnlyList<string> ResolvedArgv() =>
        (_agentSessionId is not null && plan.LaterTurns is { } later ? later : plan.FirstTurn).Select(a => a
            .Replace("{session_id}", context.SessionId, StringComparison.Ordinal)
            .Replace("{agent_session_id}", _agentSessionId ?? context.SessionId, StringComparison.Ordinal)
            .Replace("{pod}", context.PodName, StringComparison.Ordinal)
            .Replace("{workspace}", context.WorkspaceRoot, StringComparison.Ordinal)).ToList();

    public async Task<EngineResult> RunTurnAsync(EngineTurn turn, IEngineSink sink, CancellationToken cancellationToken)
    {
        var argv = ResolvedArgv();
        if (!CanExecute(argv[0], context.AgentDirectory))
            return EngineResult.Error(plan.InstallHint is { } missing
                ? $"`{argv[0]}` is not installed or not on PATH: {missing}"
                : $"cannot start engine command `{argv[0]}`: no such executable file (searched PATH); check the profile's `command`");
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = context.AgentDirectory,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        AgentLauncher.Wrap(info, context.AgentLauncherExecutable);
        foreach (var (key, value) in plan.Environment) info.Environment[key] = value;
        info.Environment["YOI_POD"] = context.PodName;
        info.Environment["YOI_SOCKET"] = context.SocketPath;
        info.Environment["YOI_ROLE"] = context.Role ?? "";
        info.Environment["YOI_WORKSPACE"] = context.WorkspaceRoot;
        info.Environment["YOI_TICKET"] = context.Ticket ?? "";
        if (context.WorkDir is { } worktree) info.Environment["YOI_WORKTREE"] = worktree;
        info.Environment["YOI_SESSION_ID"] = context.SessionId;
        if (context.ToolsDir is { } tools)
            info.Environment["PATH"] = tools + (info.Environment.TryGetValue("PATH", out var path) && path is { Length: > 0 } ? ":" + path : "");

        using var process = new Process { StartInfo = info };
        try
        {
            await AgentLauncher.Start(process).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return EngineResult.Error(plan.InstallHint is { } hint
                ? $"`{argv[0]}` is not installed or not on PATH ({ex.Message}): {hint}"
                : $"cannot start engine command `{argv[0]}`: {ex.Message}; check the profile's `command`");
        }
        // The launcher makes the agent the leader of its own process group, so its pid is the group id.
        var group = process.Id;
        RecordGroup(group);

        var parser = plan.Parser(sink);
        var stdin = WriteInputAsync(process, turn.Input);
        var stdout = PumpAsync(process.StandardOutput, parser.Line);
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
        NoteConversation(parser.AgentSessionId ?? (plan.LaterTurns is not null && (cancelled || process.ExitCode == 0) ? context.SessionId : null));
        if (cancelled) return EngineResult.Cancelled;
        if (process.ExitCode == 0 && parser.ReportedError is null) return EngineResult.Finished;
        string lines;
        lock (tail) lines = tail.Count == 0 ? "(no stderr output)" : string.Join(" | ", tail);
        return EngineResult.Error(parser.ReportedError is { } reported
            ? $"{plan.Name}: {reported}" + (process.ExitCode != 0 ? $" (exit code {process.ExitCode})" : "")
            : $"engine command `{argv[0]}` exited with code {process.ExitCode}: {lines}");
    }

    /// <summary>Once the agent's conversation exists, later turns resume it; a new id is recorded in Pod metadata.</summary>
    private void NoteConversation(string? id)
    {
        if (id is null || id == _agentSessionId) return;
        _agentSessionId = id;
        context.RecordAgentSession?.Invoke(id);
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
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex)) { } // the parent-death signal still ends the leader; only the leftover sweep loses its record
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
