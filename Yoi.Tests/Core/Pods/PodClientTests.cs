using System.Net.Sockets;
using Yoi.Core.Protocol;
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

    [NonParallelizable] // measures the probe against a 600 ms wall-clock bound
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

    [Test]
    public async Task Send_and_wait_that_falls_behind_is_caught_up_and_still_returns_the_whole_reply_and_the_end()
    {
        using var dir = new TempDir();
        // An agent whose stream mixes 2,000 text blocks with 2,000 notes: events that do not coalesce, so a waiter
        // that stops reading falls more than the queue's capacity behind and the Pod catches it up with a snapshot.
        // The agent marks when it has printed every block; the waiter stops reading until then (not for a fixed
        // time: on a loaded machine the agent can take longer than any sleep, and the waiter would never fall behind).
        var agent = dir.Combine("agent.sh");
        var printed = dir.Combine("printed");
        File.WriteAllText(agent, $$$"""
            #!/bin/sh
            i=1
            while [ $i -le 2000 ]; do
              printf '{"type":"assistant","message":{"id":"m%d","content":[{"type":"text","text":"line %d\\n"}]}}\n{"type":"mystery"}\n' $i $i
              i=$((i+1))
            done
            : > '{{{printed}}}'
            printf '{"type":"result","subtype":"success","is_error":false,"result":"done"}\n'
            """);
        File.SetUnixFileMode(agent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var pod = PodProcess.Start(dir.Path, "alpha", ["--engine-spec-json", $$"""{"engine":"claude","executable":"{{agent}}"}"""]);
        var first = true;
        var outcome = await PodClient.SendRunAndWaitAsync(pod.SocketPath, [new TextSegment("go")], _ =>
        {
            if (!first) return;
            first = false;
            // A busy script reads nothing while the agent prints everything (the pipe to the Pod holds at most 64 KiB,
            // a few hundred of the 4,000 events, so the Pod has read far more than the queue's 256 by then).
            Poll.Until(() => File.Exists(printed), TimeSpan.FromSeconds(60), "the agent printing every block");
        }, TimeSpan.FromSeconds(90));
        Assert.That(outcome.Kind, Is.EqualTo(RunOutcomeKind.Finished));
        Assert.That(outcome.Reply, Is.EqualTo(string.Concat(Enumerable.Range(1, 2000).Select(i => $"line {i}\n"))));
        Assert.That(pod.Stderr, Does.Contain("catching it up"), "the waiter did fall behind");
    }
}
