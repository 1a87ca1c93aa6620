using System.ComponentModel;
using System.Diagnostics;
using Yoi.Core.Engines;
using Yoi.Core.Paths;

namespace Yoi.Core.Pods;

/// <summary>What to start: the daemon's arguments. <see cref="EngineSpecJson"/> is the resolved profile engine.</summary>
public sealed record PodLaunchRequest(
    string Workspace,
    string PodName,
    string? Profile = null,
    string? Role = null,
    string? Ticket = null,
    string? ParentSocket = null,
    string? EngineSpecJson = null,
    string? Cwd = null,
    bool Adopt = false);

/// <summary>A started Pod; <see cref="AdoptedFrom"/> is the workspace it was moved from with <c>--adopt</c>.</summary>
public sealed record LaunchedPod(string PodName, string SocketPath, int Pid, string? AdoptedFrom = null);

/// <summary>
/// Spawns or restores a <c>yoi pod run</c> process detached from the caller (the daemon calls setsid), with
/// stderr appended to <c>&lt;runtime&gt;/&lt;pod&gt;/stderr.log</c>, and waits (20 s) for its ready line
/// <c>YOI-READY\t&lt;name&gt;\t&lt;socket&gt;</c> on stdout and for the socket to accept.
/// </summary>
public sealed class PodLauncher(PodMetadataStore store, PodExecutable executable)
{
    private readonly YoiPaths _paths = store.Paths;

    public static readonly TimeSpan ReadyBudget = TimeSpan.FromSeconds(20);
    public const string ReadyPrefix = "YOI-READY\t";

    /// <summary>Test hook: runs after the claim-holding caller decided to spawn and before the process starts.</summary>
    public Func<PodLaunchRequest, Task>? BeforeSpawn { get; init; }

