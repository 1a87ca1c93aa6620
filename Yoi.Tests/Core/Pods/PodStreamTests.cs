using System.Collections.Concurrent;
using Yoi.Core.Pods;
using Yoi.Core.Protocol;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

/// <summary>The attached view's stream against a real echo-engine Pod process over its Unix socket.</summary>
public class PodStreamTests
{
    [Test, CancelAfter(30_000)]
    public async Task The_snapshot_comes_first_then_a_run_streams_its_events_and_a_stop_ends_the_stream()
    {
        using var dir = new TempDir("ps");
        using var pod = PodProcess.Start(dir.Path, "alpha");
        var events = new ConcurrentQueue<string>();
        string? lost = null;
        await using var stream = new PodStream(pod.SocketPath);
        stream.Start(s => events.Enqueue($"snapshot:{s.Greeting.PodName}:{s.Status}"), e => events.Enqueue(e.Name), r => lost = r);
        Poll.Until(() => events.Contains("snapshot:alpha:Idle"), TimeSpan.FromSeconds(10), "the snapshot");

        await stream.SendAsync(RunMethod.Text("hi"));
        Poll.Until(() => events.Contains("run_end"), TimeSpan.FromSeconds(10), "the run to end");
        var names = events.ToList();
        Assert.That(names[0], Is.EqualTo("snapshot:alpha:Idle"));
        Assert.That(names.IndexOf("user_message"), Is.LessThan(names.IndexOf("text_delta")));
        Assert.That(names.IndexOf("text_delta"), Is.LessThan(names.IndexOf("text_done")));
        Assert.That(names.IndexOf("text_done"), Is.LessThan(names.IndexOf("run_end")));

        await stream.SendAsync(new ShutdownMethod());
        Poll.Until(() => lost is not null, TimeSpan.FromSeconds(10), "the stream to end");
        Assert.That(lost, Is.EqualTo("the Pod closed the connection"));
        Assert.That(events, Does.Contain("shutdown"));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_pod_that_is_not_running_is_reported_as_lost_with_the_reason()
    {
        using var dir = new TempDir("ps");
        string? lost = null;
        await using var stream = new PodStream(Path.Combine(dir.Path, "sock"));
        stream.Start(_ => Assert.Fail("no snapshot expected"), _ => { }, r => lost = r);
        Poll.Until(() => lost is not null, TimeSpan.FromSeconds(5), "the failure");
        Assert.That(lost, Does.Contain("not running"));
        Assert.ThrowsAsync<InvalidOperationException>(() => stream.SendAsync(new PauseMethod()));
    }
}
