using Yoi.Core.Protocol;

namespace Yoi.Core.Runtime;

/// <summary>
/// The seam for Pod discovery/control methods (<c>list_pods</c>, <c>restore_pod</c>, <c>register_peer</c>). The controller
/// calls it only while idle or paused and sends the returned event (a reply or an <c>error</c>) to the requester only.
/// </summary>
public interface IPodControlHandler
{
    Task<Event> HandleAsync(Method method, CancellationToken cancellationToken);
}

/// <summary>Until Pod discovery exists: every control method is answered with a clear <c>invalid_request</c>.</summary>
public sealed class UnavailablePodControlHandler : IPodControlHandler
{
    public Task<Event> HandleAsync(Method method, CancellationToken cancellationToken) =>
        Task.FromResult<Event>(new ErrorEvent(ErrorCode.InvalidRequest,
            $"`{method.Name}` is not available yet: Pod discovery and peers are not implemented in this build"));
}

/// <summary>Sends one method to another Pod's socket, fire-and-forget semantics (delivery = the line was written).</summary>
public interface IPodMethodSender
{
    Task SendAsync(string socketPath, Method method, CancellationToken cancellationToken);
}
