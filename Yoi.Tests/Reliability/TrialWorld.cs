using System.Diagnostics;
using System.Text.Json;
using Yoi.Core.Claims;
using Yoi.Core.Paths;
using Yoi.Core.Registry;
using Yoi.Core.Storage;
using Yoi.Tests.Support;

namespace Yoi.Tests.Reliability;

/// <summary>One data/runtime/config/workspace layout (the PodProcess layout) plus the checks every trial ends with.</summary>
internal sealed class TrialWorld : IDisposable
{
    private const int Killed = 137;

    /// <summary>Config files are JSON with comments (JSONC); data files never have any.</summary>
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly TempDir _dir = new("yoi-crash");
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int _crashes;
    private int _faults;
    private int _checkedFiles;
    private int _checkedLocks;

    public TrialWorld()
    {
        Directory.CreateDirectory(Workspace);
        Paths = new YoiPaths(PodProcess.ConfigDir(Root), PodProcess.DataDir(Root), PodProcess.RuntimeDir(Root));
        Location = RegistryLocation.ForWorkspace(Paths, Workspace);
    }

    public string Root => _dir.Path;
    public string Workspace => PodProcess.Workspace(Root);
    public YoiPaths Paths { get; }
    public RegistryLocation Location { get; }

    public Dictionary<string, string> Env => new()
    {
        ["YOI_DATA_DIR"] = Paths.Data,
        ["YOI_RUNTIME_DIR"] = Paths.Runtime,
        ["YOI_CONFIG_DIR"] = Paths.Config,
    };

    public TicketClaims Claims() => new(Location, TimeProvider.System);

    /// <summary>Runs <c>yoi args</c> with the crash point armed and asserts it was reached (the process died by SIGKILL).</summary>
    public void Crash(string point, params string[] args)
    {
        var env = Env;
        env[CrashPoint.Variable] = point;
        var result = YoiProcess.Run(args, env, Workspace, TimeSpan.FromSeconds(90));
        Assert.That(result.ExitCode, Is.EqualTo(Killed), $"crash point {point} was not reached by `yoi {string.Join(' ', args)}`: {result.Stdout}{result.Stderr}");
        _crashes++;
    }

    /// <summary>
    /// Runs <c>yoi args</c> with the write fault <paramref name="spec"/> armed (<c>point:n:errno</c>) and asserts the
    /// fault was reached and reported: the output names <paramref name="file"/> and the cause. Returns the result.
    /// </summary>
    public YoiResult Fault(string spec, string file, params string[] args)
    {
        var env = Env;
        env[FaultPoint.Variable] = spec;
        var result = YoiProcess.Run(args, env, Workspace, TimeSpan.FromSeconds(90));
        var output = result.Stdout + result.Stderr;
        var cause = spec.EndsWith("eio", StringComparison.Ordinal) ? "input/output error" : "no space left on device";
        Assert.That(output, Does.Contain("could not write ").And.Contain(Path.GetFileName(file)).And.Contain(cause),
            $"fault {spec} was not reached or not reported by `yoi {string.Join(' ', args)}` (exit {result.ExitCode})");
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
        _faults++;
        return result;
    }

    /// <summary>No temp file of an atomic write is left anywhere (a failed write removes its own).</summary>
    public void AssertNoTempFiles() =>
        Assert.That(Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(f => AtomicFile.IsTempFileName(Path.GetFileName(f))), Is.Empty,
            "no temp file left behind");

    public int Faults => _faults;

    public void CountFault() => _faults++;

    /// <summary>Stops a Pod started by a crashed launcher (SIGTERM via its pid file; nothing else knows about it).</summary>
    public void StopPod(string podName)
    {
        var pidFile = Path.Combine(Paths.PodRuntimeDir(podName), "pid");
        if (!File.Exists(pidFile)) return;
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Yoi.Core.Interop.Libc.Kill(pid, Yoi.Core.Interop.Libc.SIGTERM);
        Poll.Until(() => !Yoi.Core.Interop.Libc.ProcessExists(pid) || IsZombie(pid), TimeSpan.FromSeconds(20), $"pod {podName} to stop");
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'); }
        catch (IOException) { return true; }
    }

    /// <summary>No corrupt file (every JSON file parses, every complete JSONL line parses) and every lock is free.</summary>
    public void AssertHealthy()
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (AtomicFile.IsTempFileName(name) || file.Contains("/.yoi/tickets/", StringComparison.Ordinal) && !name.EndsWith(".lock", StringComparison.Ordinal)) continue;
            if (name.EndsWith(".lock", StringComparison.Ordinal))
            {
                _checkedLocks++;
                if (!FileLock.IsFree(file)) problems.Add($"lock still held: {file}");
                continue;
            }
            if (name.EndsWith(".json", StringComparison.Ordinal))
            {
                _checkedFiles++;
                try { using var _ = JsonDocument.Parse(File.ReadAllBytes(file), JsonOptions); }
                catch (JsonException ex) { problems.Add($"{file}: {ex.Message}"); }
            }
            else if (name.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                _checkedFiles++;
                var lines = File.ReadAllText(file).Split('\n');
                foreach (var line in lines.Take(lines.Length - 1).Where(l => l.Length > 0))
                {
                    try { using var _ = JsonDocument.Parse(line, JsonOptions); }
                    catch (JsonException ex) { problems.Add($"{file}: {ex.Message}"); }
                }
            }
        }
        Assert.That(problems, Is.Empty);
    }

    public void ReportFaults(string point, params (string, object)[] extra) =>
        Reliability.Report($"fault {point}", [("faults", _faults), ("files_checked", _checkedFiles), ("locks_checked", _checkedLocks),
            ("corrupt", 0), .. extra, ("elapsed", Reliability.Seconds(_watch))]);

    public void Report(string point, params (string, object)[] extra) =>
        Reliability.Report($"crash {point}", [("crashes", _crashes), ("files_checked", _checkedFiles), ("locks_checked", _checkedLocks),
            ("corrupt", 0), .. extra, ("elapsed", Reliability.Seconds(_watch))]);

    public void CountCrash() => _crashes++;

    public void Dispose() => _dir.Dispose();
}
