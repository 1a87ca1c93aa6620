using System.Globalization;
using Yoi.Core.Interop;

namespace Yoi.Core.Paths;

/// <summary>A runtime directory that is not safe to put a Pod's socket, pid and status in.</summary>
public sealed class UnsafeRuntimeDirException(string message) : YoiException(message);

/// <summary>
/// The checks tmux and ssh-agent make before trusting a directory with a socket: the runtime root and each Pod's
/// runtime dir must be a real directory (not a symlink), owned by the current user, and closed to group and others
/// (no bit of 077). A missing directory is created with mode 0700 (mkdir never follows a symlink in its last
/// component); every directory is then checked through a descriptor opened with O_NOFOLLOW, so the check is of the
/// directory actually there after creation. An unsafe one is refused, never repaired behind the user's back.
/// </summary>
public static class RuntimeDirSafety
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Throws <see cref="UnsafeRuntimeDirException"/> with the fix when <paramref name="path"/> is not safe.</summary>
    public static void Check(string path)
    {
        var entry = Libc.LStat(path) ?? throw new UnsafeRuntimeDirException($"runtime directory {path} does not exist");
        if (entry.IsSymlink)
            throw new UnsafeRuntimeDirException(
                $"runtime directory {path} is a symlink (to {Target(path)}); yoi does not follow it, so another user cannot redirect the Pod's socket and files. Remove the link (`rm {path}`) or point YOI_RUNTIME_DIR at a real directory");
        if (!entry.IsDirectory)
            throw new UnsafeRuntimeDirException($"runtime directory {path} is not a directory; remove it (`rm {path}`) and retry");
        var opened = Libc.StatDirectoryNoFollow(path)
            ?? throw new UnsafeRuntimeDirException($"runtime directory {path} changed while it was checked (it cannot be opened as a directory without following a link); retry");
        var uid = Libc.GetUid();
        if (opened.Uid != uid)
            throw new UnsafeRuntimeDirException(
                $"runtime directory {path} is owned by uid {opened.Uid}, not by you (uid {uid}); another user could read or replace the Pod's socket. Remove it, or set YOI_RUNTIME_DIR to a directory you own");
        if ((opened.Permissions & 0x3F) != 0)
            throw new UnsafeRuntimeDirException(
                $"runtime directory {path} has mode {Convert.ToString(opened.Permissions, 8).PadLeft(4, '0')}, open to {Who(opened.Permissions)}; make it private with `chmod 700 {path}` and retry");
    }

    /// <summary>
    /// Creates a directory inside the runtime root (a Pod's dir, the hashed-socket dir) with mode 0700 and refuses it,
    /// or the root, when it is a symlink, someone else's, or open to group/others.
    /// </summary>
    public static void EnsureInRoot(string path) => Ensure(path, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) with mode 0700 and checks it and, when it is a Pod's dir or
    /// the hashed-socket dir, the runtime root it sits in (<paramref name="root"/>). Pre-existing parents above the
    /// root (<c>/tmp</c>, <c>$HOME</c>) are not judged.
    /// </summary>
    public static void Ensure(string path, string? root = null)
    {
        if (root is not null && !SamePath(root, path))
        {
            CreateMissing(Path.GetFullPath(root));
            Check(Path.GetFullPath(root)); // before anything is created inside it
        }
        CreateMissing(Path.GetFullPath(path));
        Check(Path.GetFullPath(path));
    }

    private static void CreateMissing(string path)
    {
        if (Libc.LStat(path) is not null) return;
        var parent = Path.GetDirectoryName(path);
        if (parent is not null) CreateMissing(parent);
        try { Directory.CreateDirectory(path, DirectoryMode); }
        catch (IOException) when (Libc.LStat(path) is not null) { } // created concurrently, or a link appeared: Check judges it
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static string Target(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? "?"; }
        catch (IOException) { return "?"; }
    }

    private static string Who(uint permissions) =>
        (permissions & 0x38) != 0 && (permissions & 0x7) != 0 ? "group and others"
        : (permissions & 0x38) != 0 ? "its group" : "others";
}
