using Yoi.Core.Tickets;

namespace Yoi.Core.Demo;

/// <summary>One seeded demo Ticket and what it is there to show.</summary>
public sealed record DemoTicket(string Id, string Title, TicketState State, string Shows);

/// <summary>The seeded Tickets by purpose, so callers (the CLI, tests, benchmarks) need not search by title.</summary>
public sealed record DemoTicketSet(
    IReadOnlyList<DemoTicket> All,
    string IntakeTicket,
    string StaleClaimTicket,
    string ActiveBlockedTicket,
    string SoftBlockedTicket,
    string DoneTicket);

/// <summary>
/// Seeds Tickets in every state through the real <see cref="TicketStore"/> (real transitions, so every thread has
/// its events): planning, ready, queued, inprogress, done and closed; Japanese and English titles; a ready Ticket
/// with an active blocker (depends on a planning Ticket) and one with a soft blocker (depends on a queued Ticket).
/// </summary>
internal static class DemoTickets
{
    public const string Author = "yoi-demo";

    public static DemoTicketSet Seed(TicketStore store)
    {
        var all = new List<DemoTicket>();
        string Add(string title, string body, TicketState state, string shows)
        {
            var id = store.Create(new NewTicket(title, body), Author);
            if (state != TicketState.Planning) store.MarkReady(id, "Scope is clear; acceptance criteria are in the body.", Author);
            if (state is TicketState.Queued or TicketState.InProgress or TicketState.Done) store.Queue(id, Author);
            if (state is TicketState.InProgress or TicketState.Done)
                store.SetWorkflowState(id, TicketState.Queued, TicketState.InProgress, "demo_started", "Implementation started.", Author);
            if (state == TicketState.Done)
                store.SetWorkflowState(id, TicketState.InProgress, TicketState.Done, "demo_done", "Implemented and reviewed.", Author);
            if (state == TicketState.Closed) store.Close(id, "Closed during the demo setup: superseded by the session log work.", Author);
            all.Add(new DemoTicket(id, title, state, shows));
            return id;
        }

        var intake = Add("ログイン画面のエラー表示を改善する", Body("ログイン失敗時のメッセージが分かりにくい。原因と次の操作を表示する。"),
            TicketState.Planning, "planning, claimed by a live Intake Pod");
        var stale = Add("Document the session log format", Body("Write down every entry kind of the session log with an example."),
            TicketState.Planning, "planning, stale claim (its Pod has no metadata) to reclaim");
        var prerequisite = Add("通知の既読管理を追加する", Body("弱い通知に既読フラグを付け、Pod 行の件数を正しく減らす。"),
            TicketState.Planning, "planning, blocks the next Ticket");
        var activeBlocked = Add("Show read notifications in the attached view", Body("Mark notifications as read when the attached view shows them."),
            TicketState.Ready, "ready with an active blocker (depends on a planning Ticket)");
        var queued = Add("検索インデックスを再構築する", Body("Ticket 一覧の検索インデックスを起動時に再構築する。"),
            TicketState.Queued, "queued");
        var softBlocked = Add("Add a filter for queued work", Body("Let `/` filter by state as well as by title."),
            TicketState.Ready, "ready with a soft blocker (depends on a queued Ticket)");
        Add("Pod 一覧の並び順を安定させる", Body("再読み込みのたびに Pod 行の順序が入れ替わらないようにする。"),
            TicketState.InProgress, "inprogress");
        var done = Add("Fix wide-character truncation in titles", Body("Cut titles by cell width and never split a wide character."),
            TicketState.Done, "done, ready to close");
        Add("Remove legacy ticket buckets", Body("Drop the open/pending/closed bucket directories."),
            TicketState.Closed, "closed");
        Add("日本語タイトルの幅計算テストを追加する", Body("全角文字を含むタイトルで列がそろうことを確認する。"),
            TicketState.Ready, "ready to queue");

        store.AddRelation(activeBlocked, "depends_on", prerequisite, "needs read state first", Author);
        store.AddRelation(softBlocked, "depends_on", queued, "reuses the rebuilt index", Author);
        return new DemoTicketSet(all, intake, stale, activeBlocked, softBlocked, done);
    }

    private static string Body(string background) =>
        $"## Background\n\n{background}\n\n## Acceptance criteria\n\n- [ ] The change is covered by a test.\n";
}
