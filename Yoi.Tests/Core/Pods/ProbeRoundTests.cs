using System.Diagnostics;
using System.Net.Sockets;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

/// <summary>Integration: one probe round over a real Pod, hung listeners (accept, never answer) and missing sockets.</summary>
[NonParallelizable] // measures that a probe round ends at its 300 ms deadline
[Category("Integration")]
public class ProbeRoundTests
{
    [Test]
    public async Task A_round_with_hung_pods_returns_at_its_one_deadline_with_every_result_in_socket_order()
    {
        using var dir = new TempDir("yoi-round");
        using var pod = PodProcess.Start(dir.Path, "live");
        var hung = Enumerable.Range(0, 40).Select(i =>
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(dir.Combine($"hung{i}.sock")));
            listener.Listen(4);
            return listener;
        }).ToList();
        try
        {
            var sockets = new List<string> { pod.SocketPath, dir.Combine("missing.sock") };
            sockets.AddRange(Enumerable.Range(0, hung.Count).Select(i => dir.Combine($"hung{i}.sock")));
            var budget = TimeSpan.FromMilliseconds(300);
            await ProbeRound.RunAsync(sockets, budget); // warm-up (first connect pays JIT)

            var started = Stopwatch.GetTimestamp();
            var results = await ProbeRound.RunAsync(sockets, budget);
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.That(results, Has.Count.EqualTo(sockets.Count));
            Assert.That(results[0].Status, Is.EqualTo(PodStatus.Idle), results[0].Error);
            Assert.That(results[1].Reachable, Is.False);
            Assert.That(results.Skip(2).Select(r => r.Status), Is.All.Null, "a hung Pod never has a status");
            // The round ends at the deadline, not at the last hung probe's own timeout plus its cancellation: a
            // generous margin for a loaded 2-core machine, still far below 40 hung Pods one after another.
            Assert.That(elapsed, Is.LessThan(budget + TimeSpan.FromMilliseconds(700)), $"round took {elapsed.TotalMilliseconds:0} ms");
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(budget - TimeSpan.FromMilliseconds(20)), "hung Pods hold the round until its deadline");
        }
        finally
        {
            foreach (var l in hung) l.Dispose();
        }
    }
}
