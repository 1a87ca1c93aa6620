using Yoi.Core.Pods;
using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>The daemon's upward delivery (PodEvents to the parent) through the one client path, <see cref="PodClient.ConnectAndSendAsync"/>.</summary>
public sealed class PodClientSender : IPodMethodSender
{
    public Task SendAsync(string socketPath, Method method, CancellationToken cancellationToken) =>
        PodClient.ConnectAndSendAsync(socketPath, method, cancellationToken);
}
