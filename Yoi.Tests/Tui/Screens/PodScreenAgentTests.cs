using Yoi.Core.Protocol;
using Yoi.Tests.Core.Engines;
using Yoi.Tests.Support;
using Yoi.Tui.Screens;
using Frame = Yoi.Tui.Terminal.Frame;

namespace Yoi.Tests.Tui.Screens;

public class PodScreenAgentTests
{
    /// <summary>
    /// A real Pod on the `claude` preset whose program replays a recorded Claude Code stream: the attached view shows
    /// the tool call, its result, the answer (tab expanded, colour codes removed) and the final result with usage,
    /// live and again from the snapshot after a reconnect.
    /// </summary>
    [Test]
    public void The_attached_view_shows_a_tool_call_and_the_final_result_from_a_recorded_stream()
    {
        using var dir = new TempDir();
        var replay = dir.Combine("claude-replay");
        File.WriteAllText(replay, $"#!/bin/sh\ncat >/dev/null\ncat '{ClaudeStreamParserTests.RecordedStream}'\n");
        File.SetUnixFileMode(replay, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var pod = PodProcess.Start(dir.Path, "alpha", ["--engine-spec-json", $$"""{"engine":"claude","executable":"{{replay}}"}"""]);

        var screen = new PodScreen(new PodAttachment("alpha", pod.SocketPath, () => [], null));
        var (client, snapshot, _) = PodSocket.Open(pod.SocketPath);
        using (client)
        {
            screen.ApplySnapshot(snapshot);
            client.Send(RunMethod.Text("comment on the ticket"));
            client.WaitFor<RunEndEvent>();
            client.WaitFor<StatusEvent>(e => e.Status == PodStatus.Idle);
            foreach (var e in client.Seen) screen.ApplyEvent(e);
        }
        var live = Draw(screen);
        Snapshot.Match(live);

        var (again, reconnected, _) = PodSocket.Open(pod.SocketPath);
        using (again) screen.ApplySnapshot(reconnected);
        Assert.That(Draw(screen), Is.EqualTo(live), "the session log keeps what the live stream showed");
    }

    private static string Draw(PodScreen screen)
    {
        var frame = new Frame(100, 16);
        screen.Render(frame);
        return frame.ToPlainText();
    }
}
