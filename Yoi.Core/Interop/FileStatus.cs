using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Yoi.Core.Interop;

/// <summary>
/// The owner, mode, type, size and modification time of a file as lstat(2) / fstat(2) see it (statx, whose layout is
/// the same on every architecture). <see cref="ModifiedUtcTicks"/> is what <c>File.GetLastWriteTimeUtc(…).Ticks</c> gives.
/// </summary>
internal readonly record struct FileStatus(uint Uid, uint Gid, uint Mode, long Size = 0, long ModifiedUtcTicks = 0)
{
    public const uint TypeMask = 0xF000;
    public const uint TypeDirectory = 0x4000;
    public const uint TypeSymlink = 0xA000;
    public const uint TypeRegular = 0x8000;

    public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;
    public bool IsRegularFile => (Mode & TypeMask) == TypeRegular;
    public bool IsSymlink => (Mode & TypeMask) == TypeSymlink;

    /// <summary>The permission bits (rwx for user, group, others).</summary>
    public uint Permissions => Mode & 0x1FF;
}

internal static partial class Libc
{
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;

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
        var fd = OpenNative(path, ORdonly | DirectoryFlag | NoFollowFlag | OCloexec);
        if (fd < 0) return null;
        try { return Stat(fd); }
        finally { _ = CloseNative(fd); }
    }

    /// <summary>fstat of an open descriptor (one call for its type, size and modification time); null when it fails.</summary>
    public static FileStatus? Stat(int fd) => Statx(fd, "", AtEmptyPath);

    /// <summary>
    /// lstat of <paramref name="name"/> relative to the open directory <paramref name="dirFd"/> (a symlink is reported as
    /// one); null with <paramref name="errno"/> set when it fails (ENOENT: absent).
    /// </summary>
    public static FileStatus? LStatAt(int dirFd, string name, out int errno)
    {
        var status = Statx(dirFd, name, AtSymlinkNoFollow);
        errno = status is null ? Marshal.GetLastPInvokeError() : 0;
        return status;
    }

    private static FileStatus? Statx(int dirFd, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (StatxNative(dirFd, path, flags, StatxBasicStats, buffer) != 0) return null;
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode, u16 pad, u64 ino,
        // u64 size (40), u64 blocks, u64 attributes_mask, then four timestamps {i64 sec, u32 nsec, i32 pad}: atime (64),
        // btime (80), ctime (96), mtime (112).
        var modified = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]))
            .AddTicks(BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]) / 100);
        return new FileStatus(BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]), BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
            BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]), (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]), modified.UtcTicks);
    }
}
