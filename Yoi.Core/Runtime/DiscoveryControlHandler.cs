using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// Answers <c>list_pods</c>, <c>restore_pod</c> and <c>register_peer</c> for the Pod named <paramref name="self"/> through
/// <see cref="PodDiscovery"/> and <see cref="PeerLinks"/>. Refusals become <c>error invalid_request</c> with their text.
/// </summary>
public sealed class DiscoveryControlHandler(string self, PodDiscovery discovery, PeerLinks peers, PodControl pods) : IPodControlHandler
{
    public async Task<Event> HandleAsync(Method method, CancellationToken cancellationToken)
    {
        try
        {
            return method switch
            {
                ListPodsMethod => new PodsListedEvent(PodsJson.ToElement((await discovery.ListPodsAsync(self, cancellationToken).ConfigureAwait(false)).ToList())),
                RestorePodMethod restore => new PodRestoredEvent(PodsJson.ToElement(await discovery.RestoreAsync(self, restore.PodName, pods, cancellationToken).ConfigureAwait(false))),
                RegisterPeerMethod register => new PeerRegisteredEvent(PodsJson.ToElement(peers.Register(self, register.PodName))),
                _ => new ErrorEvent(ErrorCode.InvalidRequest, $"`{method.Name}` is not a discovery method"),
            };
        }
        catch (Exception ex) when (YoiException.IsReportable(ex) || ex is ArgumentException)
        {
            return new ErrorEvent(ErrorCode.InvalidRequest, ex.Message);
        }
    }
}
