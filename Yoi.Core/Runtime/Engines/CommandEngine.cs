using System.Diagnostics;
using System.Text;
using Yoi.Core.Interop;

namespace Yoi.Core.Runtime.Engines;

/// <summary>
/// Runs a configured argv per turn (never through a shell unless the argv itself is <c>sh -c …</c>).
/// Placeholders <c>{session_id}</c>, <c>{pod}</c>, <c>{workspace}</c>; input on stdin; stdout lines → text deltas;
/// stderr → diagnostics; exit 0 → finished, otherwise an error with the last stderr lines.
/// Cancel → SIGTERM to the process tree, SIGKILL after <see cref="KillGrace"/>.
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
        info.Environment["YOI_POD"] = context.PodName;
        info.Environment["YOI_SOCKET"] = context.SocketPath;
        info.Environment["YOI_ROLE"] = context.Role ?? "";
        info.Environment["YOI_WORKSPACE"] = context.WorkspaceRoot;
        info.Environment["YOI_TICKET"] = context.Ticket ?? "";
        info.Environment["YOI_SESSION_ID"] = context.SessionId;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return EngineResult.Error($"cannot start engine command `{argv[0]}`: {ex.Message}; check the profile's `command`");
        }

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
        if (cancelled) return EngineResult.Cancelled;
        if (process.ExitCode == 0) return EngineResult.Finished;
        string lines;
        lock (tail) lines = tail.Count == 0 ? "(no stderr output)" : string.Join(" | ", tail);
        return EngineResult.Error($"engine command `{argv[0]}` exited with code {process.ExitCode}: {lines}");
    }

    private async Task StopAsync(Process process)
    {
        var tree = ProcessTree.Descendants(process.Id).Prepend(process.Id).ToList();
        foreach (var pid in tree) Libc.Kill(pid, Libc.SIGTERM);
        var deadline = time.GetTimestamp();
        while (tree.Any(Alive) && time.GetElapsedTime(deadline) < KillGrace)
            await Task.Delay(TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        foreach (var pid in tree.Where(Alive)) Libc.Kill(pid, Libc.SIGKILL);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        bool Alive(int pid) => pid == process.Id ? !process.HasExited : Libc.ProcessExists(pid) && !IsZombie(pid);
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close >= 0 && close + 2 < stat.Length && stat[close + 2] == 'Z';
        }
        catch (IOException) { return false; }
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
