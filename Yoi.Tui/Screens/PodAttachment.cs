using Yoi.Core.Pods;

namespace Yoi.Tui.Screens;

/// <summary>
/// What the attached view needs from the outside: the Pod's name and socket, how to read its peers (metadata) and
/// how to restore it when the connection is lost and the Pod stopped (null = reconnect only).
/// </summary>
public sealed record PodAttachment(
    string PodName,
    string SocketPath,
    Func<IReadOnlyList<string>> ReadPeers,
    Func<CancellationToken, Task>? RestoreAsync)
{
    /// <summary>The usual wiring through <see cref="PodControl"/> (metadata store, restore through the launcher).</summary>
    public static PodAttachment For(PodControl control, string podName) => new(
        podName,
        control.SocketOf(podName),
        () => control.Store.Find(podName)?.Peers.Select(p => p.PodName).ToList() ?? [],
        async ct => await control.RestoreAsync(podName, ct).ConfigureAwait(false))
    {
        MarkSeen = () => new PodSeenStore(control.Store.Paths).MarkSeen(podName, DateTimeOffset.UtcNow),
    };

    /// <summary>Records that the user looked at the Pod (on open and on leaving the view); clears "done · unseen".</summary>
    public Action? MarkSeen { get; init; }
}
