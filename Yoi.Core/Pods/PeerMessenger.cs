using Yoi.Core.Protocol;

namespace Yoi.Core.Pods;

public enum WeakNotifyOutcome { Delivered, SkippedMissing, SkippedNotVisible, SkippedNotPeer, SkippedNotLive, SendFailed }

/// <summary>Why a weak notification was or was not delivered, with the original's display strings (docs/original-core.md §5.1).</summary>
public sealed record WeakNotifyDelivery(WeakNotifyOutcome Outcome, string? Detail = null)
{
    public override string ToString() => Outcome switch
    {
        WeakNotifyOutcome.Delivered => "delivered",
        WeakNotifyOutcome.SkippedMissing => "skipped: target pod metadata is missing",
        WeakNotifyOutcome.SkippedNotVisible => "skipped: target pod is not visible",
        WeakNotifyOutcome.SkippedNotPeer => $"skipped: target pod is visible as {Detail}, not peer",
        WeakNotifyOutcome.SkippedNotLive => Detail is { Length: > 0 }
            ? $"skipped: target peer is not live/reachable ({Detail})"
            : "skipped: target peer is not live/reachable",
        _ => $"send failed: {Detail}",
    };
}

/// <summary>
/// Weak (<c>auto_run:false</c>) notifications and peer messages from a Pod SELF to its peers. Only ever sends to a
/// live Pod visible as <c>peer</c>; never spawns or restores anything.
/// </summary>
public sealed class PeerMessenger(PodDiscovery discovery)
{
    public static string PeerMessagePrefix(string self) => $"[Peer message from `{self}`]\n";

    /// <summary>Decision order of docs/original-core.md §5.1: missing, not visible, other failure, not peer, not live, send.</summary>
    public async Task<WeakNotifyDelivery> SendWeakAsync(string self, string peer, string message, CancellationToken cancellationToken = default)
    {
        VisiblePodItem detail;
        try
        {
            detail = await discovery.InspectAsync(self, peer, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscoveryException ex) when (ex.Failure == DiscoveryFailure.Missing)
        {
            return new WeakNotifyDelivery(WeakNotifyOutcome.SkippedMissing);
        }
        catch (DiscoveryException ex) when (ex.Failure == DiscoveryFailure.NotVisible)
        {
            return new WeakNotifyDelivery(WeakNotifyOutcome.SkippedNotVisible);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return new WeakNotifyDelivery(WeakNotifyOutcome.SendFailed, ex.Message);
        }
        if (detail.Visibility != Visibility.Peer) return new WeakNotifyDelivery(WeakNotifyOutcome.SkippedNotPeer, VariantName(detail.Visibility));
        if (!detail.Live.Reachable) return new WeakNotifyDelivery(WeakNotifyOutcome.SkippedNotLive, detail.Live.Error);
        try
        {
            await PodClient.ConnectAndSendAsync(detail.Live.SocketPath, new NotifyMethod(message, AutoRun: false), cancellationToken).ConfigureAwait(false);
            return new WeakNotifyDelivery(WeakNotifyOutcome.Delivered);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            return new WeakNotifyDelivery(WeakNotifyOutcome.SendFailed, ex.Message);
        }
    }

    /// <summary>
    /// SendToPeerPod: <c>notify{auto_run:true}</c> prefixed with "[Peer message from `SELF`]", only to a live peer.
    /// Throws <see cref="DiscoveryException"/> / <see cref="PodClientException"/> with the original's texts (docs/original-core.md).
    /// </summary>
    public async Task SendPeerMessageAsync(string self, string peer, string message, CancellationToken cancellationToken = default)
    {
        var detail = await discovery.InspectAsync(self, peer, cancellationToken).ConfigureAwait(false);
        if (detail.Visibility != Visibility.Peer)
            throw new DiscoveryException(DiscoveryFailure.NotPeer, $"pod `{peer}` is visible as {VariantName(detail.Visibility)}, not as a peer");
        if (!detail.Live.Reachable)
            throw new PodClientException($"peer pod `{peer}` is not live/reachable; restore it before sending");
        try
        {
            await PodClient.ConnectAndSendAsync(detail.Live.SocketPath,
                new NotifyMethod(PeerMessagePrefix(self) + message), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (YoiIOException.IsIOFailure(ex))
        {
            throw new PodClientException($"send to peer `{peer}`: {ex.Message}", ex);
        }
    }

    private static string VariantName(Visibility visibility) => visibility.ToString();
}
