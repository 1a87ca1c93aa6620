using Yoi.Core.Panel.Actions;
using Yoi.Core.Tickets;
using Yoi.Tests.Support;
using Yoi.Tui.Screens;
using Yoi.Tui.Screens.Panel;
using Yoi.Tui.Terminal;

namespace Yoi.Tests.Tui.Screens.Panel;

/// <summary>
/// The Ticket lifecycle from the real panel screen: a <see cref="PanelScreen"/> on a <see cref="ScreenHost"/> over a
/// real workspace, keys written as terminal bytes, actions carried out by the shipping dispatch through Yoi.Core.
/// The Ticket view shows the whole record; Mark ready asks y/n and moves planning → ready through the store's gate.
/// </summary>
[NonParallelizable] // runs a terminal session in the test process, which reacts to process-wide signals (SIGWINCH from TerminalSessionTests)
public class PanelTicketLifecycleTests
{
    private sealed class Discard : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) { }
        public override void Write(byte[] buffer, int offset, int count) { }
    }

    private sealed class Running(ScreenHost host, QueueInput input, Task<int> loop, TerminalSession session) : IDisposable
    {
        public ScreenHost Host => host;
        public void Keys(string bytes) => input.Write(bytes);
        public string Screen => host.LastFrame?.ToPlainText() ?? "";

        public string WaitFor(Func<string, bool> condition, string what)
        {
            Poll.Until(() => condition(Screen), TimeSpan.FromSeconds(30), what);
            return Screen;
        }

        public void Dispose()
        {
            input.Write("\x03"); // Ctrl+C quits
            loop.Wait(TimeSpan.FromSeconds(10));
            session.Dispose();
            input.Dispose();
        }
    }

    private static Running Open(PanelWorld world)
    {
        var input = new QueueInput();
        var session = new TerminalSession(new Discard(), input, () => (120, 40), new Renderer(noColor: true), ownsConsole: false);
        session.Begin(installHandlers: false);
        var loader = world.Loader();
        var screen = new PanelScreen(loader, PanelIntentDispatch.Create(new PanelActions(world.Services, world.Workspace), world.Control),
            PanelIntentDispatch.PodScreens(world.Control), []);
        var host = new ScreenHost(session);
        return new Running(host, input, host.RunAsync(screen), session);
    }

    [Test, CancelAfter(60_000)]
    public void V_shows_the_whole_ticket_and_esc_goes_back_to_the_list()
    {
        using var world = new PanelWorld(config: """{ "tickets": { "root": ".yoi/tickets" }, "panel": { "autostart": [] } }""");
        var id = world.Ticket("ログイン画面のエラー表示を改善する");
        world.Tickets.Comment(id, "comment", "The error text must name the field.", "reviewer");
        using var panel = Open(world);
        panel.WaitFor(s => s.Contains("Open Tickets · 1", StringComparison.Ordinal), "the Ticket list");

        panel.Keys("\e[B"); // ↓ selects the Ticket
        panel.Keys("v");
        // The body is the view's own: the list's details pane already names the latest comment, so waiting for the thread alone
        // could read the list before the view is drawn.
        var view = panel.WaitFor(s => s.Contains("Body of ", StringComparison.Ordinal) && s.Contains("The error text must name the field.", StringComparison.Ordinal),
            "the body and the thread in the Ticket view");
        Assert.That(view, Does.Contain("ログイン画面のエラー表示を改善する").And.Contain("Body of ログイン画面のエラー表示を改善する."));
        panel.Keys("\e");
        // The list is back in the view's place (the details pane still names the latest comment).
        panel.WaitFor(s => !s.Contains("Body of ", StringComparison.Ordinal) && s.Contains("Open Tickets · 1", StringComparison.Ordinal),
            "back on the list");
    }

    [Test, CancelAfter(60_000)]
    public void R_marks_a_planning_ticket_ready_after_y_and_n_changes_nothing()
    {
        using var world = new PanelWorld(config: """{ "tickets": { "root": ".yoi/tickets" }, "panel": { "autostart": [] } }""");
        var id = world.Ticket("Make the gate visible");
        using var panel = Open(world);
        panel.WaitFor(s => s.Contains("Open Tickets · 1", StringComparison.Ordinal), "the Ticket list");

        panel.Keys("\e[B");
        panel.Keys("r");
        panel.WaitFor(s => s.Contains($"Mark Ticket {id} \"Make the gate visible\" ready (planning → ready)? y/n", StringComparison.Ordinal), "the question");
        panel.Keys("n");
        panel.WaitFor(s => s.Contains("Mark ready cancelled; nothing changed.", StringComparison.Ordinal), "cancelled");
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Planning));

        panel.Keys("r");
        panel.WaitFor(s => s.Contains("(planning → ready)? y/n", StringComparison.Ordinal), "asked again");
        panel.Keys("y");
        panel.WaitFor(s => s.Contains("▶ ready", StringComparison.Ordinal), "the row says ready after the reload");
        Assert.That(world.Tickets.Show(id).Meta.State, Is.EqualTo(TicketState.Ready), "the store moved planning → ready");
    }
}
