namespace Yoi.Core.Pods;

/// <summary>A client-side failure talking to a Pod; the message names the step ("connect timed out", …).</summary>
public class PodClientException(string message, Exception? inner = null) : YoiIOException(message, inner);

/// <summary>Why a Pod's socket did not accept a connection; callers decide on this, never on the text.</summary>
public enum UnreachableKind
{
    /// <summary>No socket file: the Pod is not running.</summary>
    NoSocket,
    /// <summary>The socket refused: nothing listens (the Pod is not running).</summary>
    Refused,
    /// <summary>The connect did not finish within the budget: a listener may exist but be slow (cold or loaded).</summary>
    TimedOut,
    /// <summary>The socket path is longer than a Unix socket allows.</summary>
    PathTooLong,
    /// <summary>Any other socket error (the reason says which).</summary>
    Other,
}

/// <summary>The socket did not accept a connection (no socket file, refused, or timed out).</summary>
public sealed class PodUnreachableException(string socketPath, UnreachableKind kind, string reason, Exception? inner = null)
    : PodClientException($"pod socket {socketPath} is not reachable: {reason}", inner)
{
    public string SocketPath { get; } = socketPath;
    public UnreachableKind Kind { get; } = kind;
    public string Reason { get; } = reason;
}
