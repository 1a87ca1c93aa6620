using System.Runtime.InteropServices;

namespace Yoi.Tui.Terminal;

/// <summary>
/// The few terminal calls .NET lacks: raw mode on stdin (termios: no echo, no line editing, no signals from keys, bytes
/// as typed; output processing stays on), reading stdin with a timeout (poll + read), and stopping the process group
/// for Ctrl+Z. Linux only (the termios layout is glibc's and musl's: 4 flag words, c_line, 32 c_cc, 2 speeds).
/// </summary>
internal static partial class Termios
{
    private const int StdIn = 0;
    private const int TcsaNow = 0;
    private const int Size = 64; // sizeof(struct termios) is 60 on Linux
    private const int SigTstp = 20;
    private const short PollIn = 0x001;
    private const uint Opost = 0x1, Onlcr = 0x4;
    private const int VTime = 5, VMin = 6; // indexes into c_cc on Linux

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int action, byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw([In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, [Out] byte[] buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    public static bool StdInIsTerminal => IsATty(StdIn) == 1;

    private static readonly Lock Gate = new();
    private static byte[]? _raw;
    private static readonly byte[] Current = new byte[Size];

    /// <summary>Puts stdin in raw mode and returns the settings to restore, or null when stdin is not a terminal.
    /// From then on <see cref="KeepRaw"/> puts raw mode back if anything changes it, until <see cref="Restore"/>.</summary>
    public static byte[]? EnterRaw()
    {
        lock (Gate)
        {
            var saved = new byte[Size];
            if (TcGetAttr(StdIn, saved) != 0) return null;
            var raw = (byte[])saved.Clone();
            CfMakeRaw(raw);
            var oflag = BitConverter.ToUInt32(raw, 4) | Opost | Onlcr; // keep "\n" → "\r\n" for anything printed while up
            BitConverter.TryWriteBytes(raw.AsSpan(4), oflag);
            if (TcSetAttr(StdIn, TcsaNow, raw) != 0) return null;
            _raw = raw;
            return saved;
        }
    }

    /// <summary>
    /// Puts raw mode back when the terminal's settings differ from it. The .NET runtime switches the terminal to line
    /// mode while a child process that shares it runs (a Pod daemon started from the panel inherits stderr) and to its
    /// own read mode afterwards; both would break raw input. One <c>tcgetattr</c> per call.
    /// </summary>
    public static void KeepRaw()
    {
        lock (Gate)
        {
            if (_raw is not { } raw) return;
            var buffer = Current;
            if (TcGetAttr(StdIn, buffer) != 0) return;
            // The four flag words, then c_line and the control characters (VTIME, VMIN).
            if (buffer.AsSpan(0, 16).SequenceEqual(raw.AsSpan(0, 16)) && buffer[17 + VTime] == raw[17 + VTime] && buffer[17 + VMin] == raw[17 + VMin]) return;
            _ = TcSetAttr(StdIn, TcsaNow, raw);
        }
    }

    /// <summary>Restores settings from <see cref="EnterRaw"/> and stops <see cref="KeepRaw"/>.</summary>
    public static void Restore(byte[] saved)
    {
        lock (Gate)
        {
            _raw = null;
            _ = TcSetAttr(StdIn, TcsaNow, saved);
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for stdin, then reads what is there: the byte count, 0 on timeout,
    /// -1 at end of input (the terminal went away).</summary>
    public static int ReadStdIn(byte[] buffer, int timeoutMs)
    {
        var fd = new PollFd { Fd = StdIn, Events = PollIn };
        var ready = Poll(ref fd, 1, timeoutMs);
        if (ready == 0) return 0;
        if (ready < 0) return Marshal.GetLastPInvokeError() == 4 /* EINTR */ ? 0 : -1;
        var n = Read(StdIn, buffer, (nuint)buffer.Length);
        if (n < 0) return Marshal.GetLastPInvokeError() is 4 or 11 /* EINTR, EAGAIN */ ? 0 : -1;
        return n == 0 ? -1 : (int)n;
    }

    /// <summary>Stops this process's group as Ctrl+Z would in cooked mode; returns after the shell's <c>fg</c> (SIGCONT).</summary>
    public static void StopProcessGroup() => _ = Kill(0, SigTstp);
}
