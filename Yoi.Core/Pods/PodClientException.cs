namespace Yoi.Core.Pods;

/// <summary>A client-side failure talking to a Pod; the message names the step ("connect timed out", …).</summary>
public class PodClientException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>The socket did not accept a connection (no socket file, refused, or timed out).</summary>
public sealed class PodUnreachableException(string socketPath, string reason, Exception? inner = null)
    : PodClientException($"pod socket {socketPath} is not reachable: {reason}", inner)
{
    public string SocketPath { get; } = socketPath;
    public string Reason { get; } = reason;
}
