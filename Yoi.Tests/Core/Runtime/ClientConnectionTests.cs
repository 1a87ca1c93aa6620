using Yoi.Core.Paths;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Core.Runtime;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Runtime;

/// <summary>Integration: one-shot clients against a real <c>yoi pod run</c> daemon.</summary>
[Category("Integration")]
public class ClientConnectionTests
{
    [Test]
    public async Task Every_written_one_shot_notify_is_queued_even_when_the_sender_closes_while_live_events_are_in_flight()
    {
        // 8 senders connect, read the prelude, write a notify and close at once. Meanwhile the Pod broadcasts a
        // status event per queued notify to every open connection, so it often writes to a client that has just
        // closed. That write failing must not discard the notify the client already wrote.
        using var dir = new TempDir();
        using var pod = PodProcess.Start(dir.Path, "alpha");
        const int senders = 8, perSender = 40;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < perSender; i++)
                await PodClient.ConnectAndSendAsync(pod.SocketPath, new NotifyMethod($"n s{s} i{i}", AutoRun: false));
        })));

        var pending = 0;
        try
        {
            await Poll.UntilAsync(async () =>
            {
                pending = (await PodClient.ProbeAsync(pod.SocketPath, TimeSpan.FromSeconds(2))).PendingNotifications;
                return pending >= senders * perSender;
            }, TimeSpan.FromSeconds(10), $"{senders * perSender} pending notifications");
        }
        finally
        {
            TestContext.Out.WriteLine($"pending notifications: {pending}");
        }

        var paths = new YoiPaths(PodProcess.ConfigDir(dir.Path), PodProcess.DataDir(dir.Path), PodProcess.RuntimeDir(dir.Path));
        var active = new PodMetadataStore(paths, TimeProvider.System).Find("alpha")!.Active!;
        var queued = SessionLog.Read(paths.SessionLogPath(active.SessionId, active.SegmentId!)).Entries.OfType<NotifyQueuedEntry>()
            .Select(e => e.Message).ToList();
        Assert.That(queued, Has.Count.EqualTo(senders * perSender));
        Assert.That(queued.Distinct().Count(), Is.EqualTo(senders * perSender), "each notify is queued exactly once");
    }
}