    public async Task<LaunchedPod> StartAsync(PodLaunchRequest request, CancellationToken cancellationToken = default)
    {
        if (PodName.Problem(request.PodName) is { } problem)
            throw new PodLaunchException(PodLaunchFailure.NotStarted, $"cannot start pod: {problem}");
        if (request.EngineSpecJson is { } specJson)
        {
            EngineSpec spec;
            try { spec = EngineSpec.Parse(specJson); }
            catch (EngineSpecException ex) { throw new PodLaunchException(PodLaunchFailure.NotStarted, $"cannot start pod `{request.PodName}`: {ex.Message}"); }
            if (ProgramLocator.Problem(spec) is { } missing)
                throw new PodLaunchException(PodLaunchFailure.NotStarted, $"cannot start pod `{request.PodName}`: {missing}");
        }
        var socket = _paths.PodSocketPath(request.PodName);
        var adoptedFrom = CheckWorkspace(request);
        var probe = await PodClient.ProbeLiveAsync(socket, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        if (probe.Reachable)
            throw new PodLaunchException(PodLaunchFailure.AlreadyLive, $"pod `{request.PodName}` is already running; open it or stop it first");
        if (DaemonLock.Holder(_paths, request.PodName) is { } holder)
            throw new PodLaunchException(PodLaunchFailure.AlreadyLive, DaemonLock.UnreachableMessage(request.PodName, holder, socket));

        var runtimeDir = _paths.PodRuntimeDir(request.PodName);
        try { RuntimeDirSafety.EnsureInRoot(runtimeDir); }
        catch (UnsafeRuntimeDirException ex) { throw new PodLaunchException(PodLaunchFailure.NotStarted, $"cannot start pod `{request.PodName}`: {ex.Message}"); }
        var stderrLog = Path.Combine(runtimeDir, "stderr.log");
        await File.WriteAllTextAsync(stderrLog, "", cancellationToken).ConfigureAwait(false);

        if (BeforeSpawn is { } hook) await hook(request).ConfigureAwait(false);

        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = request.Cwd ?? request.Workspace,
        };
        // sh only redirects stderr and execs: no user text is ever interpreted by the shell.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" 2>>\"$YOI_POD_STDERR\"");
        start.ArgumentList.Add("yoi-pod");
        start.ArgumentList.Add(executable.Program);
        foreach (var prefix in executable.PrefixArguments) start.ArgumentList.Add(prefix);
        foreach (var argument in DaemonArguments(request)) start.ArgumentList.Add(argument);
        start.Environment["YOI_POD_STDERR"] = stderrLog;
        start.Environment["YOI_DATA_DIR"] = _paths.Data;
        start.Environment["YOI_RUNTIME_DIR"] = _paths.Runtime;
        if (_paths.ConfigOrNull is { } config) start.Environment["YOI_CONFIG_DIR"] = config;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PodLaunchException(PodLaunchFailure.NotStarted, "cannot start pod: the process did not start");
        }
        catch (Win32Exception ex)
        {
            throw new PodLaunchException(PodLaunchFailure.NotStarted, $"cannot start pod `{request.PodName}`: {ex.Message}", ex);
        }
        process.StandardInput.Close();
        try
        {
            return await WaitReadyAsync(process, request.PodName, stderrLog, cancellationToken).ConfigureAwait(false) with { AdoptedFrom = adoptedFrom };
        }
        catch
        {
            Kill(process);
            throw;
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Restores a stopped Pod by name from its metadata (workspace, profile, role, ticket). Never creates one.</summary>
    public Task<LaunchedPod> RestoreAsync(PodMetadata metadata, string? engineSpecJson, bool adopt = false, CancellationToken cancellationToken = default)
    {
        if (metadata.WorkspaceRoot is not { Length: > 0 } workspace || !Directory.Exists(workspace))
            throw new PodLaunchException(PodLaunchFailure.NotStarted,
                $"cannot restore pod `{metadata.PodName}`: its workspace `{metadata.WorkspaceRoot}` does not exist");
        // A delegated child keeps reporting to its parent across restores.
        var parentSocket = metadata.Delegation?.Parent is { } parent && PodName.IsValid(parent) ? _paths.PodSocketPath(parent) : null;
        return StartAsync(new PodLaunchRequest(workspace, metadata.PodName, metadata.Profile, metadata.Role, metadata.Ticket, parentSocket, engineSpecJson,
            Adopt: adopt), cancellationToken);
    }

    /// <summary>Refuses (before anything is spawned) a Pod whose metadata names another workspace, unless adopting.</summary>
    private string? CheckWorkspace(PodLaunchRequest request)
    {
        PodMetadata? existing;
        try { existing = store.Find(request.PodName); }
        catch (PodMetadataException) { return null; } // the daemon refuses it with the reason
        try
        {
            return PodWorkspace.Check(_paths, request.PodName, existing, WorkspaceKey.Canonicalize(request.Workspace), request.Adopt);
        }
        catch (PodWorkspaceMismatchException ex)
        {
            throw new PodLaunchException(PodLaunchFailure.NotStarted, $"cannot start pod: {ex.Message}", ex);
        }
    }

    public static IReadOnlyList<string> DaemonArguments(PodLaunchRequest request)
    {
        var args = new List<string> { "pod", "run", "--workspace", request.Workspace, "--pod", request.PodName };
        void Add(string flag, string? value)
        {
            if (value is { Length: > 0 }) args.AddRange([flag, value]);
        }
        Add("--profile", request.Profile);
        Add("--role", request.Role);
        Add("--ticket", request.Ticket);
        Add("--parent-socket", request.ParentSocket);
        Add("--engine-spec-json", request.EngineSpecJson);
        if (request.Adopt) args.Add("--adopt");
        return args;
    }

    private async Task<LaunchedPod> WaitReadyAsync(Process process, string podName, string stderrLog, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyBudget);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PodLaunchException(PodLaunchFailure.Timeout,
                $"pod `{podName}` did not become ready within {ReadyBudget.TotalSeconds:0}s; see {stderrLog}");
        }
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            var tail = StderrTail(stderrLog);
            // 126/127: the shell could not exec the program, so no Pod process ever ran.
            if (process.HasExited && process.ExitCode is 126 or 127)
                throw new PodLaunchException(PodLaunchFailure.NotStarted,
                    $"cannot start pod `{podName}`: the executable could not be started ({tail})");
            var exit = process.HasExited ? $"exited with status {process.ExitCode}" : "closed its output";
            throw new PodLaunchException(PodLaunchFailure.ExitedEarly,
                $"pod `{podName}` {exit} before it was ready" + (tail.Length > 0 ? $": {tail}" : $"; see {stderrLog}"));
        }
        var parts = line[ReadyPrefix.Length..].Split('\t');
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new PodLaunchException(PodLaunchFailure.ExitedEarly, $"pod `{podName}` printed a malformed ready line: {line}");
        var socket = parts[1];
        var remaining = ReadyBudget;
        try
        {
            await using var check = await PodConnection.ConnectAsync(socket, remaining, SnapshotEntries.Omitted, cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (PodUnreachableException ex)
        {
            throw new PodLaunchException(PodLaunchFailure.Timeout, $"pod `{podName}` announced {socket} but it does not accept connections: {ex.Reason}", ex);
        }
        return new LaunchedPod(parts[0], socket, process.Id);
    }

    /// <summary>The last 8 lines of the Pod's stderr log joined with " | ".</summary>
    public static string StderrTail(string stderrLog)
    {
        try
        {
            var lines = File.ReadAllLines(stderrLog).Where(l => l.Trim().Length > 0).TakeLast(8);
            return string.Join(" | ", lines);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(2000);
        }
        catch (InvalidOperationException) { }
        catch (Win32Exception) { }
    }
}
