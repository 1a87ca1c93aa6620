namespace Yoi.Core.Interop;

/// <summary>The signals a terminal program must receive whatever started it.</summary>
public static class TerminalSignals
{
    /// <summary>
    /// Unblocks SIGWINCH for the calling thread (call it on the main thread, which lives as long as the process): a
    /// wrapper that blocked it (`perf record` does for its workload; the mask survives exec) would otherwise keep every
    /// terminal resize from reaching the panel.
    /// </summary>
    public static bool AcceptResize() => Libc.SetSignalBlocked(Libc.SIGWINCH, blocked: false);
}
