using System.Diagnostics;
using Yoi.Tests.Tui.Cli;

namespace Yoi.Tests.Support;

/// <summary>
/// A small real tmpfs mounted for one test (needs root: the suite runs as root here and in CI), which can be filled to
/// the last byte and freed again. <see cref="SkipReason"/> says why it cannot be used on this machine.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private readonly List<string> _fillers = [];

    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Null when a tmpfs can be mounted here, otherwise the reason (for Assert.Ignore).</summary>
    public static string? SkipReason()
    {
        if (Yoi.Core.Interop.Libc.GetUid() != 0) return "mounting a tmpfs needs root (the suite runs as root in CI); run as root to try a real full filesystem";
        return null;
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. <c>2m</c>) with mode 0700 at <paramref name="path"/>.</summary>
    public static Tmpfs Mount(string path, string size)
    {
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        if (code != 0) Assert.Ignore($"cannot mount a tmpfs at {path} ({output.Trim()}); a real full filesystem cannot be tried here");
        return new Tmpfs(path);
    }

    /// <summary>Writes filler files until the filesystem refuses another byte (ENOSPC). Returns the bytes written.</summary>
    public long Fill()
    {
        var filler = System.IO.Path.Combine(Path, $"filler-{_fillers.Count}");
        _fillers.Add(filler);
        long written = 0;
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in new[] { 1 << 16, 1 << 12, 1 << 8, 1 })
        {
            var bytes = new byte[chunk];
            while (true)
            {
                try { stream.Write(bytes); }
                catch (IOException) { break; }
                written += chunk;
            }
        }
        Assert.That(FreeBytes(), Is.Zero, "the filesystem is full");
        return written;
    }

    /// <summary>Deletes every filler file: the space is back.</summary>
    public void Free()
    {
        foreach (var filler in _fillers) File.Delete(filler);
        _fillers.Clear();
    }

    public long FreeBytes() => new DriveInfo(Path).AvailableFreeSpace;

    public void Dispose()
    {
        var (code, output) = Run("umount", Path);
        if (code != 0) _ = Run("umount", "-l", Path);
        _ = output;
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
