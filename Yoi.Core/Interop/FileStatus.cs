using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Yoi.Core.Interop;

/// <summary>The owner, mode and type of a file as lstat(2) sees it (statx, whose layout is the same on every architecture).</summary>
internal readonly record struct FileStatus(uint Uid, uint Gid, uint Mode)
{
    public const uint TypeMask = 0xF000;
    public const uint TypeDirectory = 0x4000;
    public const uint TypeSymlink = 0xA000;

    public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;
    public bool IsSymlink => (Mode & TypeMask) == TypeSymlink;

    /// <summary>The permission bits (rwx for user, group, others).</summary>
    public uint Permissions => Mode & 0x1FF;
}

internal static partial class Libc
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int ONoFollow = 0x20000;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirFd, string path, int flags, uint mask, Span<byte> buffer);

    /// <summary>lstat: the entry itself (a symlink is reported as one, never followed); null when it does not exist.</summary>
    public static FileStatus? LStat(string path) => Statx(AtFdCwd, path, AtSymlinkNoFollow);

    /// <summary>
    /// Opens the directory without following a symlink in its last component (O_NOFOLLOW | O_DIRECTORY) and reports what
    /// was opened: the check cannot be raced by swapping the path for a link between the check and the use.
    /// Null when it cannot be opened as a directory that way (a symlink, not a directory, missing).
    /// </summary>
    public static FileStatus? StatDirectoryNoFollow(string path)
    {
        var fd = OpenNative(path, ORdonly | ODirectory | ONoFollow | OCloexec);
        if (fd < 0) return null;
        try { return Statx(fd, "", AtEmptyPath); }
        finally { _ = CloseNative(fd); }
    }

    private static FileStatus? Statx(int dirFd, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (StatxNative(dirFd, path, flags, StatxBasicStats, buffer) != 0) return null;
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode, …
        return new FileStatus(BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]), BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
            BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]));
    }
}
