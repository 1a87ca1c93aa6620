using System.Collections.Concurrent;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Yoi.Core.Pods;

/// <summary>
/// The connect pipelines, built once per (budget, retry) and shared by every connect with that budget: a probe round
/// over 200 Pods builds one pipeline, not 200. Outer total timeout → retry (jittered exponential backoff, only for
/// refused / no socket file / attempt timeout) → per-attempt timeout. Odd budgets past <see cref="MaxCached"/> are
/// built per call so the cache cannot grow without bound.
/// </summary>
internal static class ConnectPipelines
{
    private const int MaxCached = 64;
    private static readonly ConcurrentDictionary<(TimeSpan Budget, bool Retry), ResiliencePipeline> Cache = new();

    public static ResiliencePipeline For(TimeSpan budget, bool retry)
    {
        if (Cache.TryGetValue((budget, retry), out var cached)) return cached;
        var built = Build(budget, retry);
        return Cache.Count < MaxCached ? Cache.GetOrAdd((budget, retry), built) : built;
    }

    /// <summary>Refused, no socket file, a full backlog: the Pod may be starting or busy, so the connect is tried again.</summary>
    public static bool IsRetryable(SocketException e) => e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable
        or SocketError.TryAgain or SocketError.AddressFamilyNotSupported;

    private static ResiliencePipeline Build(TimeSpan budget, bool retry)
    {
        var attempt = TimeSpan.FromMilliseconds(Math.Min(budget.TotalMilliseconds, 1000));
        var builder = new ResiliencePipelineBuilder().AddTimeout(budget);
        if (retry)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SocketException>(IsRetryable).Handle<TimeoutRejectedException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromMilliseconds(250),
                MaxRetryAttempts = int.MaxValue,
            });
        }
        return builder.AddTimeout(attempt).Build();
    }
}
