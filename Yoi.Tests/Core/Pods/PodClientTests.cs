using System.Net.Sockets;
using Yoi.Core.Pods;
using Yoi.Tests.Support;

namespace Yoi.Tests.Core.Pods;

public class PodClientTests
{
    [Test]
    public async Task Probe_of_a_missing_socket_is_unreachable_with_the_reason()
    {
        using var dir = new TempDir();
        var probe = await PodClient.ProbeAsync(dir.Combine("none.sock"), TimeSpan.FromMilliseconds(200));
        Assert.That(probe.Reachable, Is.False);
        Assert.That(probe.Error, Does.Contain("no socket file"));
    }

    [Test]
    public async Task Probe_of_a_stale_socket_file_is_unreachable_as_refused()
    {
        using var dir = new TempDir();
        var path = dir.Combine("stale.sock");
        // Bound but not listening: connect is refused exactly as for a file left by a killed Pod.
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path));
        var probe = await PodClient.ProbeAsync(path, TimeSpan.FromMilliseconds(200));
        Assert.That(probe.Reachable, Is.False);
    }

    [Test]
    public async Task Probe_of_a_pod_that_accepts_but_never_answers_is_reachable_without_status_within_the_budget()
    {
        using var dir = new TempDir();
        var path = dir.Combine("hung.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var probe = await PodClient.ProbeAsync(path, TimeSpan.FromMilliseconds(200));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Assert.That(probe.Reachable, Is.True);
        Assert.That(probe.Status, Is.Null);
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromMilliseconds(600)));
    }

    [Test]
    public void Connect_retries_within_its_budget_then_names_the_reason()
    {
        using var dir = new TempDir();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ex = Assert.ThrowsAsync<PodUnreachableException>(() => PodConnection.ConnectAsync(dir.Combine("none.sock"), TimeSpan.FromMilliseconds(300)))!;
        Assert.That(ex.Message, Does.Contain("not reachable").And.Contain("connect timed out"));
        Assert.That(System.Diagnostics.Stopwatch.GetElapsedTime(started), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public void Connect_without_retry_fails_at_once_for_a_missing_socket()
    {
        using var dir = new TempDir();
        var ex = Assert.ThrowsAsync<PodUnreachableException>(() => PodConnection.ConnectAsync(dir.Combine("none.sock"), TimeSpan.FromSeconds(5), retry: false))!;
        Assert.That(ex.Reason, Does.Contain("no socket file"));
    }
}
