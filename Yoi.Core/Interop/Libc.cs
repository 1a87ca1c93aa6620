using System.Runtime.InteropServices;

namespace Yoi.Core.Interop;

/// <summary>
/// The few POSIX calls .NET does not expose: link(2), fsync on a directory, realpath(3), kill(2), getuid(2), flock(2),
/// and for the agent launcher setpgid(2), prctl(PR_SET_PDEATHSIG), getppid(2), execvp(3).
/// </summary>
internal static partial class Libc
{
    public const int EEXIST = 17;
    public const int ESRCH = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    private const int ORdonly = 0;
    private const int ORdwr = 2;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAtNative(int dirFd, string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPathNative(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void FreeNative(IntPtr ptr);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUidNative();

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2Native(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static partial int SetSidNative();

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockNative(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "setpgid", SetLastError = true)]
    private static partial int SetPgidNative(int pid, int pgid);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetPpidNative();

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int PrctlNative(int option, nint arg2, nint arg3, nint arg4, nint arg5);

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecvpNative(string file, IntPtr[] argv);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SignalNative(int signal, nint handler);

    private const int OCloexec = 0x80000;
    private const int LockShared = 1;
    private const int LockNonBlocking = 4;
    private const int EWOULDBLOCK = 11;
    private const int PrSetPdeathsig = 1;
    public const int SIGPIPE = 13;
    private const int LockExclusive = 2;
    private const int EINTR = 4;

    private const int ONonblock = 0x800;

    /// <summary>
    /// Opens a file read-only without blocking (close-on-exec); -1 on failure. A FIFO opens at once instead of
    /// waiting for a writer; regular files behave as usual.
    /// </summary>
    public static int OpenReadNonBlocking(string path) => OpenNative(path, ORdonly | ONonblock | OCloexec);

    public const int ENOENT = 2;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;
    private const int AtFdCwd = -100;

    // O_DIRECTORY and O_NOFOLLOW differ between x64 (and most others) and arm64.
    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    private static int DirectoryFlag => Arm64 ? 0x4000 : 0x10000;
    private static int NoFollowFlag => Arm64 ? 0x8000 : 0x20000;

    /// <summary>
    /// Opens a directory (read-only, close-on-exec) relative to <paramref name="dirFd"/> (or the working directory when
    /// -1), refusing a symlink as the last component when <paramref name="noFollow"/>. Returns the fd or -errno.
    /// </summary>
    public static int OpenDirectoryAt(int dirFd, string path, bool noFollow) =>
        Result(OpenAtNative(dirFd < 0 ? AtFdCwd : dirFd, path, ORdonly | OCloexec | DirectoryFlag | (noFollow ? NoFollowFlag : 0)));

    /// <summary>Like <see cref="OpenReadNonBlocking"/>, relative to <paramref name="dirFd"/>; returns the fd or -errno (ELOOP for a refused symlink).</summary>
    public static int OpenReadNonBlockingAt(int dirFd, string path, bool noFollow) =>
        Result(OpenAtNative(dirFd, path, ORdonly | ONonblock | OCloexec | (noFollow ? NoFollowFlag : 0)));

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PReadNative(int fd, Span<byte> buffer, nuint count, long offset);

    /// <summary>pread(2) into <paramref name="buffer"/> at <paramref name="offset"/> (retried on EINTR); the bytes read (0 at the end) or -errno.</summary>
    public static int PRead(int fd, Span<byte> buffer, long offset)
    {
        while (true)
        {
            var n = PReadNative(fd, buffer, (nuint)buffer.Length, offset);
            if (n >= 0) return (int)n;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) return -errno;
        }
    }

    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static int Result(int fd) => fd >= 0 ? fd : -Marshal.GetLastPInvokeError();

    /// <summary>Opens an existing file read-write (close-on-exec) without any lock; -1 on failure.</summary>
    public static int OpenReadWrite(string path) => OpenNative(path, ORdwr | OCloexec);

    /// <summary>Blocks until an exclusive flock on <paramref name="fd"/> is held; false on an error other than EINTR.</summary>
    public static bool FlockExclusiveBlocking(int fd)
    {
        while (FlockNative(fd, LockExclusive) != 0)
        {
            if (Marshal.GetLastPInvokeError() != EINTR) return false;
        }
        return true;
    }

    /// <summary>
    /// True when some process holds an exclusive flock on the file (a shared non-blocking lock is refused); false when
    /// it is free or does not exist. Never creates the file; the probe's own shared lock is released at once.
    /// </summary>
    public static bool IsExclusivelyLocked(string path)
    {
        var fd = OpenNative(path, ORdonly | OCloexec);
        if (fd < 0) return false;
        try
        {
            while (true)
            {
                if (FlockNative(fd, LockShared | LockNonBlocking) == 0) return false;
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                return errno == EWOULDBLOCK;
            }
        }
        finally { _ = CloseNative(fd); }
    }

    public static void Close(int fd) => _ = CloseNative(fd);

    /// <summary>Sends a signal to every process of a process group; false when the group does not exist.</summary>
    public static bool KillGroup(int pgid, int signal) => pgid > 1 && KillNative(-pgid, signal) == 0;

    /// <summary>Makes the calling process the leader of a new process group (setpgid(0, 0)).</summary>
    public static bool NewProcessGroup() => SetPgidNative(0, 0) == 0;

    public static int ParentPid() => GetPpidNative();

    /// <summary>Asks the kernel to send <paramref name="signal"/> to this process when its parent (thread) dies.</summary>
    public static bool SetParentDeathSignal(int signal) => PrctlNative(PrSetPdeathsig, signal, 0, 0, 0) == 0;

    /// <summary>Resets a signal to its default disposition (the .NET runtime ignores SIGPIPE; an exec'd program must not inherit that).</summary>
    public static void DefaultSignal(int signal) => _ = SignalNative(signal, 0);

    /// <summary>Replaces this process with <paramref name="argv"/>[0] searched on PATH; returns the error text when exec failed.</summary>
    public static string Exec(IReadOnlyList<string> argv)
    {
        var pointers = new IntPtr[argv.Count + 1];
        for (var i = 0; i < argv.Count; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        _ = ExecvpNative(argv[0], pointers);
        var errno = Marshal.GetLastPInvokeError();
        foreach (var p in pointers) if (p != IntPtr.Zero) Marshal.FreeCoTaskMem(p);
        return Marshal.GetPInvokeErrorMessage(errno);
    }

    /// <summary>Creates <paramref name="newPath"/> as a hard link; returns false when it already exists.</summary>
    public static bool TryLink(string oldPath, string newPath)
    {
        if (LinkNative(oldPath, newPath) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST) return false;
        throw new IOException($"link {oldPath} -> {newPath} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>fsyncs a directory so a rename or link inside it is durable.</summary>
    public static void FsyncDirectory(string directory)
    {
        var fd = OpenNative(directory, ORdonly | DirectoryFlag);
        if (fd < 0) return; // best effort: the data file itself was already fsynced
        try { _ = FsyncNative(fd); }
        finally { _ = CloseNative(fd); }
    }

    /// <summary>The canonical path (symlinks resolved), or null when the path does not exist.</summary>
    public static string? RealPath(string path)
    {
        var ptr = RealPathNative(path, IntPtr.Zero);
        if (ptr == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(ptr); }
        finally { FreeNative(ptr); }
    }

    /// <summary>Sends a signal; returns false when the process does not exist.</summary>
    public static bool Kill(int pid, int signal) => KillNative(pid, signal) == 0;

    /// <summary>True when a process with this pid exists (signal 0 probe).</summary>
    public static bool ProcessExists(int pid)
    {
        if (KillNative(pid, 0) == 0) return true;
        return Marshal.GetLastPInvokeError() != ESRCH;
    }

    public static uint GetUid() => GetUidNative();

    public static int SetSid() => SetSidNative();

    /// <summary>Atomically re-points <paramref name="fd"/> at /dev/null (closing what it referred to). False on failure.</summary>
    public static bool ReplaceWithDevNull(int fd)
    {
        var devNull = OpenNative("/dev/null", ORdwr);
        if (devNull < 0) return false;
        try { return Dup2Native(devNull, fd) >= 0; }
        finally { _ = CloseNative(devNull); }
    }
}
